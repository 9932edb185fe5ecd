"""Deadlines and their reminders. The services that own a deadline open and close it here.

Reminders are materialised as rows when a deadline opens; the beat task runs
`reminder_sweep`, which claims due rows with SELECT ... FOR UPDATE SKIP LOCKED
and marks them in the same transaction as it writes their e-mails, so two
sweeps at once never send a reminder twice.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from felles.errors import DomainError
from notifications import conf
from notifications.models import Deadline, Preference, Reminder, ReminderRule
from notifications.rendering import absolute_url

from .outbox import MessageSpec, case_ref, language_of, messages_send_many, role_members

R = Reminder.Status


def _materialise(deadline: Deadline, rule: ReminderRule | None, now) -> list[Reminder]:
    if rule is None or not rule.active:
        return []
    due = deadline.due_at
    planned = [
        Reminder(
            deadline=deadline,
            kind=Reminder.Kind.BEFORE,
            offset_days=days,
            send_at=due - timedelta(days=days),
        )
        for days in rule.offsets_before
    ]
    planned += [
        Reminder(
            deadline=deadline,
            kind=Reminder.Kind.AFTER,
            offset_days=days,
            send_at=due + timedelta(days=days),
        )
        for days in rule.offsets_after
    ]
    planned += [
        Reminder(
            deadline=deadline,
            kind=Reminder.Kind.ESCALATION,
            offset_days=step.after_days,
            role=step.role,
            send_at=due + timedelta(days=step.after_days),
        )
        for step in rule.escalations.all()
    ]
    # A reminder whose time passed before the deadline opened would only confuse.
    return [r for r in planned if r.kind != Reminder.Kind.BEFORE or r.send_at > now]


@transaction.atomic
def deadline_open(
    *,
    kind: str,
    title: str,
    due_at=None,
    user=None,
    email: str = "",
    case=None,
    link: str = "",
    key: str | None = None,
    language: str | None = None,
) -> Deadline:
    """Open a deadline for a user (or an address) and plan its reminders by the kind's rule.

    With `key`, opening the same deadline again returns the first one.
    """
    if key:
        existing = Deadline.objects.filter(key=key).first()
        if existing is not None:
            return existing
    if user is None and not email:
        raise DomainError(_("En frist må ha en person eller en e-postadresse."))
    now = timezone.now()
    rule = ReminderRule.objects.filter(kind=kind).prefetch_related("escalations").first()
    if due_at is None:
        if rule is None or rule.default_due_days is None:
            raise DomainError(_("Fristen mangler dato."), field="due_at")
        due_at = now + timedelta(days=rule.default_due_days)
    case_type_id, case_id = case_ref(case)
    deadline, created = Deadline.objects.get_or_create(
        key=key or f"deadline:{uuid.uuid4()}",
        defaults={
            "kind": kind,
            "title": title[:255],
            "user": user,
            "email": email,
            "language": language or language_of(user) or settings.LANGUAGE_CODE,
            "due_at": due_at,
            "case_type_id": case_type_id,
            "case_id": case_id,
            "link": link,
        },
    )
    if created:
        Reminder.objects.bulk_create(_materialise(deadline, rule, now))
    return deadline


@transaction.atomic
def deadline_close(
    *, deadline: Deadline | None = None, key: str = "", case=None, kind: str = ""
) -> int:
    """Close open deadlines (one, by key, or a case's of a kind) and cancel their reminders."""
    deadlines = Deadline.objects.filter(status=Deadline.Status.OPEN)
    if deadline is not None:
        deadlines = deadlines.filter(pk=deadline.pk)
    elif key:
        deadlines = deadlines.filter(key=key)
    elif case is not None:
        case_type_id, case_id = case_ref(case)
        deadlines = deadlines.filter(case_type_id=case_type_id, case_id=case_id)
        if kind:
            deadlines = deadlines.filter(kind=kind)
    else:
        raise DomainError(_("Oppgi hvilken frist som skal lukkes."))
    ids = list(deadlines.select_for_update().values_list("pk", flat=True))
    if not ids:
        return 0
    now = timezone.now()
    Deadline.objects.filter(pk__in=ids).update(status=Deadline.Status.CLOSED, closed_at=now)
    Reminder.objects.filter(deadline_id__in=ids, status=R.PENDING).update(
        status=R.CANCELLED, handled_at=now
    )
    return len(ids)


def _reminder_context(reminder: Reminder, now) -> dict:
    deadline = reminder.deadline
    owner = deadline.user
    return {
        "title": deadline.title,
        "kind": deadline.kind,
        "due_at": deadline.due_at,
        "offset_days": reminder.offset_days,
        "url": absolute_url(deadline.link or "/"),
        "owner_name": (owner.get_full_name() or owner.get_username()) if owner else deadline.email,
        "owner_email": deadline.owner_email,
    }


def _sweep_batch(now, batch_size: int) -> int:
    with transaction.atomic():
        reminders = list(
            Reminder.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(status=R.PENDING, send_at__lte=now, deadline__status=Deadline.Status.OPEN)
            .select_related("deadline", "deadline__user")
            .order_by("send_at", "pk")[:batch_size]
        )
        if not reminders:
            return 0
        members = role_members({r.role for r in reminders if r.kind == Reminder.Kind.ESCALATION})
        user_ids = {r.deadline.user_id for r in reminders if r.deadline.user_id}
        user_ids |= {u.pk for users in members.values() for u in users}
        preferences = {
            p.user_id: p
            for p in Preference.objects.filter(user_id__in=user_ids).only(
                "user_id", "delivery", "language"
            )
        }

        def wants_digest(user_id) -> bool:
            found = preferences.get(user_id)
            return found is not None and found.delivery == Preference.Delivery.DIGEST

        specs, outcome = [], {R.SENT: [], R.DIGESTED: [], R.SKIPPED: []}
        for reminder in reminders:
            deadline = reminder.deadline
            context = _reminder_context(reminder, now)
            common = {
                "context": context,
                "case_type_id": deadline.case_type_id,
                "case_id": deadline.case_id,
            }
            if reminder.kind == Reminder.Kind.ESCALATION:
                recipients = members.get(reminder.role, [])
                single = [u for u in recipients if not wants_digest(u.pk)]
                for user in single:
                    found = preferences.get(user.pk)
                    specs.append(
                        MessageSpec(
                            to_email=user.email,
                            user_id=user.pk,
                            template="escalation",
                            key=f"reminder:{reminder.pk}:user:{user.pk}",
                            language=found.language if found else settings.LANGUAGE_CODE,
                            **common,
                        )
                    )
                state = R.SENT if single else (R.DIGESTED if recipients else R.SKIPPED)
            elif deadline.user_id and wants_digest(deadline.user_id):
                state = R.DIGESTED
            elif not deadline.owner_email:
                state = R.SKIPPED
            else:
                template = (
                    "reminder_before"
                    if reminder.kind == Reminder.Kind.BEFORE
                    else ("reminder_late")
                )
                specs.append(
                    MessageSpec(
                        to_email=deadline.owner_email,
                        user_id=deadline.user_id,
                        template=template,
                        key=f"reminder:{reminder.pk}",
                        language=deadline.language,
                        **common,
                    )
                )
                state = R.SENT
            outcome[state].append(reminder.pk)
        messages_send_many(specs)
        for state, ids in outcome.items():
            if ids:
                Reminder.objects.filter(pk__in=ids).update(status=state, handled_at=now)
        return len(reminders)


def reminder_sweep(*, now=None, batch_size: int | None = None) -> int:
    """Send every reminder that is due, each exactly once; returns how many were handled.

    Each batch is its own transaction, so a crash loses no more than one batch's
    claim (which then rolls back and is retried on the next run).
    """
    now = now or timezone.now()
    batch_size = batch_size or conf.reminder_batch_size()
    handled = 0
    while True:
        count = _sweep_batch(now, batch_size)
        handled += count
        if count < batch_size:
            return handled
