"""The programleder records an impact indicator's value for a year, a slip in the year is
refused next to the field, and the board's reporting pages show the indicators and the
sub-goals; every page passes axe-core (WCAG 2.1 AA and best practices) in bokmål."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from felles.roles import Rolle
from handlingsplan.models import Indikator, Indikatorverdi
from tests.e2e.axe import assert_accessible
from tests.factories import staff_user

pytestmark = pytest.mark.browser

PLAN_FILE = "handlingsplan/data/handlingsplan_2021.yaml"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


@pytest.fixture
def plan_2021(transactional_db):
    call_command("import_handlingsplan", PLAN_FILE, verbosity=0)


def test_programleder_records_a_value_and_the_board_reads_it(page, login, plan_2021):
    befolkning = Indikator.objects.get(navn__startswith="Befolkningsutvikling")
    login(staff_user(Rolle.PROGRAMLEDER), next_url="/staff/handlingsplan/indikatorer/")
    expect(page.locator("h1")).to_have_text("Måleindikatorer")
    expect(page.get_by_test_id(f"indikator-{befolkning.pk}")).to_contain_text("Registrer")
    assert_accessible(page, tags=AXE_TAGS)

    page.get_by_role("link", name=f"{befolkning.navn}, 2022").click()
    expect(page.locator("h1")).to_have_text(befolkning.navn)
    expect(page.locator("#id_ar_control")).to_have_value("2022")
    assert_accessible(page, tags=AXE_TAGS)

    page.locator("#id_ar_control").fill("2030")
    page.locator("#id_verdi_control").fill("5 690")
    page.locator("#id_enhet_control").fill("personer")
    page.get_by_role("button", name="Lagre").click()
    expect(page.locator("#id_ar")).to_contain_text("Året må være et av programmets år, 2021–2026.")
    expect(page.locator("#id_verdi_control")).to_have_value("5 690")
    assert not Indikatorverdi.objects.exists()
    assert_accessible(page, tags=AXE_TAGS)

    page.locator("#id_ar_control").fill("2022")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("status")).to_contain_text("Verdien for 2022 er lagret.")
    expect(page.get_by_test_id("ar-2022")).to_contain_text("5 690")
    assert_accessible(page, tags=AXE_TAGS)

    login(staff_user(Rolle.STYREMEDLEM), next_url="/staff/rapportering/indikatorer/")
    expect(page.locator("h1")).to_have_text("Måleindikatorer")
    expect(page.locator("table", has_text="Måleindikatorer per år")).to_contain_text("5690,0")
    assert_accessible(page, tags=AXE_TAGS)
    page.goto("/staff/rapportering/delmal/")
    expect(page.locator("h1")).to_have_text("Delmål")
    expect(
        page.get_by_role("row", name="Min. tre bedriftsutviklingsprosjekt gjennomført")
    ).to_contain_text("Nei")
    assert_accessible(page, tags=AXE_TAGS)
