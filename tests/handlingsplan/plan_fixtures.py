"""A small but complete plan for the staff-page tests: two areas, three strategies, pots."""

from datetime import date
from decimal import Decimal

from handlingsplan import models as hp
from tests.factories import (
    HandlingsplanFactory,
    InnsatsomradeFactory,
    PotFactory,
    StrategiFactory,
)


def small_plan(*, extra_strategies: int = 0):
    """Area 1 (with job targets) has A and B; area 2 (without) has C. Returns a dict."""
    plan = HandlingsplanFactory(
        ar=2021,
        tittel="Handlingsplan 2021",
        status=hp.Handlingsplan.Status.VEDTATT,
        godkjent_dato=date(2021, 3, 4),
        godkjent_referanse="PS 12/21",
        vedtatt_dato=date(2021, 3, 25),
        vedtatt_referanse="KS 20/21",
        timekostnad=500,
        administrasjonsbudsjett=400_000,
    )
    program = plan.program
    naering = InnsatsomradeFactory(program=program, nummer=1, navn="Næringsutvikling")
    kultur = InnsatsomradeFactory(
        program=program, nummer=2, navn="Kultur og samfunn", har_arbeidsplassmal=False
    )
    for ar, antall in [(2021, 10), (2022, 20), (2026, 5)]:
        hp.Arbeidsplassmal.objects.create(innsatsomrade=naering, ar=ar, antall=antall)
    kilde_fylke = hp.Finansieringskilde.objects.create(program=program, navn="Fylkeskommunen")
    kilde_kommune = hp.Finansieringskilde.objects.create(program=program, navn="Sel kommune")
    hp.Finansiering.objects.create(handlingsplan=plan, kilde=kilde_fylke, belop=1_900_000)
    hp.Finansiering.objects.create(handlingsplan=plan, kilde=kilde_kommune, belop=1_900_000)
    hp.ProgramlederTimer.objects.create(
        handlingsplan=plan, innsatsomrade=naering, timer=Decimal("600")
    )
    hp.ProgramlederTimer.objects.create(
        handlingsplan=plan, innsatsomrade=kultur, timer=Decimal("200")
    )
    pot_a = PotFactory(
        strategi=StrategiFactory(
            handlingsplan=plan,
            innsatsomrade=naering,
            bokstav="A",
            navn="Bedriftsutvikling",
            budsjett=300_000,
        )
    )
    hp.Delmal.objects.create(
        strategi=pot_a.strategi,
        tekst="Min. 3 bedriftsutviklingsprosjekt gjennomført",
        type=hp.Delmal.Type.BEDRIFTSUTVIKLING,
        antall=3,
        milepael=hp.Delmal.Milepael.GJENNOMFORT,
    )
    pot_b = PotFactory(
        strategi=StrategiFactory(
            handlingsplan=plan,
            innsatsomrade=naering,
            bokstav="B",
            navn="Nyetablering",
            budsjett=200_000,
        )
    )
    pot_c = PotFactory(
        strategi=StrategiFactory(
            handlingsplan=plan,
            innsatsomrade=kultur,
            bokstav="C",
            navn="Bostedsattraktivitet",
            budsjett=100_000,
        )
    )
    for n in range(extra_strategies):
        strategi = StrategiFactory(
            handlingsplan=plan,
            innsatsomrade=naering if n % 2 else kultur,
            bokstav=f"X{n}"[:2] if n < 10 else f"Y{n - 10}"[:2],
            budsjett=10_000,
        )
        PotFactory(strategi=strategi)
        hp.Delmal.objects.create(
            strategi=strategi,
            tekst=f"Delmål {n}",
            type=hp.Delmal.Type.NETTVERK,
            antall=1,
            milepael=hp.Delmal.Milepael.IGANGSATT,
        )
    return {
        "plan": plan,
        "program": program,
        "naering": naering,
        "kultur": kultur,
        "pot_a": pot_a,
        "pot_b": pot_b,
        "pot_c": pot_c,
    }
