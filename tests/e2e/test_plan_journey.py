"""The programleder's first journey: the 2021 plan, a pot, a reallocation, both histories."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from felles.roles import Rolle
from handlingsplan.models import Pot
from tests.e2e.axe import assert_accessible
from tests.factories import staff_user

pytestmark = pytest.mark.browser

PLAN_FILE = "handlingsplan/data/handlingsplan_2021.yaml"
AREAS = [
    "1. Eksisterende næringsliv",
    "2. Industri",
    "3. Opplevelsesnæring",
    "4. Forretningsmessig tjenesteyting",
    "5. Attraktivitet for næringsliv",
    "6. Kultur og samfunn",
]


def row(page, letter):
    return page.get_by_test_id(f"strategi-{letter}")


def ledger_rows(page):
    return page.get_by_test_id("ledger-row")


def choose(page, field_id, option):
    page.locator(f"#{field_id}").select_option(label=option)


@pytest.fixture
def plan_2021(transactional_db):
    call_command("import_handlingsplan", PLAN_FILE, verbosity=0)


def test_programleder_reallocates_between_pots_of_two_focus_areas(page, login, plan_2021):
    user = staff_user(Rolle.PROGRAMLEDER, first_name="Pia", last_name="Programleder")
    login(user, next_url="/staff/handlingsplan/")

    # The 2021 plan with its six focus areas, strategies A–U and pots.
    expect(page.locator("h1")).to_contain_text("Handlingsplan 2021")
    expect(page.get_by_test_id("omrade")).to_have_count(6)
    for area in AREAS:
        expect(page.get_by_role("heading", name=area, exact=True)).to_be_visible()
    for letter in "ABCDEFGHIJKLMNOPQRSTU":
        expect(row(page, letter)).to_have_count(1)
    expect(page.get_by_test_id("finansiering-sum")).to_have_text("3 800 000 kr")
    expect(page.get_by_test_id("ramme-sum")).to_have_text("3 100 000 kr")
    expect(page.get_by_test_id("timer-sum")).to_have_text("800 t")
    expect(page.get_by_test_id("timekost-sum")).to_have_text("400 000 kr")
    expect(page.get_by_test_id("totalbudsjett")).to_have_text("3 900 000 kr")
    expect(page.get_by_test_id("mal-sum")).to_have_text("210")
    expect(page.get_by_test_id("tildelt-sum")).to_have_text("3 100 000 kr")
    expect(row(page, "A").get_by_test_id("tilgjengelig")).to_have_text("200 000 kr")
    expect(row(page, "T").get_by_test_id("tilgjengelig")).to_have_text("150 000 kr")
    assert_accessible(page)

    # Pot A and its history.
    row(page, "A").get_by_role("link").click()
    expect(page.locator("h1")).to_have_text("Pott A. Proaktivt arbeid")
    expect(page.get_by_test_id("pot-tilgjengelig")).to_have_text("200 000 kr")
    expect(ledger_rows(page)).to_have_count(1)
    assert_accessible(page)

    # A reallocation the pot cannot afford is refused next to the amount, input kept.
    page.get_by_role("link", name="Omfordel midler").click()
    expect(page.locator("h1")).to_have_text("Omfordel midler")
    assert_accessible(page)
    choose(page, "id_til_pot", "T. Bostedsattraktivitet (Kultur og samfunn)")
    page.get_by_label("Beløp (kr)").fill("250 000")
    page.get_by_label("Begrunnelse").fill("Flere tiltak for bostedsattraktivitet")
    page.get_by_label("Vedtaksreferanse").fill("PS 15/21")
    page.get_by_role("button", name="Omfordel", exact=True).click()
    expect(page.locator("#id_belop_error")).to_contain_text("Det er ikke nok penger i potten A")
    expect(page.get_by_label("Beløp (kr)")).to_have_value("250 000")
    expect(page.get_by_label("Vedtaksreferanse")).to_have_value("PS 15/21")
    expect(page.get_by_label("Begrunnelse")).to_have_value("Flere tiltak for bostedsattraktivitet")
    assert_accessible(page)

    # 50 000 kr from A (area 1) to T (area 6).
    page.get_by_label("Beløp (kr)").fill("50 000")
    page.get_by_role("button", name="Omfordel", exact=True).click()
    expect(page.locator("h1")).to_have_text("Pott A. Proaktivt arbeid")
    pot_a = Pot.objects.get(strategi__bokstav="A")
    assert page.url.endswith(f"/staff/handlingsplan/pott/{pot_a.pk}/")
    expect(page.get_by_role("status")).to_contain_text("Omfordelt 50 000 kr fra A til T.")
    expect(page.get_by_test_id("pot-tilgjengelig")).to_have_text("150 000 kr")
    expect(ledger_rows(page)).to_have_count(2)
    last = ledger_rows(page).last
    for text in [
        "Omfordeling ut",
        "−50 000 kr",
        "T. Bostedsattraktivitet",
        "PS 15/21",
        "Flere tiltak for bostedsattraktivitet",
        "Pia Programleder",
    ]:
        expect(last).to_contain_text(text)
    expect(last.locator("td").last).to_have_text("150 000 kr")
    assert_accessible(page)

    # The other pot's history shows the same movement, coming in.
    last.get_by_role("link", name="T. Bostedsattraktivitet").click()
    expect(page.locator("h1")).to_have_text("Pott T. Bostedsattraktivitet")
    expect(page.get_by_test_id("pot-tilgjengelig")).to_have_text("200 000 kr")
    last = ledger_rows(page).last
    expect(last).to_contain_text("Omfordeling inn")
    expect(last).to_contain_text("+50 000 kr")
    expect(last).to_contain_text("A. Proaktivt arbeid")
    expect(last.locator("td").last).to_have_text("200 000 kr")

    # The overview: both pots changed by exactly the amount, the total did not.
    page.get_by_role("link", name=re.compile(r"^Handlingsplan 2021")).click()
    expect(row(page, "A").get_by_test_id("tilgjengelig")).to_have_text("150 000 kr")
    expect(row(page, "T").get_by_test_id("tilgjengelig")).to_have_text("200 000 kr")
    expect(page.get_by_test_id("tildelt-sum")).to_have_text("3 100 000 kr")


def test_login_page_and_language_switch(page, plan_2021):
    user = staff_user(Rolle.OBSERVATOR)
    page.goto("/accounts/login/")
    assert_accessible(page)
    page.get_by_label("Språk").select_option("en")
    page.get_by_role("button", name="Bytt språk").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_label("Username").fill(user.get_username())
    page.get_by_label("Password").fill("passord-for-test")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_test_id("omrade")).to_have_count(6)
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_board_member_sees_the_plan_but_no_reallocation(page, login, plan_2021):
    login(staff_user(Rolle.STYREMEDLEM), next_url="/staff/handlingsplan/")
    expect(page.get_by_test_id("omrade")).to_have_count(6)
    row(page, "A").get_by_role("link").click()
    expect(page.locator("h1")).to_have_text("Pott A. Proaktivt arbeid")
    expect(page.get_by_role("link", name="Omfordel midler")).to_have_count(0)
