"""One e-mail a day, for those who asked: tasks waiting, deadlines this week, what is late.

The tasks come from the digest sources other apps register (notifications.registry).
"""

from collections import defaultdict
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from notifications.models import Deadline, Preference, Reminder
from notifications.registry import digest_sources
from notifications.rendering import absolute_url

from .outbox import MessageSpec, messages_send_many


def _deadline_row(deadline: Deadline) -> dict:
    return {
        "title": deadline.title,
        "due_at": deadline.due_at,
        "url": absolute_url(deadline.link or "/"),
        "owner": deadline.owner_email,
    }


def digest_send_daily(*, now=None) -> int:
    """Write today's digest for every staff user who chose one; returns how many were written."""
    now = now or timezone.now()
    users = list(
        get_user_model()
        .objects.filter(
            notification_preference__delivery=Preference.Delivery.DIGEST, is_active=True
        )
        .exclude(email="")
        .select_related("notification_preference")
        .prefetch_related("groups")
    )
    if not users:
        return 0
    by_id = {u.pk: u for u in users}
    week_end = now + timedelta(days=7)
    own = defaultdict(lambda: {"late": [], "week": []})
    for d in Deadline.objects.filter(
        status=Deadline.Status.OPEN, user_id__in=by_id, due_at__lte=week_end
    ).order_by("due_at"):
        own[d.user_id]["late" if d.due_at < now else "week"].append(_deadline_row(d))

    escalated_by_role = defaultdict(list)
    for r in Reminder.objects.filter(
        kind=Reminder.Kind.ESCALATION,
        status=Reminder.Status.DIGESTED,
        handled_at__gt=now - timedelta(days=1),
        deadline__status=Deadline.Status.OPEN,
    ).select_related("deadline", "deadline__user"):
        escalated_by_role[r.role].append(_deadline_row(r.deadline))

    tasks = defaultdict(list)
    for source in digest_sources():
        for user_id, lines in source(users, now).items():
            tasks[user_id].extend(lines)

    specs = []
    for user in users:
        roles = {g.name for g in user.groups.all()}
        escalated = [row for role in sorted(roles) for row in escalated_by_role.get(role, [])]
        context = {
            "name": user.get_full_name() or user.get_username(),
            "tasks": tasks.get(user.pk, []),
            "late": own[user.pk]["late"] if user.pk in own else [],
            "week": own[user.pk]["week"] if user.pk in own else [],
            "escalated": escalated,
        }
        if not any(context[k] for k in ("tasks", "late", "week", "escalated")):
            continue
        specs.append(
            MessageSpec(
                to_email=user.email,
                user_id=user.pk,
                template="daily_digest",
                key=f"digest:{user.pk}:{timezone.localdate(now).isoformat()}",
                language=user.notification_preference.language,
                context=context,
            )
        )
    with transaction.atomic():
        return len(messages_send_many(specs))
