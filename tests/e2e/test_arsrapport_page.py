"""The annual report from the reporting page, as an observer from the county finds it: the
form is accessible, gives the year's report as Excel and as PDF, and the plan status section
shows the deviations the board has not resolved."""

import re
from datetime import date

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from felles.roles import Rolle
from handlingsplan.services import handlingsplan_advance
from tests.e2e.axe import assert_accessible
from tests.factories import HandlingsplanFactory, ProgramFactory, staff_user

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
AVVIK = [
    {
        "hvor": "Innsatsområde 4 Reiseliv",
        "oppgitt": "500000",
        "beregnet": "600000",
        "tekst": "Innsatsområde 4 Reiseliv: oppgitt 500 000 kr, beregnet 600 000 kr",
    }
]


@pytest.fixture
def program():
    program = ProgramFactory(navn="Omstillingsprogrammet i Sel", start_ar=2021, slutt_ar=2026)
    plan = HandlingsplanFactory(program=program, ar=2021, utkast=True)
    handlingsplan_advance(
        plan=plan, to="godkjent", date=date(2021, 2, 15), reference="Styringsgruppen sak 1/2021"
    )
    HandlingsplanFactory(program=program, ar=2022, utkast=True, avvik=AVVIK)
    return program


def test_an_observer_downloads_the_annual_report(page, login, program, tmp_path):
    login(staff_user(Rolle.OBSERVATOR), next_url="/staff/rapportering/")
    expect(page.locator("h1")).to_contain_text("Rapportering – Omstillingsprogrammet i Sel")
    expect(page.get_by_role("heading", name="Årsrapport")).to_be_visible()
    assert_accessible(page, tags=AXE_TAGS)

    page.get_by_role("combobox", name="År").select_option("2021")
    page.get_by_label("Excel med tabellene").check()
    with page.expect_download() as excel:
        page.get_by_role("button", name="Last ned årsrapporten").click()
    assert excel.value.suggested_filename == f"{program.slug}-arsrapport-2021.xlsx"
    fil = tmp_path / "rapport.xlsx"
    excel.value.save_as(fil)
    workbook = load_workbook(fil)
    assert workbook.sheetnames[0] == "Årsrapport 2021"
    assert "Handlingsplanenes status" in workbook.sheetnames
    assert workbook["Handlingsplanenes status"]["D2"].value == "Styringsgruppen sak 1/2021"

    page.get_by_label("PDF med tabeller og diagrammer").check()
    with page.expect_download() as pdf:
        page.get_by_role("button", name="Last ned årsrapporten").click()
    assert pdf.value.suggested_filename.endswith("-arsrapport-2021.pdf")
    fil = tmp_path / "rapport.pdf"
    pdf.value.save_as(fil)
    assert fil.read_bytes().startswith(b"%PDF")


def test_the_plan_status_section_shows_the_open_deviations(page, login, program):
    login(staff_user(Rolle.STYREMEDLEM), next_url="/staff/rapportering/")
    page.locator("#innhold").get_by_role("link", name="Planstatus").click()
    expect(page.locator("h1")).to_have_text("Planstatus")
    expect(page.get_by_text("Handlingsplanen for 2022 har 1 avvik i egne tall")).to_be_visible()
    expect(page.get_by_role("table", name=re.compile("Avvik i planens egne tall"))).to_contain_text(
        "oppgitt 500 000 kr, beregnet 600 000 kr"
    )
    assert_accessible(page, tags=AXE_TAGS)
    page.get_by_role("link", name="2021").first.click()
    expect(page.get_by_test_id("plan-status")).to_have_text("Godkjent av styringsgruppen")


def test_a_year_outside_the_program_is_refused_on_the_page(page, login, program):
    login(staff_user(Rolle.PROGRAMLEDER), next_url="/staff/rapportering/")
    response = page.goto("/staff/rapportering/arsrapport/?ar=2030&filtype=pdf")
    assert response.status == 400
    expect(page.get_by_text("Velg et år i programperioden, 2021–2026.")).to_be_visible()
    assert_accessible(page, tags=AXE_TAGS)
