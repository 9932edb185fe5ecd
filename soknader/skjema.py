"""Reads for the pages of the application form: what each step shows besides its forms."""

from dataclasses import dataclass

from django.utils import timezone

from handlingsplan.services import bagatell_satser

from .models import Soknad
from .rules import Bagatellstatus, Problem, bagatell_status, soknad_problems, soknadsbelop
from .snapshot import soknad_as_dict


def bagatell_for(soknad: Soknad) -> Bagatellstatus:
    """De minimis aid declared on the draft plus the amount applied for, against the ceiling."""
    today = timezone.localdate()
    regime, kurs = bagatell_satser(soknad.program, today)
    return bagatell_status(
        stotte=soknad.offentlig_stotte.all(),
        belop=soknadsbelop(soknad.finansiering.all()),
        program=soknad.program,
        today=today,
        regime=regime,
        kurs=kurs,
    )


def okonomi_initial(soknad: Soknad) -> tuple[list[dict], dict[str, int]]:
    """The stored cost lines and financing amounts (by source), as the step-3 forms take them."""
    costs = [
        {
            "kategori": k.kategori,
            "beskrivelse": k.beskrivelse,
            "timer": k.timer,
            "timesats": k.timesats,
            "belop": k.belop,
        }
        for k in soknad.kostnader.all()
    ]
    return costs, {f.kilde: f.belop for f in soknad.finansiering.all()}


def stotte_initial(soknad: Soknad) -> list[dict]:
    return [
        {"type": s.type, "giver": s.giver, "ordning": s.ordning, "belop": s.belop, "dato": s.dato}
        for s in soknad.offentlig_stotte.all()
    ]


@dataclass(frozen=True)
class Oversikt:
    """The review before sending: what stops it, the application as data, de minimis aid."""

    problems: list[Problem]
    data: dict
    bagatell: Bagatellstatus


def soknad_oversikt(detail: Soknad) -> Oversikt:
    """`detail` as loaded by selectors.soknad_detail."""
    return Oversikt(soknad_problems(detail), soknad_as_dict(detail), bagatell_for(detail))
