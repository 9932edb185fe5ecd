"""Sending an outbox row: claim it, render it, hand it to the provider, record the outcome.

A temporary failure puts the row back in the queue with a back-off; the sweep
re-enqueues rows whose task was lost. Every status change goes through status.py.
"""

import logging
import smtplib
from functools import partial

from anymail.exceptions import (
    AnymailAPIError,
    AnymailInvalidAddress,
    AnymailRecipientsRefused,
)
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications import conf
from notifications.models import Message
from notifications.rendering import render_message, secret_reference

from .outbox import enqueue
from .status import message_move

logger = logging.getLogger(__name__)

S = Message.Status


class TemporarySendError(Exception):
    """Sending failed in a way that may pass; try again in `retry_in` seconds."""

    def __init__(self, message: str, *, retry_in: int):
        super().__init__(message)
        self.retry_in = retry_in


def _is_temporary(exc: BaseException) -> bool:
    if isinstance(exc, AnymailRecipientsRefused | AnymailInvalidAddress):
        return False
    if isinstance(exc, AnymailAPIError):
        return exc.status_code is None or exc.status_code == 429 or exc.status_code >= 500
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return False
    if isinstance(exc, smtplib.SMTPResponseException):
        return 400 <= exc.smtp_code < 500
    return isinstance(exc, smtplib.SMTPException | OSError)


def backoff_seconds(attempt: int) -> int:
    return min(conf.retry_base_seconds() * 2 ** max(attempt - 1, 0), conf.retry_max_seconds())


def _claim(message_id: int) -> Message | None:
    with transaction.atomic():
        message = Message.objects.select_for_update().filter(pk=message_id).first()
        if message is None or message.status != S.QUEUED:
            return None
        now = timezone.now()
        message_move(message, "claim", now=now)
        message.attempts += 1
        message.sending_started_at = now
        message.save(
            update_fields=["status", "status_changed_at", "attempts", "sending_started_at"]
        )
        return message


def _provider_id(email) -> str:
    status = getattr(email, "anymail_status", None)
    found = getattr(status, "message_id", None)
    if isinstance(found, set):
        found = next(iter(found)) if len(found) == 1 else None
    return "" if found is None else str(found)


def _build(message: Message, rendered) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        subject=rendered.subject,
        body=rendered.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to_email],
        headers={"X-Omstilling-Message": str(message.pk)},
    )
    email.attach_alternative(rendered.html, "text/html")
    for attachment in message.attachments.all():
        email.attach(attachment.filename, attachment.read(), attachment.mimetype)
    return email


def message_deliver(*, message_id: int) -> Message | None:
    """Claim a queued row, render and send it. Raises TemporarySendError when worth retrying."""
    message = _claim(message_id)
    if message is None:
        return None
    try:
        # A secret link is made now, for this sending only; the row keeps the redacted copy.
        rendered = render_message(message, with_secrets=True)
        kept = render_message(message) if secret_reference(message.context) else rendered
        email = _build(message, rendered)
        email.send()
    except Exception as exc:
        return _after_failure(message.pk, exc)
    with transaction.atomic():
        locked = Message.objects.select_for_update().get(pk=message.pk)
        if locked.status == S.SENDING:
            message_move(locked, "sent")
        locked.provider_message_id = _provider_id(email)
        locked.sent_at = timezone.now()
        locked.subject, locked.body_text, locked.body_html = kept.subject, kept.text, kept.html
        locked.last_error = ""
        locked.save()
    return locked


def _after_failure(message_id: int, exc: Exception) -> Message:
    error = f"{type(exc).__name__}: {exc}"[:2000]
    with transaction.atomic():
        message = Message.objects.select_for_update().get(pk=message_id)
        message.last_error = error
        if message.status != S.SENDING:
            message.save(update_fields=["last_error"])
            return message
        if _is_temporary(exc) and message.attempts < conf.max_attempts():
            retry_in = backoff_seconds(message.attempts)
            message_move(message, "retry")
            message.not_before = timezone.now() + timezone.timedelta(seconds=retry_in)
            message.save()
            logger.info(
                "E-mail %s failed (attempt %s), retry in %ss: %s",
                message_id,
                message.attempts,
                retry_in,
                error,
            )
        else:
            message_move(message, "fail")
            message.save()
            logger.error(
                "E-mail %s failed for good after %s attempt(s): %s",
                message_id,
                message.attempts,
                error,
            )
            return message
    raise TemporarySendError(error, retry_in=retry_in)


def message_sweep(*, now=None, limit: int = 1000) -> int:
    """Re-enqueue rows whose task was lost: queued too long, or stuck in `sending`."""
    now = now or timezone.now()
    requeue_before = now - conf.requeue_after()
    with transaction.atomic():
        stuck = list(
            Message.objects.select_for_update(skip_locked=True)
            .filter(status=S.SENDING, sending_started_at__lt=now - conf.sending_timeout())
            .values_list("pk", flat=True)[:limit]
        )
        if stuck:
            interrupted = _("Sendingen ble avbrutt (arbeideren stoppet).")
            Message.objects.filter(pk__in=stuck, attempts__gte=conf.max_attempts()).update(
                status=S.FAILED, status_changed_at=now, last_error=interrupted
            )
            Message.objects.filter(pk__in=stuck, attempts__lt=conf.max_attempts()).update(
                status=S.QUEUED,
                status_changed_at=now,
                not_before=requeue_before,
                last_error=interrupted,
            )
    with transaction.atomic():
        waiting = list(
            Message.objects.select_for_update(skip_locked=True)
            .filter(status=S.QUEUED, not_before__lte=requeue_before)
            .order_by("not_before")
            .values_list("pk", flat=True)[:limit]
        )
        if waiting:
            # The next sweep waits another interval before trying these again.
            Message.objects.filter(pk__in=waiting).update(not_before=now)
            transaction.on_commit(partial(enqueue, waiting))
    return len(waiting)
