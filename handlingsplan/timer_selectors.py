"""Reads for the programleder's hours page: the program, and one year's recorded hours by
month and focus area beside the hours the year's plan set aside. Three queries."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.dates import MONTHS

from handlingsplan.models import Innsatsomrade, Program, ProgramlederTimer, Timeregistrering


def timer_program(slug: str = "") -> Program | None:
    """The program asked for by its short name, else the newest."""
    programmer = Program.objects.order_by("-start_ar", "id")
    if slug and (valgt := programmer.filter(slug=slug).first()):
        return valgt
    return programmer.first()


def maneder(program: Program) -> list[tuple[str, str]]:
    """Every month of the program as ("2021-01", "januar 2021"), for choosing from."""
    return [
        (f"{ar}-{m:02d}", f"{MONTHS[m]} {ar}")
        for ar in range(program.start_ar, program.slutt_ar + 1)
        for m in range(1, 13)
    ]


@dataclass
class Manedsrad:
    maned: datetime.date
    navn: str
    timer: list[Decimal | None]

    @property
    def sum(self) -> Decimal:
        return sum((t or Decimal(0) for t in self.timer), Decimal(0))


@dataclass
class Timeoversikt:
    ar: int
    omrader: list[Innsatsomrade]
    rader: list[Manedsrad] = field(default_factory=list)
    planlagt: list[Decimal] = field(default_factory=list)

    @property
    def sum_per_omrade(self) -> list[Decimal]:
        return [
            sum((r.timer[i] or Decimal(0) for r in self.rader), Decimal(0))
            for i in range(len(self.omrader))
        ]

    @property
    def gjenstaende(self) -> list[Decimal]:
        return [p - s for p, s in zip(self.planlagt, self.sum_per_omrade, strict=True)]

    @property
    def sum(self) -> Decimal:
        return sum(self.sum_per_omrade, Decimal(0))

    @property
    def planlagt_sum(self) -> Decimal:
        return sum(self.planlagt, Decimal(0))

    @property
    def gjenstaende_sum(self) -> Decimal:
        return self.planlagt_sum - self.sum


def timer_oversikt(*, program: Program, ar: int) -> Timeoversikt:
    """The year's months × focus areas, with the recorded hours (None where nothing is
    recorded), and the year's planned hours per area. Three queries."""
    omrader = list(Innsatsomrade.objects.filter(program=program).order_by("nummer"))
    kolonne = {o.pk: i for i, o in enumerate(omrader)}
    registrert = {
        (r.maned.month, r.innsatsomrade_id): r.timer
        for r in Timeregistrering.objects.filter(program=program, maned__year=ar).only(
            "maned", "innsatsomrade_id", "timer"
        )
    }
    plan = dict(
        ProgramlederTimer.objects.filter(
            handlingsplan__program=program, handlingsplan__ar=ar
        ).values_list("innsatsomrade_id", "timer")
    )
    oversikt = Timeoversikt(
        ar=ar, omrader=omrader, planlagt=[plan.get(o.pk, Decimal(0)) for o in omrader]
    )
    for m in range(1, 13):
        timer: list[Decimal | None] = [None] * len(omrader)
        for (maned, omrade_id), verdi in registrert.items():
            if maned == m and omrade_id in kolonne:
                timer[kolonne[omrade_id]] = verdi
        oversikt.rader.append(
            Manedsrad(maned=datetime.date(ar, m, 1), navn=str(MONTHS[m]).capitalize(), timer=timer)
        )
    return oversikt
