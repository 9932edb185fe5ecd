"""Sub-goals: a phase started with a sub-goal in its recommendation counts as started, an
approved final report delivering it counts as completed, and the sub-goal is reached when the
projects counted at its milestone meet its target; on the page and in the Excel file."""

import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from handlingsplan.models import Delmal
from plp import services as ps
from plp.models import DelmalTelling, Fase
from rapportering.selectors.delmal import bygg
from tests.factories import StrategiFactory
from tests.plp.conftest import COSTS, JOBS
from tests.plp.factories import prosjekter_lag
from tests.workflow.conftest import innstilling_data
from workflow import services as sv

pytestmark = pytest.mark.django_db


def _rows(tabell) -> dict[str, list]:
    return {rad[0]: rad[1:] for rad in tabell.rader}


def _delmal(strategi, tekst, milepael, antall=1):
    return Delmal.objects.create(
        strategi=strategi, tekst=tekst, type="forstudie", antall=antall, milepael=milepael
    )


def test_sub_goals_count_started_and_completed_projects_and_flip_to_reached(world, perform, client):
    strategi = world.pot.strategi
    startet = _delmal(strategi, "Én forstudie igangsatt", "igangsatt")
    gjennomfort = _delmal(strategi, "Én forstudie gjennomført", "gjennomfort")
    to = _delmal(strategi, "To forstudier gjennomført", "gjennomfort", antall=2)
    sak, process = world.submit(fase="forstudie")
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    data = innstilling_data(world, belop=80_000, delmal=[startet.pk, gjennomfort.pk, to.pk])
    perform(process, "vurdering", world.programleder, data)
    perform(process, "delegert_vedtak", world.programleder, {})
    sv.tilsagn_accept(sak=sak)
    fase = Fase.objects.get(sak=sak)
    rows = _rows(bygg(world.program).tabell("delmal"))
    # Granted but not started: nothing counts yet.
    assert [rows[d.tekst][4:] for d in (startet, gjennomfort, to)] == [
        [1, 0, 0, "Nei"],
        [1, 0, 0, "Nei"],
        [2, 0, 0, "Nei"],
    ]

    ps.fase_start(fase=fase, startet=date(2026, 3, 1), today=date(2026, 12, 1))
    rows = _rows(bygg(world.program).tabell("delmal"))
    assert rows[startet.tekst][4:] == [1, 1, 0, "Ja"]
    assert rows[gjennomfort.tekst][4:] == [1, 1, 0, "Nei"]

    rapport = ps.sluttrapport_submit(
        fase,
        resultater="Marked funnet.",
        malt_dato=date(2026, 11, 30),
        kostnader=COSTS,
        delmal=[gjennomfort, to],
        neste_fase_plan="",
        today=date(2026, 12, 1),
        **JOBS,
    )
    assert _rows(bygg(world.program).tabell("delmal"))[gjennomfort.tekst][-1] == "Nei"
    ps.sluttrapport_approve(rapport=rapport, by=world.programleder, today=date(2026, 12, 1))

    del_ = bygg(world.program)
    rows = _rows(del_.tabell("delmal"))
    assert rows[gjennomfort.tekst] == [
        "2021",
        strategi.innsatsomrade.navn,
        f"{strategi.bokstav}. {strategi.navn}",
        "gjennomført",
        1,
        1,
        1,
        "Ja",
    ]
    # One of two completed: not reached.
    assert rows[to.tekst][4:] == [2, 1, 1, "Nei"]
    # Per focus area: three sub-goals, two reached; 4 projects wanted, 3 counted.
    assert _rows(del_.tabell("delmal-omrader")) == {strategi.innsatsomrade.navn: [3, 2, 4, 3]}
    assert [s.verdier for s in del_.diagrammer[0].serier] == [[4], [3]]

    client.force_login(world.observator)
    page = client.get(reverse("rapportering:seksjon", args=["delmal"]), {"ar": "2021"})
    assert page.status_code == 200
    html = page.content.decode()
    assert f'<th scope="row">{gjennomfort.tekst}</th>' in html and "<svg" in html
    xlsx = client.get(reverse("rapportering:xlsx", args=["delmal"]))
    workbook = load_workbook(io.BytesIO(xlsx.content))
    ark = next(workbook[n] for n in workbook.sheetnames if n.startswith("Delmål i"))
    row = next(r for r in ark.iter_rows(values_only=True) if r[0] == to.tekst)
    assert row[5:] == (2, 1, 1, "Nei")


def test_a_year_shows_the_sub_goals_of_that_years_plan(world):
    _delmal(world.pot.strategi, "Ett nettverk igangsatt", "igangsatt")
    senere = StrategiFactory(
        handlingsplan__program=world.program,
        handlingsplan__ar=2022,
        innsatsomrade=world.pot.strategi.innsatsomrade,
    )
    _delmal(senere, "Tre bedrifter under etablering", "igangsatt", antall=3)
    assert list(_rows(bygg(world.program, 2022).tabell("delmal"))) == [
        "Tre bedrifter under etablering"
    ]
    assert list(_rows(bygg(world.program).tabell("delmal"))) == [
        "Ett nettverk igangsatt",
        "Tre bedrifter under etablering",
    ]
    tom = bygg(world.program, 2023)
    assert tom.tabell("delmal").rader == [] and tom.diagrammer == []
    assert tom.merknader == ["Handlingsplanen for 2023 har ingen delmål."]


def _counted(delmal, prosjekter):
    faser = Fase.objects.filter(prosjekt__in=prosjekter)
    DelmalTelling.objects.bulk_create(
        DelmalTelling(fase=f, delmal=delmal, milepael=m, dato=date(2026, 6, 1))
        for f in faser
        for m in ("igangsatt", "gjennomfort")
    )


def test_the_sub_goals_section_reads_in_a_fixed_number_of_queries(world):
    delmal = _delmal(world.pot.strategi, "Tre forstudier gjennomført", "gjennomfort", antall=3)
    _delmal(world.pot.strategi, "Ett nettverk igangsatt", "igangsatt")
    _counted(delmal, prosjekter_lag(pot=world.pot, antall=2))
    with CaptureQueriesContext(connection) as few:
        bygg(world.program)
    assert _rows(bygg(world.program).tabell("delmal"))[delmal.tekst][4:] == [3, 2, 2, "Nei"]
    _counted(delmal, prosjekter_lag(pot=world.pot, antall=30, start=2))
    with CaptureQueriesContext(connection) as many:
        del_ = bygg(world.program)
    assert len(few) == len(many) <= 3
    assert _rows(del_.tabell("delmal"))[delmal.tekst][4:] == [3, 32, 32, "Ja"]
