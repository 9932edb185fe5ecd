"""What the staff case page shows beyond the case file itself: the open tasks with who may
work on them, a pot too short for the recommendation, the deadlines, the decision and the
ledger entries of its grant."""

from dataclasses import dataclass

from django.urls import reverse
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from felles.roles import Rolle, has_role
from handlingsplan.models import Postering
from notifications.models import Deadline
from workflow import neste
from workflow.models import Sak

OPEN = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)
FOR_VEDTAK = {Sak.Status.VURDERING, Sak.Status.TIL_VEDTAK, Sak.Status.STYRET}


@dataclass
class AktivOppgave:
    task: Task
    tittel: str
    url: str = ""  # where `user` works on it; empty when it is not theirs
    ta: bool = False  # the task is free and `user` may take it


def aktive_oppgaver(sak: Sak, user) -> list[AktivOppgave]:
    if not sak.prosess_id:
        return []
    tasks = Task.objects.filter(process_id=sak.prosess_id, status__in=OPEN).select_related("owner")
    result = []
    for task in tasks.order_by("created", "pk"):
        node = task.flow_task
        oppgave = AktivOppgave(task=task, tittel=str(node.task_title))
        if task.flow_task_type == "HUMAN":
            if task.owner_id == user.pk and task.status in (STATUS.ASSIGNED, STATUS.STARTED):
                oppgave.url = task.reverse("execute")
            elif task.owner_id is None and node.can_assign(user, task):
                oppgave.url, oppgave.ta = task.reverse("assign"), True
        result.append(oppgave)
    return result


def frister(sak: Sak):
    """The case's deadlines in the reminder engine, open ones first."""
    from django.contrib.contenttypes.models import ContentType

    return (
        Deadline.objects.filter(case_type=ContentType.objects.get_for_model(Sak), case_id=sak.pk)
        .select_related("user")
        .order_by("-status", "due_at", "pk")
    )


def posteringer(sak: Sak):
    """The ledger entries of the case's grant, each with its pot (linked to the pot's page)."""
    tilsagn = getattr(getattr(sak, "vedtak", None), "tilsagn", None)
    if tilsagn is None:
        return []
    return list(
        Postering.objects.filter(forpliktelse_id=tilsagn.forpliktelse_id)
        .select_related("pot__strategi__handlingsplan", "utfort_av")
        .order_by("tidspunkt", "pk")
    )


def is_administrator(user) -> bool:
    return user.is_superuser or has_role(user, Rolle.ADMINISTRATOR)


def pott_mangel(sak: Sak) -> dict:
    """Before the decision: a warning when the recommended grant exceeds what its pot has
    available now, with the way to reallocate money into the pot."""
    innstilling = getattr(sak, "innstilling", None)
    if innstilling is None or not innstilling.innvilge or sak.status not in FOR_VEDTAK:
        return {}
    pot = innstilling.pot
    if pot is None or not innstilling.belop or innstilling.belop <= pot.tilgjengelig:
        return {}
    return {
        "pott_advarsel": neste.pott_for_liten(pot, innstilling.belop),
        "omfordeling_url": reverse("handlingsplan:omfordeling", kwargs={"pk": pot.pk}) + "?til=1",
    }


def sak_side(sak: Sak, user) -> dict:
    return {
        **pott_mangel(sak),
        "aktive": aktive_oppgaver(sak, user),
        "frister": frister(sak),
        "posteringer": posteringer(sak),
        "vedtak": getattr(sak, "vedtak", None),
        "er_admin": is_administrator(user),
    }


# A project's own cases (a final report, a change request, a payment) have their pages in
# plp, which registers where (`sak_page_register`); workflow does not know plp.
_project_pages: list = []


def sak_page_register(source) -> None:
    """`source(sak)` returns the URL of the page of a project's case, or None."""
    if source not in _project_pages:
        _project_pages.append(source)


def project_case_url(pk: int) -> str | None:
    """Where the case `pk` is worked on when it is a project's case; None for an
    application or an appeal (their page is ours)."""
    sak = Sak.objects.filter(pk=pk, soknad__isnull=True, klage__isnull=True).first()
    if sak is None:
        return None
    for source in _project_pages:
        if url := source(sak):
            return url
    return None
