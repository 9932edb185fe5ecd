"""E-mail backends that fail the way providers and SMTP servers do."""

import smtplib

from anymail.exceptions import AnymailRecipientsRefused
from django.core.mail.backends.base import BaseEmailBackend


class DownBackend(BaseEmailBackend):
    """The mail server hangs up: a temporary failure."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class RefusingBackend(BaseEmailBackend):
    """The provider refuses the recipient: a permanent failure."""

    def send_messages(self, email_messages):
        raise AnymailRecipientsRefused("All message recipients were rejected")
