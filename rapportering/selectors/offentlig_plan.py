"""What the public may see of the program and its action plans, and goals against results
as open data.

The program and every published action plan are public: a plan is shown once it has been
published (`Handlingsplan.Status.PUBLISERT`), never as a draft or while it waits for the
board or the municipal council. Each read runs a fixed number of queries.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from handlingsplan.models import (
    Arbeidsplassmal,
    Finansiering,
    Handlingsplan,
    Innsatsomrade,
    Program,
    Strategi,
)
from rapportering.selectors.mal import Tall, maloppnaelse

PUBLISERT = Handlingsplan.Status.PUBLISERT


@dataclass
class ProgramSide:
    program: Program
    planer: list[Handlingsplan]
    omrader: list[Innsatsomrade]


def publiserte_planer(program: Program) -> list[Handlingsplan]:
    return list(
        Handlingsplan.objects.filter(program=program, status=PUBLISERT).order_by("-ar", "id")
    )


def program_side(program: Program) -> ProgramSide:
    """The program, its published plans and its focus areas (two queries)."""
    return ProgramSide(
        program=program,
        planer=publiserte_planer(program),
        omrader=list(Innsatsomrade.objects.filter(program=program).order_by("nummer")),
    )


@dataclass
class PlanOmrade:
    omrade: Innsatsomrade
    mal: int | None
    strategier: list[Strategi] = field(default_factory=list)

    @property
    def ramme(self) -> int:
        return sum(s.budsjett for s in self.strategier)

    @property
    def resultatmal(self) -> int:
        return sum(s.resultatmal_arbeidsplasser or 0 for s in self.strategier)


@dataclass
class PublisertPlan:
    plan: Handlingsplan
    omrader: list[PlanOmrade]
    finansiering: list[Finansiering]

    @property
    def ramme(self) -> int:
        return sum(o.ramme for o in self.omrader)

    @property
    def mal(self) -> int:
        return sum(o.mal or 0 for o in self.omrader)

    @property
    def finansiering_sum(self) -> int:
        return sum(f.belop for f in self.finansiering)


def publisert_plan(program: Program, ar: int) -> PublisertPlan | None:
    """The published plan of year `ar` with its focus areas, strategies (with their budgets,
    sub-goals and job targets), the year's job target per focus area and its financing;
    None unless that plan is published. Four queries."""
    plan = (
        Handlingsplan.objects.filter(program=program, ar=ar, status=PUBLISERT)
        .select_related("program")
        .first()
    )
    if plan is None:
        return None
    omrader = Innsatsomrade.objects.filter(program=program).order_by("nummer")
    omrader = omrader.prefetch_related(
        Prefetch("arbeidsplassmal", queryset=Arbeidsplassmal.objects.filter(ar=ar), to_attr="i_ar")
    )
    rader = {o.pk: PlanOmrade(o, o.i_ar[0].antall if o.i_ar else None) for o in omrader}
    for strategi in Strategi.objects.filter(handlingsplan=plan).order_by("bokstav"):
        if strategi.innsatsomrade_id in rader:
            rader[strategi.innsatsomrade_id].strategier.append(strategi)
    finansiering = list(
        Finansiering.objects.filter(handlingsplan=plan).select_related("kilde").order_by("id")
    )
    return PublisertPlan(
        plan=plan,
        omrader=[r for r in rader.values() if r.strategier or r.mal],
        finansiering=finansiering,
    )


def _tall(t: Tall) -> dict:
    return {
        "mal": t.mal,
        "nye_kvinner": t.nye_kvinner,
        "nye_menn": t.nye_menn,
        "sikrede_kvinner": t.sikrede_kvinner,
        "sikrede_menn": t.sikrede_menn,
        "nye": t.nye,
        "sikrede": t.sikrede,
        "oppnadd": t.oppnadd,
        "forventet": t.forventet,
        "fulgt_opp": t.oppfolging,
    }


def maloppnaelse_data(program: Program) -> dict:
    """Targets and results per focus area and year with the program's totals, as the open
    data `maloppnaelse.json` gives them (the queries of `maloppnaelse`)."""
    data = maloppnaelse(program)
    total = data.ar_sum()
    return {
        "program": program.navn,
        "periode": [data.arene[0], data.arene[-1]],
        "mal": {
            "arbeidsplasser": data.mal_nye + data.mal_sikrede,
            "nye": data.mal_nye,
            "sikrede": data.mal_sikrede,
        },
        "totalt": _tall(total),
        "per_ar": [{"ar": a, **_tall(data.ar_sum(a))} for a in data.arene],
        "innsatsomrader": [
            {
                "nummer": o.nummer,
                "navn": o.navn,
                "har_mal": o.har_mal,
                "totalt": _tall(o.sum()),
                "per_ar": [{"ar": a, **_tall(o.per_ar[a])} for a in data.arene],
            }
            for o in data.omrader
        ],
    }
