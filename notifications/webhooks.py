"""Mailgun's signed tracking webhook, refusing signed payloads older than a few minutes.

Mailgun signs `timestamp + token`; anymail checks the signature but not the age, so a
payload captured once could be posted again at any later time. NOTIFICATIONS_WEBHOOK_MAX_AGE
(seconds, default 300) bounds how old a payload may be, and how far in the future.
"""

import json
import time

from anymail.exceptions import AnymailWebhookValidationFailure
from anymail.webhooks.mailgun import MailgunTrackingWebhookView

from notifications import conf


def signed_timestamp(request) -> float:
    try:
        if request.content_type == "application/json":
            return float(json.loads(request.body.decode("utf-8"))["signature"]["timestamp"])
        return float(request.POST["timestamp"])
    except (KeyError, TypeError, ValueError, UnicodeDecodeError) as err:
        raise AnymailWebhookValidationFailure("Mailgun webhook without a timestamp") from err


class MailgunTracking(MailgunTrackingWebhookView):
    def validate_request(self, request):
        super().validate_request(request)  # basic auth and the signature first
        age = time.time() - signed_timestamp(request)
        if abs(age) > conf.webhook_max_age_seconds():
            raise AnymailWebhookValidationFailure(
                f"Mailgun webhook payload signed {int(age)} s ago: too old to trust"
            )
