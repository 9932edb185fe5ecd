"""The impact indicators section: a table of indicators by year, a chart and a table per
indicator over the years, and the values of one year; in a fixed number of queries."""

import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from felles.roles import Rolle
from handlingsplan.models import Indikator
from handlingsplan.services import indikatorverdi_record
from rapportering.selectors.indikatorer import bygg
from tests.factories import ProgramFactory, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def program():
    program = ProgramFactory(start_ar=2021, slutt_ar=2026)
    befolkning = Indikator.objects.create(program=program, navn="Befolkning", rekkefolge=1)
    Indikator.objects.create(program=program, navn="Resultat i Kommune-NM", rekkefolge=2)
    for ar, verdi in [(2021, "5 850"), (2022, "5812"), (2023, "5790.5")]:
        indikatorverdi_record(
            indikator=befolkning, ar=ar, verdi=verdi.replace(" ", ""), enhet="personer", kilde="SSB"
        )
    return program


def _rows(tabell) -> dict[str, list]:
    return {rad[0]: rad[1:] for rad in tabell.rader}


def test_indicators_by_year_with_a_chart_for_each_indicator_that_has_values(program):
    del_ = bygg(program)
    assert [k.navn for k in del_.tabell("indikatorer").kolonner][2:] == [
        "2021",
        "2022",
        "2023",
        "2024",
        "2025",
        "2026",
    ]
    assert _rows(del_.tabell("indikatorer")) == {
        "Befolkning": [
            "personer",
            Decimal(5850),
            Decimal(5812),
            Decimal("5790.5"),
            None,
            None,
            None,
        ],
        "Resultat i Kommune-NM": ["", None, None, None, None, None, None],
    }
    # Only the indicator with values gets a chart, its numbers in the table beside it.
    [diagram] = del_.diagrammer
    assert (diagram.tittel, diagram.tabell, diagram.enhet) == (
        "Befolkning",
        "indikator-1",
        "personer",
    )
    assert diagram.kategorier == ["2021", "2022", "2023", "2024", "2025", "2026"]
    assert diagram.serier[0].verdier[:4] == [Decimal(5850), Decimal(5812), Decimal("5790.5"), None]
    assert _rows(del_.tabell("indikator-1"))["2022"] == [Decimal(5812), "SSB"]

    aret = bygg(program, 2022).tabell("indikatorer-ar")
    assert _rows(aret) == {
        "Befolkning": [Decimal(5812), "personer", "SSB", ""],
        "Resultat i Kommune-NM": [None, "", "", ""],
    }


def test_the_board_sees_the_section_on_the_page_and_in_excel(client, program):
    client.force_login(staff_user(Rolle.STYREMEDLEM))
    page = client.get(reverse("rapportering:seksjon", args=["indikatorer"]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "5812,0" in html and "<svg" in html and "Måleindikatorer per år" in html
    xlsx = client.get(reverse("rapportering:xlsx", args=["indikatorer"]))
    ark = load_workbook(io.BytesIO(xlsx.content))["Måleindikatorer per år"]
    rad = next(r for r in ark.iter_rows(values_only=True) if r[0] == "Befolkning")
    assert rad[1:5] == ("personer", 5850, 5812, 5790.5)


def test_no_values_yet_says_so_and_draws_no_chart():
    program = ProgramFactory(start_ar=2021, slutt_ar=2026)
    Indikator.objects.create(program=program, navn="Befolkning", rekkefolge=1)
    del_ = bygg(program)
    assert del_.diagrammer == [] and del_.merknader == [
        "Ingen verdier er registrert for indikatorene ennå."
    ]


def test_the_indicators_section_reads_in_a_fixed_number_of_queries(program):
    with CaptureQueriesContext(connection) as few:
        bygg(program, 2022)
    for n in range(12):
        indikator = Indikator.objects.create(program=program, navn=f"Egen {n}", rekkefolge=3 + n)
        for ar in range(2021, 2027):
            indikatorverdi_record(indikator=indikator, ar=ar, verdi=n * ar)
    with CaptureQueriesContext(connection) as many:
        del_ = bygg(program, 2022)
    assert len(few) == len(many) <= 2
    assert len(del_.diagrammer) == 13
