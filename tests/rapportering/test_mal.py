"""Goals against results: the action plan's job table as the plan states it, and the jobs of
an approved final report in the right cell, on the page and in the Excel file."""

import io
from datetime import date
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from plp import services as ps
from plp.models import Fase
from rapportering.selectors.felles import gjeldende_program
from rapportering.selectors.mal import bygg, maloppnaelse
from tests.plp.conftest import COSTS, JOBS, delegated_grant
from tests.plp.factories import prosjekter_lag

pytestmark = pytest.mark.django_db
PLAN = Path(__file__).resolve().parents[2] / "handlingsplan" / "data" / "handlingsplan_2021.yaml"


def _rows(tabell) -> dict[str, list]:
    return {rad[0]: rad[1:] for rad in tabell.rader}


def test_the_goals_table_is_the_action_plans_row_by_row():
    call_command("import_handlingsplan", str(PLAN), stdout=io.StringIO())
    plan = yaml.safe_load(PLAN.read_text(encoding="utf-8"))
    tabell = bygg(gjeldende_program()).tabell("mal")
    rows = _rows(tabell)
    arene = list(range(2021, 2027))
    with_targets = [o for o in plan["innsatsomrader"] if o.get("har_arbeidsplassmal")]
    assert list(rows) == [o["navn"] for o in with_targets]
    for omrade in with_targets:
        per_ar = [omrade["arbeidsplassmal"][a] for a in arene]
        assert rows[omrade["navn"]] == [*per_ar, sum(per_ar)]
    per_ar_i_planen = plan["program"]["oppgitt"]["arbeidsplassmal_per_ar"]
    assert tabell.summer()[1:] == [*(per_ar_i_planen[a] for a in arene), 210]
    program = _rows(bygg(gjeldende_program()).tabell("program"))
    assert (program["Nye"][0], program["Sikrede"][0]) == (180, 30)


def test_an_approved_final_report_counts_its_jobs_in_its_focus_area_and_year(
    world, perform, client
):
    sak, process = world.submit(fase="forstudie")
    sak = delegated_grant(world, perform, sak, process, belop=80_000)
    fase = Fase.objects.get(sak=sak)
    omrade = world.pot.strategi.innsatsomrade.navn
    data = maloppnaelse(world.program)
    # Running: the recommendation's two expected jobs, in the year the phase is planned to end.
    assert sum(o.sum().forventet for o in data.omrader) == 2
    assert sum(o.sum().oppnadd for o in data.omrader) == 0

    ps.fase_start(fase=fase, startet=date(2026, 3, 1), today=date(2026, 12, 1))
    rapport = ps.sluttrapport_submit(
        fase,
        resultater="Marked funnet.",
        malt_dato=date(2025, 11, 30),
        kostnader=COSTS,
        delmal=[],
        neste_fase_plan="",
        today=date(2026, 12, 1),
        **JOBS,
    )
    ps.sluttrapport_approve(rapport=rapport, by=world.programleder, today=date(2026, 12, 1))

    del_ = bygg(world.program)
    # JOBS: 1 woman and 2 men in new jobs, 1 man in a secured job, counted in 2025.
    assert _rows(del_.tabell("maloppnaelse"))[omrade][1:7] == [1, 2, 0, 1, 4, None]
    assert _rows(del_.tabell("oppnadd"))[omrade] == [0, 0, 0, 0, 4, 0, 4]
    assert _rows(del_.tabell("program")) == {"Nye": [180, 3, 1.7], "Sikrede": [30, 1, 3.3]}
    assert _rows(bygg(world.program, 2025).tabell("maloppnaelse"))[omrade][5] == 4
    assert _rows(bygg(world.program, 2024).tabell("maloppnaelse"))[omrade][5] == 0
    assert sum(o.sum().forventet for o in maloppnaelse(world.program).omrader) == 0

    client.force_login(world.observator)
    page = client.get(reverse("rapportering:seksjon", args=["mal"]), {"ar": "2025"})
    assert page.status_code == 200
    assert f'<th scope="row">{omrade}</th>' in page.content.decode()
    xlsx = client.get(reverse("rapportering:xlsx", args=["mal"]))
    workbook = load_workbook(io.BytesIO(xlsx.content))
    ark = workbook[workbook.sheetnames[0]]
    row = next(r for r in ark.iter_rows(values_only=True) if r[0] == omrade)
    assert row[2:7] == (1, 2, 0, 1, 4)


def test_the_goals_section_reads_in_a_fixed_number_of_queries(world):
    prosjekter_lag(pot=world.pot, antall=3)
    with CaptureQueriesContext(connection) as few:
        bygg(world.program)
    prosjekter_lag(pot=world.pot, antall=30, start=3)
    with CaptureQueriesContext(connection) as many:
        bygg(world.program)
    assert len(few) == len(many) <= 6
