"""The flow tasks waiting for each staff user, as lines of notifications' daily digest.

`register()` runs from WorkflowConfig.ready.
"""

from collections import defaultdict
from collections.abc import Sequence
from datetime import timedelta

from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from notifications.registry import digest_source_register
from workflow.models import Hendelse
from workflow.services.melding import NOTICES

WAITING = [STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED]


def open_tasks(users: Sequence, now) -> dict[int, list[dict]]:
    """Each user's waiting tasks, oldest first, in one query."""
    lines: dict[int, list[dict]] = defaultdict(list)
    tasks = (
        Task.objects.filter(owner_id__in=[user.pk for user in users], status__in=WAITING)
        .select_related("process")
        .order_by("created", "pk")
    )
    for task in tasks:
        title = task.flow_task.task_title if task.flow_task else str(task)
        lines[task.owner_id].append({"title": title, "created": task.created})
    return lines


def notices(users: Sequence, now) -> dict[int, list[dict]]:
    """The last day's notices for each user who is a case's programleder (a new application,
    an answer, an acceptance, a lapse: workflow.services.melding), in one query."""
    lines: dict[int, list[dict]] = defaultdict(list)
    events = (
        Hendelse.objects.filter(
            type__in=list(NOTICES),
            tidspunkt__gt=now - timedelta(days=1),
            tidspunkt__lte=now,
            sak__programleder_id__in=[user.pk for user in users],
        )
        .select_related("sak__soknad")
        .order_by("tidspunkt", "pk")
    )
    for event in events:
        sak = event.sak
        title = f"{NOTICES[event.type]}: {sak.saksnummer} {sak.tittel}"
        lines[sak.programleder_id].append({"title": title, "created": event.tidspunkt})
    return lines


def register() -> None:
    digest_source_register("workflow.open_tasks", open_tasks)
    digest_source_register("workflow.notices", notices)
