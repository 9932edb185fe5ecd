"""Demo cases for `make run`: the submitted demo applications moved on to different steps,
so that the programleder and every board member have something in their inbox."""

from django.db import transaction
from viewflow.workflow.status import STATUS

from handlingsplan.models import Pot
from workflow import services
from workflow.models import Sak


def _perform(process, node_name: str, action) -> None:
    task = next(
        t for t in process.task_set.filter(status=STATUS.ASSIGNED) if t.flow_task.name == node_name
    )
    with transaction.atomic(), task.activation() as activation:
        activation.start(None)
        action(task.owner)
        activation.execute()


def programleder_declares(sak: Sak, user) -> None:
    """The programleder declares themselves impartial in a demo case before handling it."""
    if not sak.habilitet.filter(medlem=user, rolle="saksbehandler").exists():
        services.saksbehandler_declare(sak=sak, by=user, grunner=[])


def demo_cases_advance() -> None:
    """First case: left at the check. Second: waiting for the applicant's answer.
    Third: assessed and before the board (each member has a vote task)."""
    cases = list(
        Sak.objects.filter(status=Sak.Status.KONTROLL)
        .select_related("soknad__program", "prosess")
        .order_by("pk")
    )
    if len(cases) < 3 or Sak.objects.exclude(status=Sak.Status.KONTROLL).exists():
        return
    _, waiting, board = cases[:3]
    _perform(
        waiting.prosess,
        "kontroll",
        lambda user: (
            programleder_declares(waiting, user),
            services.opplysninger_request(sak=waiting, by=user, sporsmal="Send siste årsregnskap."),
        ),
    )
    pot = (
        Pot.objects.filter(strategi__handlingsplan__program=board.soknad.program)
        .order_by("-tildelt", "pk")
        .first()
    )
    process = board.prosess
    _perform(
        process,
        "kontroll",
        lambda user: (
            programleder_declares(board, user),
            services.sak_complete(sak=board, by=user),
        ),
    )
    _perform(
        process,
        "vurdering",
        lambda user: services.innstilling_save(
            sak=board,
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
