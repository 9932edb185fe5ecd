"""Deadlines and their reminders. The services that own a deadline open and close it here.

Reminders are materialised as rows when a deadline opens; the beat task runs
`reminder_sweep`, which claims due rows with SELECT ... FOR UPDATE SKIP LOCKED
and marks them in the same transaction as it writes their e-mails, so two
sweeps at once never send a reminder twice.
"""

import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from felles.errors import DomainError
from felles.transaksjon import tjeneste
from notifications import conf
from notifications.models import Deadline, Preference, Reminder, ReminderRule
from notifications.rendering import absolute_url

from .outbox import MessageSpec, case_ref, messages_send_many, role_members

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


@dataclass(frozen=True)
class DeadlineSpec:
    """One deadline for `deadlines_open_many`: what `deadline_open` takes."""

    kind: str
    title: str
    due_at: object = None
    user: object = None
    email: str = ""
    case: object = None
    link: str = ""
    key: str | None = None
    language: str | None = None


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
    spec = DeadlineSpec(kind, title, due_at, user, email, case, link, key, language)
    return deadlines_open_many([spec])[0]


def deadlines_open_many(specs: list[DeadlineSpec]) -> list[Deadline]:
    """`deadline_open` for many at once, in a fixed number of queries whatever their number:
    the deadlines in the order given (one already open under a key is returned as it is)."""
    for spec in specs:
        if spec.user is None and not spec.email:
            raise DomainError(_("En frist må ha en person eller en e-postadresse."))
    with tjeneste():
        keys = [spec.key for spec in specs if spec.key]
        found = {d.key: d for d in Deadline.objects.filter(key__in=keys)} if keys else {}
        todo = [spec for spec in specs if not spec.key or spec.key not in found]
        if not todo:
            return [found[spec.key] for spec in specs]
        rules = {
            rule.kind: rule
            for rule in ReminderRule.objects.filter(
                kind__in={spec.kind for spec in todo}
            ).prefetch_related("escalations")
        }
        languages = _languages([spec.user for spec in todo if spec.user and not spec.language])
        now = timezone.now()
        new, result = {}, []
        for spec in specs:
            key = spec.key or f"deadline:{uuid.uuid4()}"
            if key not in found and key not in new:
                new[key] = _deadline(spec, key, rules.get(spec.kind), languages, now)
            result.append(found.get(key) or new[key])
        Deadline.objects.bulk_create(new.values())
        Reminder.objects.bulk_create(
            [r for d in new.values() for r in _materialise(d, rules.get(d.kind), now)]
        )
        return result


def _languages(users) -> dict[int, str]:
    if not users:
        return {}
    return dict(Preference.objects.filter(user__in=users).values_list("user_id", "language"))


def _deadline(spec: DeadlineSpec, key: str, rule, languages: dict, now) -> Deadline:
    due_at = spec.due_at
    if due_at is None:
        if rule is None or rule.default_due_days is None:
            raise DomainError(_("Fristen mangler dato."), field="due_at")
        due_at = now + timedelta(days=rule.default_due_days)
    case_type_id, case_id = case_ref(spec.case)
    language = spec.language or (languages.get(spec.user.pk) if spec.user else None)
    return Deadline(
        key=key,
        kind=spec.kind,
        title=spec.title[:255],
        user=spec.user,
        email=spec.email,
        language=language or settings.LANGUAGE_CODE,
        due_at=due_at,
        case_type_id=case_type_id,
        case_id=case_id,
        link=spec.link,
    )


def deadline_close(
    *, deadline: Deadline | None = None, key: str = "", case=None, kind: str = ""
) -> int:
    """Close open deadlines (one, by key, or a case's of a kind) and cancel their reminders."""
    with tjeneste():
        return _close(deadline, key, case, kind)


def _close(deadline, key, case, kind) -> int:
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
    now = timezone.now()
    # Reminders first, while their deadlines are still open and so still match.
    Reminder.objects.filter(deadline__in=deadlines, status=R.PENDING).update(
        status=R.CANCELLED, handled_at=now
    )
    return deadlines.update(status=Deadline.Status.CLOSED, closed_at=now)


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
