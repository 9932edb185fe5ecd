"""Reads for the mail viewer, the case page and the programleder's overview (fixed query counts)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.utils import timezone

from notifications.models import Deadline, Message
from notifications.registry import case_staff_link


def messages_list(*, case_type_id=None, case_id=None, status: str = "") -> QuerySet[Message]:
    # Each row names its case as the case names itself (its saksnummer), one query per kind.
    found = (
        Message.objects.select_related("case_type")
        .prefetch_related("case")
        .order_by("-created_at", "-pk")
    )
    if case_type_id and case_id:
        found = found.filter(case_type_id=case_type_id, case_id=case_id)
    if status:
        found = found.filter(status=status)
    return found


def messages_for_case(case) -> QuerySet[Message]:
    """Every e-mail a case caused, newest first: for the case page."""
    ct = ContentType.objects.get_for_model(case)
    return messages_list(case_type_id=ct.pk, case_id=case.pk)


@dataclass
class Group:
    label: str
    late: list = field(default_factory=list)
    due: list = field(default_factory=list)


@dataclass
class Overview:
    by_person: list[Group]
    by_case: list[Group]
    late_count: int
    due_count: int


def deadlines_overview(*, now=None, horizon_days: int = 14, viewer=None) -> Overview:
    """Open deadlines that are late or due within the horizon, by person and by case.

    Three queries: the deadlines with their owners, then the cases per content type.
    """
    now = now or timezone.now()
    deadlines = list(
        Deadline.objects.filter(
            status=Deadline.Status.OPEN, due_at__lte=now + timedelta(days=horizon_days)
        )
        .select_related("user", "case_type")
        .prefetch_related("case")
        .order_by("due_at", "pk")
    )
    by_person: dict[str, Group] = {}
    by_case: dict[tuple, Group] = {}
    for d in deadlines:
        d.is_late = d.due_at < now
        d.days_late = (now - d.due_at).days if d.is_late else 0
        who = (d.user.get_full_name() or d.user.get_username()) if d.user else d.email
        person = by_person.setdefault(who, Group(label=who))
        case_key = (d.case_type_id, d.case_id)
        case_label = str(d.case) if d.case is not None else "—"
        # Staff follow a deadline to its case's staff page; a staff member's own deadline
        # keeps its link (their task). An applicant's link (Min side) is not for staff.
        d.staff_link = d.link if d.user_id else case_staff_link(d.case, viewer)
        case = by_case.setdefault(case_key, Group(label=case_label))
        for group in (person, case):
            (group.late if d.is_late else group.due).append(d)
    late = sum(1 for d in deadlines if d.is_late)
    return Overview(
        by_person=sorted(by_person.values(), key=lambda g: (-len(g.late), g.label)),
        by_case=sorted(by_case.values(), key=lambda g: (-len(g.late), g.label)),
        late_count=late,
        due_count=len(deadlines) - late,
    )


def outbox_counts() -> dict[str, int]:
    counts = defaultdict(int)
    for status in Message.objects.values_list("status", flat=True).iterator():
        counts[status] += 1
    return dict(counts)
