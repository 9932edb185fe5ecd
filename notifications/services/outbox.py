"""The one way to send an e-mail: a row in the caller's transaction, a Celery task after commit.

A message moves queued → sending → sent / failed, then the provider's webhook
moves a sent message to delivered / bounced / complained. Every move is
checked against TRANSITIONS under a row lock.
"""

import json
import logging
import smtplib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial

from anymail.exceptions import (
    AnymailAPIError,
    AnymailInvalidAddress,
    AnymailRecipientsRefused,
)
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from felles.errors import DomainError
from notifications import conf
from notifications.models import Attachment, Message, Preference
from notifications.rendering import render_message

logger = logging.getLogger(__name__)

S = Message.Status
TRANSITIONS: dict[str, set[str]] = {
    S.QUEUED: {S.SENDING, S.FAILED},
    S.SENDING: {S.SENT, S.QUEUED, S.FAILED},
    S.SENT: {S.DELIVERED, S.BOUNCED, S.COMPLAINED},
    S.DELIVERED: {S.BOUNCED, S.COMPLAINED},
    S.BOUNCED: set(),
    S.COMPLAINED: set(),
    S.FAILED: set(),
}


class TemporarySendError(Exception):
    """Sending failed in a way that may pass; try again in `retry_in` seconds."""

    def __init__(self, message: str, *, retry_in: int):
        super().__init__(message)
        self.retry_in = retry_in


@dataclass(frozen=True)
class OutgoingAttachment:
    filename: str
    mimetype: str = "application/octet-stream"
    content: bytes | None = None
    path: str = ""


@dataclass(frozen=True)
class MessageSpec:
    """One message for `messages_send_many`: what `message_send` takes, already resolved."""

    to_email: str
    template: str
    key: str
    language: str
    context: dict = field(default_factory=dict)
    user_id: int | None = None
    case_type_id: int | None = None
    case_id: int | None = None
    is_legal: bool = False


def _move(message: Message, to: str, *, now=None) -> None:
    if to not in TRANSITIONS[message.status]:
        raise DomainError(
            _("E-posten kan ikke gå fra %(from)s til %(to)s.") % {"from": message.status, "to": to}
        )
    message.status = to
    message.status_changed_at = now or timezone.now()


def _as_json(context: dict | None) -> dict:
    return json.loads(json.dumps(context or {}, cls=DjangoJSONEncoder))


def case_ref(case) -> tuple[int | None, int | None]:
    if case is None:
        return None, None
    return ContentType.objects.get_for_model(case).pk, case.pk


def language_of(user) -> str | None:
    if user is None:
        return None
    found = Preference.objects.filter(user=user).values_list("language", flat=True).first()
    return found


def _recipient(to) -> tuple[object | None, str]:
    if isinstance(to, str):
        return None, to.strip()
    return to, (to.email or "").strip()


def _attachment(item) -> OutgoingAttachment:
    if isinstance(item, OutgoingAttachment):
        return item
    if isinstance(item, dict):
        return OutgoingAttachment(**item)
    filename, content, *rest = item
    return OutgoingAttachment(
        filename=filename,
        content=content,
        mimetype=(rest or [None])[0] or "application/octet-stream",
    )


def message_send(
    *,
    to,
    template: str,
    key: str,
    context: dict | None = None,
    language: str | None = None,
    case=None,
    legal: bool = False,
    attachments: Iterable = (),
) -> Message:
    """Write one e-mail to the outbox in the caller's transaction; send it after commit.

    `to` is a user or an e-mail address. A second call with the same `key`
    returns the first row and does nothing else.
    """
    user, email = _recipient(to)
    if not email:
        raise DomainError(_("Mottakeren har ingen e-postadresse."), code="no_email")
    language = language or language_of(user) or settings.LANGUAGE_CODE
    case_type_id, case_id = case_ref(case)
    with transaction.atomic():
        message, created = Message.objects.get_or_create(
            key=key,
            defaults={
                "to_email": email,
                "user": user,
                "language": language,
                "template": template,
                "context": _as_json(context),
                "case_type_id": case_type_id,
                "case_id": case_id,
                "is_legal": legal,
            },
        )
        if created:
            for item in map(_attachment, attachments):
                Attachment.objects.create(
                    message=message,
                    filename=item.filename,
                    mimetype=item.mimetype,
                    content=item.content,
                    path=item.path,
                )
            transaction.on_commit(partial(enqueue, [message.pk]))
    return message


def messages_send_many(specs: Sequence[MessageSpec]) -> list[int]:
    """`message_send` for many at once in a fixed number of queries; returns the new rows' ids."""
    if not specs:
        return []
    keys = [spec.key for spec in specs]
    existing = set(Message.objects.filter(key__in=keys).values_list("key", flat=True))
    new = [
        Message(
            to_email=spec.to_email,
            user_id=spec.user_id,
            language=spec.language,
            template=spec.template,
            context=_as_json(spec.context),
            case_type_id=spec.case_type_id,
            case_id=spec.case_id,
            key=spec.key,
            is_legal=spec.is_legal,
        )
        for spec in {spec.key: spec for spec in specs if spec.key not in existing}.values()
    ]
    if not new:
        return []
    Message.objects.bulk_create(new, ignore_conflicts=True, batch_size=1000)
    ids = list(
        Message.objects.filter(key__in=[m.key for m in new], status=S.QUEUED).values_list(
            "pk", flat=True
        )
    )
    transaction.on_commit(partial(enqueue, ids))
    return ids


def role_members(roles: Iterable[str]) -> dict[str, list]:
    """Active users with an e-mail address per role, in one query."""
    roles = {str(role) for role in roles}
    members: dict[str, list] = {role: [] for role in roles}
    if not roles:
        return members
    memberships = (
        get_user_model()
        .groups.through.objects.filter(group__name__in=roles, user__is_active=True)
        .exclude(user__email="")
        .select_related("user", "group")
        .order_by("user_id")
    )
    for membership in memberships:
        members[membership.group.name].append(membership.user)
    return members


def messages_send_to_roles(
    *,
    roles: Iterable[str],
    template: str,
    key: str,
    context: dict | None = None,
    case=None,
    legal: bool = False,
) -> list[Message]:
    """Send the same message to everyone holding any of `roles`, once each."""
    seen, sent = set(), []
    for users in role_members(roles).values():
        for user in users:
            if user.pk in seen:
                continue
            seen.add(user.pk)
            sent.append(
                message_send(
                    to=user,
                    template=template,
                    key=f"{key}:user:{user.pk}",
                    context=context,
                    case=case,
                    legal=legal,
                )
            )
    return sent


def enqueue(message_ids: Sequence[int]) -> int:
    """Hand ids to Celery. A broker that is down loses nothing: the rows stay queued."""
    from notifications.tasks import message_deliver_task

    for done, message_id in enumerate(message_ids):
        try:
            message_deliver_task.apply_async(args=[message_id], retry=False)
        except Exception as exc:  # the broker, not the change, failed: the sweep sends later
            logger.warning(
                "Could not enqueue %d e-mail(s), they stay queued for the sweep: %s",
                len(message_ids) - done,
                exc,
            )
            return done
    return len(message_ids)


# -- Sending ------------------------------------------------------------------------------


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
        _move(message, S.SENDING, now=now)
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
        rendered = render_message(message)
        email = _build(message, rendered)
        email.send()
    except Exception as exc:
        return _after_failure(message.pk, exc)
    with transaction.atomic():
        locked = Message.objects.select_for_update().get(pk=message.pk)
        if locked.status == S.SENDING:
            _move(locked, S.SENT)
        locked.provider_message_id = _provider_id(email)
        locked.sent_at = timezone.now()
        locked.subject, locked.body_text, locked.body_html = (
            rendered.subject,
            rendered.text,
            rendered.html,
        )
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
            _move(message, S.QUEUED)
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
            _move(message, S.FAILED)
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
