"""The one way to send an e-mail: a row in the caller's transaction, a Celery task after commit.

This module writes rows and hands their ids to Celery; delivery.py sends them and
status.py holds the state machine every change of a row's status goes through.
"""

import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils.translation import gettext as _

from felles.errors import DomainError
from felles.publisering import task_publish
from felles.transaksjon import tjeneste
from notifications.models import Attachment, Message, Preference

logger = logging.getLogger(__name__)

S = Message.Status


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
    with tjeneste():
        # The caller's own lock orders its events; two writers of one key at once would meet
        # the unique key and the second would roll back.
        message = Message.objects.filter(key=key).first()
        if message is not None:
            return message
        message = Message.objects.create(
            key=key,
            to_email=email,
            user=user,
            language=language,
            template=template,
            context=_as_json(context),
            case_type_id=case_type_id,
            case_id=case_id,
            is_legal=legal,
        )
        Attachment.objects.bulk_create(
            Attachment(
                message=message,
                filename=item.filename,
                mimetype=item.mimetype,
                content=item.content,
                path=item.path,
            )
            for item in map(_attachment, attachments)
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
    """Hand ids to Celery. A broker that is down loses nothing: the rows stay queued, and
    after one failure the rest are not tried (felles.publisering's breaker)."""
    from notifications.tasks import message_deliver_task

    for done, message_id in enumerate(message_ids):
        if not task_publish(
            task=message_deliver_task, args=[message_id], what=f"e-mail {message_id}"
        ):
            logger.warning(
                "%d e-mail(s) not enqueued; they stay queued for the sweep.",
                len(message_ids) - done,
            )
            return done
    return len(message_ids)
