"""The flow tasks waiting for each staff user, as lines of notifications' daily digest.

`register()` runs from WorkflowConfig.ready.
"""

from collections import defaultdict
from collections.abc import Sequence

from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from notifications.registry import digest_source_register

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
        title = str(task.flow_task) if task.flow_task else str(task)
        lines[task.owner_id].append({"title": title, "created": task.created})
    return lines


def register() -> None:
    digest_source_register("workflow.open_tasks", open_tasks)
