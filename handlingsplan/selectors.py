"""Reads of the handlingsplan app, each in a fixed number of queries.

`plan_overview` is the staff overview of one year's plan; `pot_history` is one
pot with its whole ledger; `reallocation_pots` lists the pots money may move
between; `indikator_oversikt` is every impact indicator with its value per year.
None of them issues more queries when a plan has more strategies.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from handlingsplan.models import (
    Arbeidsplassmal,
    Finansiering,
    Handlingsplan,
    Indikator,
    Indikatorverdi,
    Innsatsomrade,
    Postering,
    Pot,
    Program,
    ProgramlederTimer,
    Strategi,
)

T = Postering.Type

# How each kind of entry changes a pot's available money (tildelt − forpliktet).
AVAILABLE_EFFECT = {
    T.ALLOKERING: 1,
    T.OMFORDELING_INN: 1,
    T.OMFORDELING_UT: -1,
    T.FORPLIKTELSE: -1,
    T.UTBETALING: 0,
    T.FRIGJORING: 1,
    T.TILBAKEFORING: 1,
}


class PotSummer:
    """The pot figures of a row are the sums over its `_pot_rows()`."""

    def _pot_rows(self):
        raise NotImplementedError

    def _pot_sum(self, name: str) -> int:
        return sum(getattr(row, name) for row in self._pot_rows())

    @property
    def tildelt(self) -> int:
        return self._pot_sum("tildelt")

    @property
    def forpliktet(self) -> int:
        return self._pot_sum("forpliktet")

    @property
    def utbetalt(self) -> int:
        return self._pot_sum("utbetalt")

    @property
    def tilgjengelig(self) -> int:
        return self._pot_sum("tilgjengelig")


@dataclass
class StrategiRad:
    strategi: Strategi
    pot: Pot | None

    @property
    def budsjett(self) -> int:
        return self.strategi.budsjett

    @property
    def tildelt(self) -> int:
        return self.pot.tildelt if self.pot else 0

    @property
    def forpliktet(self) -> int:
        return self.pot.forpliktet if self.pot else 0

    @property
    def utbetalt(self) -> int:
        return self.pot.utbetalt if self.pot else 0

    @property
    def tilgjengelig(self) -> int:
        return self.pot.tilgjengelig if self.pot else 0


@dataclass
class OmradeRad(PotSummer):
    """One focus area in one year's plan: its budget line, job targets and strategies."""

    omrade: Innsatsomrade
    timekostnad: int
    timer: Decimal = Decimal(0)
    strategier: list[StrategiRad] = field(default_factory=list)
    mal_per_ar: list[int | None] = field(default_factory=list)

    @property
    def ramme(self) -> int:
        """The area's frame: the sum of its strategies' budgets."""
        return sum(rad.budsjett for rad in self.strategier)

    @property
    def timekost(self) -> int:
        return int((self.timer * self.timekostnad).to_integral_value())

    @property
    def sum_med_prosjektarbeid(self) -> int:
        return self.ramme + self.timekost

    @property
    def mal_sum(self) -> int:
        return sum(v or 0 for v in self.mal_per_ar)

    def _pot_rows(self):
        return self.strategier


@dataclass
class PlanOversikt(PotSummer):
    plan: Handlingsplan
    planer: list[Handlingsplan]
    finansiering: list[Finansiering]
    omrader: list[OmradeRad]
    ar: list[int]

    @property
    def program(self):
        return self.plan.program

    @property
    def finansiering_sum(self) -> int:
        return sum(f.belop for f in self.finansiering)

    @property
    def ramme_sum(self) -> int:
        return sum(o.ramme for o in self.omrader)

    @property
    def timer_sum(self) -> Decimal:
        return sum((o.timer for o in self.omrader), Decimal(0))

    @property
    def timekost_sum(self) -> int:
        return sum(o.timekost for o in self.omrader)

    @property
    def prosjektarbeid_sum(self) -> int:
        return sum(o.sum_med_prosjektarbeid for o in self.omrader)

    @property
    def totalbudsjett(self) -> int:
        return self.prosjektarbeid_sum + self.plan.administrasjonsbudsjett

    @property
    def mal_per_ar_sum(self) -> list[int]:
        return [sum(o.mal_per_ar[i] or 0 for o in self.omrader) for i in range(len(self.ar))]

    @property
    def mal_sum(self) -> int:
        return sum(self.mal_per_ar_sum)

    @property
    def omrader_med_mal(self) -> list[OmradeRad]:
        return [o for o in self.omrader if o.omrade.har_arbeidsplassmal]

    def _pot_rows(self):
        return self.omrader


def plan_list() -> list[Handlingsplan]:
    """Every plan, latest year first (one query)."""
    return list(Handlingsplan.objects.select_related("program").order_by("-ar", "program_id"))


def plan_overview(*, ar: int | None = None) -> PlanOversikt | None:
    """The plan for year `ar` (default: the latest) with everything the overview shows.

    Seven queries whatever the plan holds; None when there is no plan at all.
    """
    planer = plan_list()
    if not planer:
        return None
    plan = next((p for p in planer if p.ar == ar), planer[0])
    program = plan.program
    years = list(range(program.start_ar, program.slutt_ar + 1))

    finansiering = list(
        Finansiering.objects.filter(handlingsplan=plan).select_related("kilde").order_by("kilde_id")
    )
    omrader = list(
        Innsatsomrade.objects.filter(program=program)
        .order_by("nummer")
        .prefetch_related(
            Prefetch("arbeidsplassmal", queryset=Arbeidsplassmal.objects.order_by("ar"))
        )
    )
    timer = dict(
        ProgramlederTimer.objects.filter(handlingsplan=plan).values_list(
            "innsatsomrade_id", "timer"
        )
    )
    strategier = (
        Strategi.objects.filter(handlingsplan=plan)
        .select_related("pot")
        .prefetch_related("delmal")
        .order_by("bokstav")
    )
    per_omrade = defaultdict(list)
    for strategi in strategier:
        per_omrade[strategi.innsatsomrade_id].append(
            StrategiRad(strategi=strategi, pot=getattr(strategi, "pot", None))
        )

    rader = []
    for omrade in omrader:
        mal = {m.ar: m.antall for m in omrade.arbeidsplassmal.all()}
        rader.append(
            OmradeRad(
                omrade=omrade,
                timekostnad=plan.timekostnad,
                timer=timer.get(omrade.pk, Decimal(0)),
                strategier=per_omrade.get(omrade.pk, []),
                mal_per_ar=[mal.get(year) for year in years],
            )
        )
    return PlanOversikt(
        plan=plan, planer=planer, finansiering=finansiering, omrader=rader, ar=years
    )


@dataclass
class HistorikkLinje:
    postering: Postering
    tilgjengelig_etter: int
    annen_pot: Pot | None = None

    @property
    def endring(self) -> int:
        """The signed change this entry made to the pot's available money."""
        return AVAILABLE_EFFECT[self.postering.type] * self.postering.belop


@dataclass
class PotHistorikk:
    pot: Pot
    linjer: list[HistorikkLinje]
    # The kinds of entry shown when the history is filtered (a report's figure links here).
    typer: tuple[str, ...] = ()

    @property
    def typenavn(self) -> list[str]:
        return [str(T(t).label) for t in self.typer]


def pot_history(*, pot_id: int, types: Iterable[str] = ()) -> PotHistorikk:
    """A pot, its plan and area, and every ledger entry oldest first with the running
    available balance; a reallocation names the other pot. Three queries.

    `types` keeps only entries of those kinds (unknown kinds are ignored); the running
    balance is still that of the whole ledger. Raises Pot.DoesNotExist for an unknown id.
    """
    typer = tuple(t for t in T.values if t in set(types))
    pot = Pot.objects.select_related(
        "strategi__handlingsplan__program", "strategi__innsatsomrade"
    ).get(pk=pot_id)
    entries = list(
        Postering.objects.filter(pot=pot)
        .select_related("utfort_av", "forpliktelse", "motpost__pot__strategi")
        .order_by("tidspunkt", "id")
    )
    # An outgoing reallocation is the motpost of the incoming entry in the other pot.
    out_ids = [e.pk for e in entries if e.type == T.OMFORDELING_UT]
    incoming = {}
    if out_ids:
        incoming = {
            e.motpost_id: e.pot
            for e in Postering.objects.filter(motpost_id__in=out_ids).select_related(
                "pot__strategi"
            )
        }
    balance = 0
    linjer = []
    for entry in entries:
        balance += AVAILABLE_EFFECT[entry.type] * entry.belop
        other = None
        if entry.type == T.OMFORDELING_INN and entry.motpost_id:
            other = entry.motpost.pot
        elif entry.type == T.OMFORDELING_UT:
            other = incoming.get(entry.pk)
        if typer and entry.type not in typer:
            continue
        linjer.append(HistorikkLinje(postering=entry, tilgjengelig_etter=balance, annen_pot=other))
    return PotHistorikk(pot=pot, linjer=linjer, typer=typer)


def reallocation_pots(*, handlingsplan_id: int):
    """The pots of one year's plan, in letter order, for choosing from and to (one query)."""
    return (
        Pot.objects.filter(strategi__handlingsplan_id=handlingsplan_id)
        .select_related("strategi__innsatsomrade", "strategi__handlingsplan")
        .order_by("strategi__bokstav")
    )


def indikator_program(slug: str = "") -> Program | None:
    """The program whose indicators are shown: the one named by `slug`, else the newest."""
    programmer = Program.objects.order_by("-start_ar", "id")
    return (slug and programmer.filter(slug=slug).first()) or programmer.first()


@dataclass
class IndikatorRad:
    indikator: Indikator
    verdier: dict[int, Indikatorverdi] = field(default_factory=dict)

    def per_ar(self, arene: list[int]) -> list[Indikatorverdi | None]:
        return [self.verdier.get(ar) for ar in arene]

    @property
    def enhet(self) -> str:
        """The unit of the latest value that names one (a unit may be given year by year)."""
        enheter = [v.enhet for _ar, v in sorted(self.verdier.items()) if v.enhet]
        return enheter[-1] if enheter else ""


@dataclass
class IndikatorOversikt:
    program: Program
    arene: list[int]
    rader: list[IndikatorRad]

    def celler(self) -> list[tuple[IndikatorRad, list]]:
        return [
            (rad, list(zip(self.arene, rad.per_ar(self.arene), strict=True))) for rad in self.rader
        ]


def indikator_oversikt(program: Program, indikator_id: int | None = None) -> IndikatorOversikt:
    """The program's indicators in the plan's order, each with its value per year of the
    program (two queries); `indikator_id` narrows it to one indicator."""
    indikatorer = Indikator.objects.filter(program=program).order_by("rekkefolge", "id")
    verdier = Indikatorverdi.objects.filter(indikator__program=program).select_related(
        "registrert_av"
    )
    if indikator_id is not None:
        indikatorer = indikatorer.filter(pk=indikator_id)
        verdier = verdier.filter(indikator_id=indikator_id)
    rader = {i.pk: IndikatorRad(i) for i in indikatorer}
    for verdi in verdier:
        if verdi.indikator_id in rader:
            rader[verdi.indikator_id].verdier[verdi.ar] = verdi
    arene = list(range(program.start_ar, program.slutt_ar + 1))
    return IndikatorOversikt(program=program, arene=arene, rader=list(rader.values()))
