"""The building blocks of every report: totals, CSV and Excel files, charts, and the staff
pages that show a section to the roles that may see it."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from felles.roles import Rolle
from rapportering import seksjoner
from rapportering.diagram import geometri
from rapportering.eksport import tabell_csv, tabeller_xlsx
from rapportering.tabell import ANTALL, KR, Celle, Diagram, Kolonne, Rapportdel, Serie, Tabell
from tests.factories import ProgramFactory, UserFactory, staff_user


def _tabell():
    return Tabell(
        slug="penger",
        tittel="Penger per strategi",
        kolonner=[Kolonne("Strategi"), Kolonne("Budsjett", KR, summer=True), Kolonne("Nr", ANTALL)],
        rader=[["A", Celle(1_000_000, "/staff/handlingsplan/pott/1/"), 1], ["B", 250_000, 2]],
    )


def test_totals_add_the_summed_columns_only():
    assert _tabell().summer() == [None, 1_250_000, None]


def test_csv_has_a_header_the_rows_and_the_totals_in_utf8():
    text = tabell_csv(_tabell()).decode("utf-8").splitlines()
    assert text == ["Strategi,Budsjett,Nr", "A,1000000,1", "B,250000,2", "Sum,1250000,"]


def test_excel_keeps_numbers_as_numbers_and_totals_as_formulas():
    workbook = load_workbook(io.BytesIO(tabeller_xlsx([_tabell()])))
    ark = workbook["Penger per strategi"]
    assert [c.value for c in ark[2]] == ["A", 1_000_000, 1]
    assert ark["B4"].value == "=SUM(B2:B3)"
    assert ark["A4"].value == "Sum"


def test_chart_bars_grow_with_their_values():
    d = Diagram(
        "Jobber", ["2021", "2022"], [Serie("Mål", [10, 40]), Serie("Resultat", [5, 0])], "t"
    )
    g = geometri(d)
    hoyder = {(s.serie, s.verdi): s.hoyde for s in g["stolper"]}
    assert hoyder[("Mål", 40)] > hoyder[("Mål", 10)] > hoyder[("Resultat", 5)] > 0
    assert hoyder[("Resultat", 0)] == 0
    assert g["ticks"][-1]["verdi"] >= 40


@pytest.fixture
def en_seksjon(monkeypatch):
    def bygg(program, ar):
        tabell = _tabell()
        tabell.tittel = f"Penger {ar or 'hele perioden'}"
        d = Diagram("Budsjett", ["A", "B"], [Serie("Budsjett", [1_000_000, 250_000])], "penger")
        return Rapportdel(tabeller=[tabell], diagrammer=[d])

    seksjon = seksjoner.Seksjon("penger", "Penger", bygg)
    monkeypatch.setattr(seksjoner, "alle", lambda: [seksjon])
    return seksjon


@pytest.mark.django_db
@pytest.mark.parametrize("rolle", [Rolle.STYREMEDLEM, Rolle.OBSERVATOR, Rolle.PROGRAMLEDER])
def test_the_board_observers_and_programleder_see_a_section(client, en_seksjon, rolle):
    ProgramFactory(start_ar=2021, slutt_ar=2026)
    client.force_login(staff_user(rolle))
    page = client.get(reverse("rapportering:seksjon", args=["penger"]), {"ar": "2022"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Penger 2022" in html and "1 000 000 kr" in html and "1 250 000 kr" in html
    assert 'href="/staff/handlingsplan/pott/1/"' in html and "<svg" in html
    assert client.get(reverse("rapportering:index")).status_code == 200
    xlsx = client.get(reverse("rapportering:xlsx", args=["penger"]))
    assert load_workbook(io.BytesIO(xlsx.content))["Penger hele perioden"]["B2"].value == 1_000_000
    csv = client.get(reverse("rapportering:csv", args=["penger", "penger"]))
    assert csv.content.decode().startswith("Strategi,Budsjett,Nr")


@pytest.mark.django_db
def test_people_without_a_staff_role_see_no_report(client, en_seksjon):
    ProgramFactory()
    url = reverse("rapportering:seksjon", args=["penger"])
    assert client.get(url).status_code == 302
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    client.force_login(staff_user(Rolle.OBSERVATOR))
    assert client.get(reverse("rapportering:seksjon", args=["finnes-ikke"])).status_code == 404


def test_dates_read_as_dates_on_the_page_and_in_excel():
    from datetime import date

    from rapportering.tabell import DATO
    from rapportering.templatetags.rapport import vis

    tabell = Tabell(
        "d", "Vedtak", [Kolonne("Sak"), Kolonne("Vedtatt", DATO)], [["1", date(2022, 2, 10)]]
    )
    assert vis(date(2022, 2, 10), DATO) == "10.02.2022"
    ark = load_workbook(io.BytesIO(tabeller_xlsx([tabell])))["Vedtak"]
    assert ark["B2"].value.date() == date(2022, 2, 10)
    assert ark["B2"].number_format == "dd.mm.yyyy"
