"""The money section reconciles with the ledger: grants, payouts, a clawback, a release and a
reallocation made through the real services give, for every pot in the table, budget +
reallocations − committed + released = available (the pot's own figure), and paid ≤
committed; every figure links to the ledger entries behind it; the section reads in a fixed
number of queries."""

import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from felles.roles import Rolle
from handlingsplan.models import Finansiering, Finansieringskilde, Pot, ProgramlederTimer
from handlingsplan.services import (
    forpliktelse_clawback,
    forpliktelse_pay,
    forpliktelse_release,
    ledger_verify,
    pot_commit,
    pot_reallocate,
)
from plp import services as ps
from plp.models import Fase
from rapportering.selectors import penger
from tests.factories import PotFactory, staff_user
from tests.plp.conftest import (  # noqa: F401
    COSTS,
    JOBS,
    _fast_and_quiet,
    _worker_opens_phases_at_once,
    delegated_grant,
)
from tests.plp.factories import prosjekter_lag
from tests.workflow.conftest import World, make_performer

pytestmark = pytest.mark.django_db


@pytest.fixture
def verden(db):
    return World()


@pytest.fixture
def utfor(client):
    return make_performer(client)


# Columns of the per-strategy table after its two text columns.
TILDELT, INN, UT, BUDSJETT, FORPLIKTET, FRIGJORT, UTBETALT, TILGJENGELIG = range(2, 10)


def _verdier(tabell):
    return [tabell.verdier(r) for r in tabell.rader]


def _rad(tabell, pot, verdier=True):
    """The pot's row of the per-strategy table, found by the link of its available money."""
    url = reverse("handlingsplan:pot", args=[pot.pk])
    rad = next(r for r in tabell.rader if r[TILGJENGELIG].lenke == url)
    return tabell.verdier(rad) if verdier else rad


def _money(world, perform):
    """Pot A (500 000 kr) grants 80 000 kr through the case flow and pays 30 000 kr of it;
    its final report releases what the costs did not earn. Pot B (200 000 kr) commits
    60 000 kr, pays 20 000 kr, takes 5 000 kr back and releases the rest; 50 000 kr move
    from A to B."""
    plan = world.pot.strategi.handlingsplan
    pot_a = world.pot
    pot_b = PotFactory(strategi__handlingsplan=plan, strategi__budsjett=200_000, fylt=200_000)
    sak, process = world.submit(fase="forstudie")
    sak = delegated_grant(world, perform, sak, process, belop=80_000)
    fase = Fase.objects.get(sak=sak)
    forpliktelse_pay(forpliktelse=fase.forpliktelse, amount=30_000, reference="U-1")
    ps.fase_start(fase=fase, startet=date(2021, 3, 1), today=date(2021, 3, 1))
    rapport = ps.sluttrapport_submit(
        fase,
        resultater="Marked funnet.",
        malt_dato=date(2021, 11, 30),
        kostnader=COSTS,
        egenfinansiering=40_000,
        annen_finansiering=20_000,
        utlost_kapital=90_000,
        today=date(2021, 12, 1),
        **JOBS,
    )
    ps.sluttrapport_approve(rapport=rapport, by=world.programleder, today=date(2021, 12, 1))

    b = pot_commit(pot=pot_b, amount=60_000, reference="2021-B1")
    forpliktelse_pay(forpliktelse=b, amount=20_000)
    forpliktelse_clawback(forpliktelse=b, amount=5_000, reason="For mye utbetalt")
    forpliktelse_release(forpliktelse=b, reason="Prosjektet ble mindre")
    pot_reallocate(
        from_pot=pot_a,
        to_pot=pot_b,
        amount=50_000,
        reason="Mer etterspørsel i B",
        reference="Styremøte 3/2021",
        by=world.programleder,
    )
    return plan, pot_a, pot_b


def test_every_pot_in_the_table_reconciles_with_the_ledger(verden, utfor):
    plan, pot_a, pot_b = _money(verden, utfor)
    assert ledger_verify() == []

    for ar in (2021, None):
        del_ = penger.bygg(plan.program, ar)
        assert "Kontroller" not in " ".join(del_.merknader)
        tabell = del_.tabell("penger-strategi")
        rader = _verdier(tabell)
        assert len(rader) == 2
        for rad in rader:
            tildelt, inn, ut, forpliktet, frigjort = (
                rad[TILDELT],
                rad[INN],
                rad[UT],
                rad[FORPLIKTET],
                rad[FRIGJORT],
            )
            assert tildelt + inn - ut - forpliktet + frigjort == rad[TILGJENGELIG]
            assert rad[BUDSJETT] == tildelt + inn - ut
            assert 0 <= rad[UTBETALT] <= forpliktet - frigjort <= forpliktet

    pot_a.refresh_from_db()
    pot_b.refresh_from_db()
    tabell = penger.bygg(plan.program, 2021).tabell("penger-strategi")
    a, b = _rad(tabell, pot_a), _rad(tabell, pot_b)
    # A: 500 000 allocated, 50 000 out, 80 000 committed, 30 000 paid, and the final report's
    # costs (150 000 kr at 40 %) earn 60 000 kr, so 20 000 kr are released.
    assert a[TILDELT:] == [500_000, 0, 50_000, 450_000, 80_000, 20_000, 30_000, 390_000]
    # B: 60 000 committed less the 5 000 taken back; 20 000 − 5 000 paid; 40 000 released.
    assert b[TILDELT:] == [200_000, 50_000, 0, 250_000, 55_000, 40_000, 15_000, 235_000]
    assert (a[TILGJENGELIG], b[TILGJENGELIG]) == (pot_a.tilgjengelig, pot_b.tilgjengelig)
    assert (a[UTBETALT], b[UTBETALT]) == (pot_a.utbetalt, pot_b.utbetalt)

    # The year's row adds up the pots; the share of the 5 MNOK frame is what stays committed.
    ar_rad = _verdier(penger.bygg(plan.program, 2021).tabell("penger-ar"))[0]
    assert ar_rad[1:9] == [700_000, 50_000, 50_000, 700_000, 135_000, 60_000, 45_000, 625_000]
    assert ar_rad[9] == 5_000_000 and str(ar_rad[10]) == "1.5"


def test_a_figure_opens_the_ledger_entries_behind_it(client, verden, utfor):
    plan, pot_a, pot_b = _money(verden, utfor)
    tabell = penger.bygg(plan.program, 2021).tabell("penger-strategi")
    forpliktet = _rad(tabell, pot_b, verdier=False)[FORPLIKTET]
    assert forpliktet.lenke == (
        reverse("handlingsplan:pot", args=[pot_b.pk]) + "?type=forpliktelse&type=tilbakeforing"
    )
    client.force_login(staff_user(Rolle.OBSERVATOR))
    page = client.get(forpliktet.lenke).content.decode()
    assert page.count('data-testid="ledger-row"') == 2
    assert "Tilsagn (forpliktelse)" in page and "Tilbakeføring av utbetalt beløp" in page
    assert "Frigjøring av ubrukt tilsagn" not in page and 'data-testid="ledger-filter"' in page
    # Unfiltered, the pot shows all six of its entries.
    page = client.get(reverse("handlingsplan:pot", args=[pot_b.pk])).content.decode()
    assert page.count('data-testid="ledger-row"') == 6


def test_financing_hours_and_money_triggered(verden, utfor):
    plan, pot_a, _pot_b = _money(verden, utfor)
    program = plan.program
    fylke = Finansieringskilde.objects.create(program=program, navn="Innlandet fylkeskommune")
    kommune = Finansieringskilde.objects.create(program=program, navn="Sel kommune")
    Finansiering.objects.create(handlingsplan=plan, kilde=fylke, belop=3_000_000)
    Finansiering.objects.create(handlingsplan=plan, kilde=kommune, belop=1_000_000)
    ProgramlederTimer.objects.create(
        handlingsplan=plan, innsatsomrade=pot_a.strategi.innsatsomrade, timer=100
    )
    del_ = penger.bygg(program, 2021)

    kilder = _verdier(del_.tabell("penger-kilder"))
    assert kilder == [["Innlandet fylkeskommune", 3_000_000, 75], ["Sel kommune", 1_000_000, 25]]
    # Budget: the strategies' 700 000, 100 hours at 500 kr and 400 000 for administration.
    budsjett = _verdier(del_.tabell("penger-budsjett"))
    assert budsjett == [["2021", 4_000_000, 700_000, 50_000, 400_000, 1_150_000, 2_850_000]]

    # The approved final report: 40 000 + 20 000 + 90 000 kr against the 30 000 kr paid.
    utlost = {r[0]: r for r in _verdier(del_.tabell("utlost"))}
    omrade = pot_a.strategi.innsatsomrade
    rad = utlost[f"{omrade.nummer}. {omrade.navn}"]
    assert rad[1:] == [1, 40_000, 20_000, 90_000, 150_000, 30_000, 5]
    assert "5,00 andre kroner per programkrone" in " ".join(del_.merknader)


def test_the_section_page_and_its_workbook_show_the_figures(client, verden, utfor):
    plan, pot_a, _pot_b = _money(verden, utfor)
    client.force_login(staff_user(Rolle.STYREMEDLEM))
    page = client.get(reverse("rapportering:seksjon", args=["penger"]), {"ar": "2021"})
    html = page.content.decode()
    assert page.status_code == 200 and "Penger per strategi" in html and "<svg" in html
    assert "390 000 kr" in html
    assert f'href="{reverse("handlingsplan:pot", args=[pot_a.pk])}?type=frigjoring"' in html
    xlsx = client.get(reverse("rapportering:xlsx", args=["penger"]), {"ar": "2021"})
    ark = load_workbook(io.BytesIO(xlsx.content))["Penger per strategi"]
    rader = [[c.value for c in rad][2:] for rad in ark.iter_rows(min_row=2, max_row=3)]
    assert [500_000, 0, 50_000, 450_000, 80_000, 20_000, 30_000, 390_000] in rader


def _queries(program, ar) -> int:
    with CaptureQueriesContext(connection) as ctx:
        penger.bygg(program, ar)
    return len(ctx.captured_queries)


def test_the_section_reads_in_the_same_number_of_queries_for_few_and_many_grants():
    pot = PotFactory(fylt=10_000_000, strategi__budsjett=10_000_000)
    program = pot.strategi.handlingsplan.program
    andre = PotFactory(strategi__handlingsplan=pot.strategi.handlingsplan, fylt=1_000_000)
    prosjekter_lag(pot=pot, antall=3)
    few = (_queries(program, None), _queries(program, 2021))
    prosjekter_lag(pot=pot, antall=27, start=3)
    prosjekter_lag(pot=andre, antall=10, start=30)
    for f in Fase.objects.all()[:20]:
        forpliktelse_pay(forpliktelse=f.forpliktelse, amount=500)
    assert (_queries(program, None), _queries(program, 2021)) == few
    assert few[0] <= 8
    tabell = penger.bygg(program, 2021).tabell("penger-strategi")
    assert (_rad(tabell, pot)[FORPLIKTET], _rad(tabell, andre)[FORPLIKTET]) == (30_000, 10_000)
    assert sum(r[UTBETALT].verdi for r in tabell.rader) == 10_000
    assert Pot.objects.get(pk=pot.pk).forpliktet == 30_000


def test_a_pot_whose_running_figures_disagree_with_its_ledger_is_named():
    pot = PotFactory(fylt=100_000, strategi__bokstav="Q")
    program = pot.strategi.handlingsplan.program
    assert penger.bygg(program, 2021).merknader == []
    # A cache written past the ledger (never done by the services).
    Pot.objects.filter(pk=pot.pk).update(tildelt=120_000)
    merknader = penger.bygg(program, 2021).merknader
    assert merknader == [
        "Potten Q (2021): pottens løpende tall stemmer ikke med posteringene. "
        "Kontroller reskontroen."
    ]
    rad = penger.bygg(program, 2021).tabell("penger-strategi").rader[0]
    assert (rad[TILDELT].verdi, rad[TILGJENGELIG].verdi) == (100_000, 120_000)
