"""Demo cases for `make run`: the submitted demo applications moved on to different steps,
so that the programleder and every board member have something in their inbox."""

from django.db import transaction
from viewflow.workflow.status import STATUS

from handlingsplan.models import Pot
from soknader.behandling import services as sb
from soknader.models import Behandling
from workflow.models import Saksbehandling


def _perform(process, node_name: str, action) -> None:
    task = next(
        t for t in process.task_set.filter(status=STATUS.ASSIGNED) if t.flow_task.name == node_name
    )
    with transaction.atomic(), task.activation() as activation:
        activation.start(None)
        action(task.owner)
        activation.execute()


def demo_cases_advance() -> None:
    """First case: left at the check. Second: waiting for the applicant's answer.
    Third: assessed and before the board (each member has a vote task)."""
    cases = list(
        Behandling.objects.filter(status=Behandling.Status.KONTROLL)
        .select_related("soknad__program")
        .order_by("pk")
    )
    if len(cases) < 3 or Behandling.objects.exclude(status=Behandling.Status.KONTROLL).exists():
        return
    _, waiting, board = cases[:3]
    process = Saksbehandling.objects.get(artifact_object_id=waiting.pk)
    _perform(
        process,
        "kontroll",
        lambda user: sb.opplysninger_be_om(
            behandling=waiting, by=user, sporsmal="Send siste årsregnskap."
        ),
    )
    pot = (
        Pot.objects.filter(strategi__handlingsplan__program=board.soknad.program)
        .order_by("-tildelt", "pk")
        .first()
    )
    process = Saksbehandling.objects.get(artifact_object_id=board.pk)
    _perform(process, "kontroll", lambda user: sb.kontroll_komplett(behandling=board, by=user))
    _perform(
        process,
        "vurdering",
        lambda user: sb.innstilling_lagre(
            behandling=board,
            by=user,
            data={
                "vurdering": "Prosjektet treffer strategien og er godt forankret.",
                "anbefaling": "innvilge",
                "pot": pot,
                "belop": 150_000,
                "vilkar": "Prosjektet gjennomføres etter PLP.",
                "begrunnelse": "Prosjektet kan gi nye arbeidsplasser i Sel.",
                "til_styret": True,
            },
        ),
    )
