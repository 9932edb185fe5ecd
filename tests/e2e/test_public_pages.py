"""The public pages as a visitor with no login finds them: from the front door to the program,
a granted project found on the grants list by its organisation's name, and goals against
results. Every public page passes axe-core in bokmål and in English, has no English in
bokmål, and fits a 375 px phone without horizontal scrolling."""

import pytest
from django.core.management import call_command

from handlingsplan.demo import demo_plans_approve, demo_users_ensure
from handlingsplan.models import Handlingsplan
from handlingsplan.services import bagatellregimer_ensure
from plp.demo import demo_prosjekter_ensure
from plp.demo_utbetaling import demo_utbetalinger_ensure
from soknader.demo import demo_soknader_ensure
from tests.e2e.axe import axe_violations, format_violations
from tests.e2e.test_staff_pages import AXE_TAGS, VISIBLE_TEXT, english_in
from workflow.demo import demo_cases_advance

pytestmark = pytest.mark.browser

PLAN_FILE = "handlingsplan/data/handlingsplan_2021.yaml"
PAGES = [
    "/offentlig/",
    "/offentlig/handlingsplan/2021/",
    "/offentlig/tilskudd/",
    "/offentlig/tilskudd/?sok=otta&fase=hovedprosjekt",
    "/offentlig/tilskudd/?ar=1999",
    "/offentlig/maloppnaelse/",
]
PHONE = {"width": 375, "height": 812}


@pytest.fixture
def demo(settings, live_server, transactional_db, tmp_path):
    """The demo program with its plan published, granted projects (some paid), and
    applications not yet decided."""
    settings.SITE_URL = live_server.url
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.SOKNAD_VEDLEGG_ROOT = str(tmp_path / "vedlegg")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("import_handlingsplan", PLAN_FILE, verbosity=0)
    demo_users_ensure()
    demo_plans_approve()
    bagatellregimer_ensure()
    demo_soknader_ensure()
    demo_cases_advance()
    demo_prosjekter_ensure()
    demo_utbetalinger_ensure()
    assert Handlingsplan.objects.get(ar=2021).status == "publisert"


def _problems(page, url: str, *, bokmal: bool) -> list[str]:
    response = page.goto(url)
    if response is None or response.status != 200:
        return [f"{url}: HTTP {response.status if response else 'no response'}"]
    problems = []
    if bokmal:
        problems += [f"{url}: English text {w!r}" for w in english_in(page.evaluate(VISIBLE_TEXT))]
    violations = axe_violations(page, tags=AXE_TAGS)
    if violations:
        problems.append(f"{url}: axe\n{format_violations(violations)}")
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.evaluate("window.innerWidth")
    if width > viewport:
        problems.append(f"{url}: {width} px wide in a {viewport} px window")
    return problems


def test_a_visitor_finds_a_granted_project_and_the_goals(page, demo):
    page.goto("/")
    page.get_by_role("link", name="Om programmet: handlingsplaner, tilskudd og resultater").click()
    page.wait_for_url("**/offentlig/")
    assert (
        "210 arbeidsplasser: 180 nye og 30 sikrede"
        in page.get_by_test_id("program-mal").inner_text()
    )
    page.get_by_role("link", name="Handlingsplan 2021", exact=False).first.click()
    page.wait_for_url("**/offentlig/handlingsplan/2021/")
    page.get_by_role("navigation", name="Offentlige sider").get_by_role(
        "link", name="Tilskudd"
    ).click()
    page.wait_for_url("**/offentlig/tilskudd/")

    page.get_by_label("Søk etter mottaker, organisasjonsnummer eller prosjekt").fill("Otta")
    page.get_by_role("button", name="Søk").click()
    page.wait_for_url("**sok=Otta**")
    rows = page.locator("#tilskudd tbody tr")
    assert rows.count() == 1, rows.all_inner_texts()
    row = rows.first.inner_text()
    assert "Otta bryggeri AS" in row and "917234566" in row and "Hovedprosjekt" in row
    assert "100 000 kr" in row and "40 000 kr" in row
    # An application before the board is not decided: it is not on the public list.
    assert "Otta Trevare" not in page.locator("main").inner_text()

    page.get_by_role("link", name="Mål og resultater").first.click()
    page.wait_for_url("**/offentlig/maloppnaelse/")
    table = page.get_by_role("table", name="Mål og resultat per innsatsområde, hele perioden")
    assert table.is_visible()
    assert page.locator("figure svg[role=img]").count() >= 1


def test_every_public_page_is_accessible_in_bokmal_and_english(page, demo):
    problems = []
    for url in PAGES:
        problems += _problems(page, url, bokmal=True)
    page.goto("/offentlig/")
    page.get_by_label("Språk").select_option("en")
    with page.expect_navigation():
        page.get_by_role("button", name="Bytt språk").click()
    assert page.locator("html").get_attribute("lang") == "en"
    for url in PAGES:
        problems += _problems(page, url, bokmal=False)
    assert not problems, "\n".join(problems)


def test_every_public_page_fits_a_phone(chromium, live_server, demo):
    context = chromium.new_context(base_url=live_server.url, locale="nb-NO", viewport=PHONE)
    context.set_default_timeout(15_000)
    phone = context.new_page()
    try:
        problems = []
        for url in PAGES:
            problems += _problems(phone, url, bokmal=True)
        assert not problems, "\n".join(problems)
    finally:
        context.close()
