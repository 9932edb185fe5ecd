"""The programleder records hours for a month, then reads the money and case flow sections of
the reporting pages and follows a figure to the ledger entries behind it; an observer sees
the hours but has no form. Every page passes axe-core."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from felles.roles import Rolle
from handlingsplan.models import Innsatsomrade
from tests.e2e.axe import assert_accessible
from tests.factories import staff_user

pytestmark = pytest.mark.browser

PLAN_FILE = "handlingsplan/data/handlingsplan_2021.yaml"


def choose(page, field_id, option):
    page.locator(f"#{field_id}").select_option(label=option)


@pytest.fixture
def plan_2021(transactional_db):
    call_command("import_handlingsplan", PLAN_FILE, verbosity=0)


def test_hours_and_the_money_and_case_flow_reports(page, login, plan_2021):
    omrade = Innsatsomrade.objects.order_by("nummer").first()
    user = staff_user(Rolle.PROGRAMLEDER, first_name="Pia", last_name="Programleder")
    login(user, next_url="/staff/handlingsplan/timer/?ar=2021")

    expect(page.locator("h1")).to_have_text("Programledertimer")
    expect(page.get_by_test_id("timer-sum")).to_have_text("0 t")
    assert_accessible(page)
    choose(page, "id_innsatsomrade", str(omrade))
    choose(page, "id_maned", "mars 2021")
    page.locator("#id_timer").fill("12,5")
    page.get_by_role("button", name="Lagre timer").click()
    expect(page.get_by_role("status")).to_contain_text("Ført 12,5 t")
    expect(page.get_by_test_id("timer-sum")).to_have_text("12,5 t")
    assert_accessible(page)

    page.goto("/staff/rapportering/penger/?ar=2021")
    expect(page.locator("h1")).to_have_text("Penger")
    expect(page.locator("#tabell-penger-strategi")).to_contain_text("Proaktivt arbeid")
    expect(page.locator("#tabell-timer")).to_contain_text("12,5")
    assert_accessible(page)
    page.locator("#tabell-penger-strategi tbody tr").first.get_by_role(
        "link", name="200 000 kr"
    ).first.click()
    expect(page.locator("h1")).to_have_text("Pott A. Proaktivt arbeid")
    expect(page.get_by_test_id("ledger-filter")).to_contain_text("Tildeling fra handlingsplanen")
    expect(page.get_by_test_id("ledger-row")).to_have_count(1)
    assert_accessible(page)

    page.goto("/staff/rapportering/saksflyt/")
    expect(page.locator("h1")).to_have_text("Saksflyt")
    expect(page.locator("#tabell-saksflyt-vedtakstid")).to_be_visible()
    assert_accessible(page)


def test_an_observer_sees_the_hours_but_enters_none(page, login, plan_2021):
    login(staff_user(Rolle.OBSERVATOR), next_url="/staff/handlingsplan/timer/?ar=2021")
    expect(page.get_by_test_id("timer-tabell")).to_be_visible()
    expect(page.get_by_test_id("timer-form")).to_have_count(0)
    assert_accessible(page)
