"""A project's own cases in the staff inbox: each payout request, final report and change
request runs plp.flows.ProsjektsakFlow, which only routes. The services that create, decide
and send the cases again call these, inside their transaction, so case and task never part."""

from django.db.models import Q
from viewflow.workflow.status import STATUS

from felles.transaksjon import tjeneste
from workflow.models import Sak

OPEN = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)
PROSJEKTSAK = (
    Q(plp_utbetaling__isnull=False)
    | Q(sluttrapport__isnull=False)
    | Q(endringssoknad__isnull=False)
)


def prosjektsak_start(sak: Sak) -> None:
    """The new case gets its flow, and the one who decides it a task in their inbox."""
    from plp.flows import ProsjektsakFlow  # the flow's task pages call these services

    process = ProsjektsakFlow.start.run(sak=sak)
    Sak.objects.filter(pk=sak.pk).update(prosess=process)
    sak.prosess = process


def prosjektsak_videre(sak: Sak, by=None) -> None:
    """The case moved on (decided, returned, or sent again): its open step is done, and the
    flow routes on the case's new state. A case without a flow gets one."""
    sak = Sak.objects.select_related("prosess").get(pk=sak.pk)
    process = sak.prosess
    if process is None:
        prosjektsak_start(sak)
        return
    if process.finished is not None:
        return
    flow_class = process.flow_class
    with flow_class.lock(process.pk):
        task = process.task_set.filter(status__in=OPEN).exclude(flow_task_type="START").first()
        if task is None:
            return
        node = task.flow_task
        if task.flow_task_type != "HUMAN":
            if task.status == STATUS.NEW:
                node.run(task)
            return
        if getattr(by, "is_authenticated", False):
            task.owner = by
        task.status = STATUS.ASSIGNED
        activation = node.activation_class(task)
        activation.start(None)
        activation.execute()


def prosjektsak_oppgaver_sweep() -> int:
    """Cases of projects opened before they had a flow get one now; returns how many."""
    started = 0
    waiting = Sak.objects.filter(PROSJEKTSAK, prosess__isnull=True, avsluttet__isnull=True)
    for pk in waiting.values_list("pk", flat=True):
        with tjeneste():
            sak = Sak.objects.select_for_update().filter(pk=pk, prosess__isnull=True).first()
            if sak is not None:
                prosjektsak_start(sak)
                started += 1
    return started
