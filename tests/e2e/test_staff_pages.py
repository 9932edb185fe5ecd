"""Every staff page, as each staff role finds it: the pages the menu leads to and the first
rows of each list. No server error, no axe violation (WCAG 2.1 AA and axe's best practices),
no English in bokmål and no e-mail template ids. The pages are found from the menu, so a page
added to the menu is visited without changing this test."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from handlingsplan.demo import DEMO_PASSWORD, demo_plans_approve, demo_users_ensure
from notifications.registry import template_names
from soknader.demo import demo_soknader_ensure
from tests.e2e.axe import axe_violations, format_violations
from workflow import services as workflow_services
from workflow.demo import demo_cases_advance
from workflow.models import Sak

pytestmark = pytest.mark.browser

PLAN_FILE = "handlingsplan/data/handlingsplan_2021.yaml"
ROLES = ["programleder", "styremedlem1", "styreleder", "observator", "admin"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
# viewflow's and Django's own English, as staff used to see it in the bokmål UI.
ENGLISH = [
    "Brief",
    "Process",
    "Process summary",
    "Process id",
    "Active tasks",
    "Skip to main content",
    "Toggle theme",
    "No viewsets",
    "Cancel",
    "Assign",
    "Unassign",
    "Undo",
    "Revive",
    "Home",
    "Search",
    "Filter",
    "Inbox",
    "Queue",
    "Archive",
    "Dashboard",
    "Created",
    "Assigned",
    "Finished",
    "Owner",
    "Permission",
    "Unassigned",
    "Task",
    "Tasks",
    "Previous tasks",
    "Next tasks",
    "Execute",
    "View",
    "Show all",
    "Log out",
    "Logout",
    "Profile",
    "Login",
    "Log in",
    "Summary",
    "Description",
    "Started",
    "Export",
    "Submit",
    "Save",
    "Delete",
    "flow graph",
    "Er Komplett",
    "Hvem Vedtar",
    "Stemmer Inne",
    "Innvilget Eller Ikke",
]
# Text people read: what the page shows, and the labels it draws from attributes.
VISIBLE_TEXT = """() => {
  const names = ['label', 'placeholder', 'aria-label', 'alt', 'title'];
  const attrs = [...document.querySelectorAll(names.map(n => `[${n}]`).join(', '))]
    .flatMap(e => names.map(n => e.getAttribute(n) || ''));
  return [document.title, document.body.innerText, ...attrs].join('\\n');
}"""
MENU_LINKS = """() => [...document.querySelectorAll('.vf-page__menu a[href]')]
  .map(a => a.getAttribute('href'))"""
# The first row of each list: a table's first body row, a list's first item, a kanban's first card.
FIRST_ROWS = """() => [...document.querySelectorAll(
    'main table tbody tr:first-child a[href], main ul > li:first-child > a[href], ' +
    'main .column .mdc-card:first-of-type a[href]')]
  .map(a => a.getAttribute('href'))"""


def english_in(text: str) -> list[str]:
    return [
        word
        for word in ENGLISH
        if re.search(r"(?<![\wæøåÆØÅ])" + re.escape(word) + r"(?![\wæøåÆØÅ])", text)
    ]


def template_ids_in(text: str) -> list[str]:
    return [t for t in template_names() if re.search(r"\b" + re.escape(t) + r"\b", text)]


def staff_link(href: str) -> bool:
    return href.startswith("/staff/") and not href.endswith((".pdf", "/chart/")) and "?" not in href


@pytest.fixture
def demo(settings, live_server, transactional_db):
    """The demo program: the plan, one user per role, applications and cases at each step,
    and a board meeting with a case on its agenda."""
    settings.SITE_URL = live_server.url
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("import_handlingsplan", PLAN_FILE, verbosity=0)
    users = {demo.username: user for demo, user in demo_users_ensure()}
    demo_plans_approve()
    demo_soknader_ensure()
    demo_cases_advance()
    sak = Sak.objects.filter(status=Sak.Status.STYRET).select_related("soknad__program").first()
    workflow_services.mote_create(
        program=sak.soknad.program,
        dato=timezone.localdate() + timedelta(days=7),
        sted="Kommunestyresalen",
        saker=[sak],
        by=users["programleder"],
    )
    return users


def visit(page, url: str, came_from: str = "") -> list[str]:
    """Open `url` and return what is wrong with it."""
    response = page.goto(url)
    problems = []
    if response is None or response.status >= 400:
        status = response.status if response else "no response"
        return [f"{url} (a link on {came_from or 'the menu'}): HTTP {status}"]
    text = page.evaluate(VISIBLE_TEXT)
    for word in english_in(text):
        problems.append(f"{url}: English text {word!r}")
    for template in template_ids_in(text):
        problems.append(f"{url}: e-mail template id {template!r}")
    violations = axe_violations(page, tags=AXE_TAGS)
    if violations:
        problems.append(f"{url}: axe\n{format_violations(violations)}")
    return problems


@pytest.mark.parametrize("role", ROLES)
def test_every_staff_page_is_in_bokmal_accessible_and_works(page, login, demo, role):
    login(demo[role], password=DEMO_PASSWORD, next_url="/staff/")
    page.goto("/staff/")
    menu = [href for href in page.evaluate(MENU_LINKS) if staff_link(href)]
    assert menu, "the staff menu is empty"
    queue, seen, problems = [(url, "") for url in menu], set(), []
    while queue:
        url, came_from = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        problems += visit(page, url, came_from)
        if url not in menu:
            continue
        # A menu page: its own menu (each app has one) and the first rows of its lists.
        for href in page.evaluate(MENU_LINKS):
            if staff_link(href) and href not in menu:
                menu.append(href)
                queue.append((href, ""))
        rows = [href for href in page.evaluate(FIRST_ROWS) if staff_link(href)][:6]
        queue += [(href, url) for href in rows]
    visited = "\n  ".join(sorted(seen))
    assert not problems, "\n".join(problems) + f"\n(visited:\n  {visited})"
    assert {"/staff/saker/moter/", "/staff/varsler/"} <= seen, visited


@pytest.mark.parametrize(
    ("language", "title", "absent"),
    [("nb", "Nytt passord", "Forgotten"), ("en", "New password", "Glemt")],
)
def test_password_reset_in_the_staff_skin(
    page, live_server, transactional_db, language, title, absent
):
    page.goto("/accounts/login/")
    if language == "en":
        page.get_by_label("Språk").select_option("en")
        with page.expect_navigation():
            page.get_by_role("button", name="Bytt språk").click()
    page.goto("/accounts/password_reset/")
    assert page.locator("h1").inner_text() == title
    text = page.evaluate(VISIBLE_TEXT)
    assert absent not in text and "Toggle theme" not in text and "Django" not in text
    if language == "nb":
        assert english_in(text) == []
    violations = axe_violations(page, tags=AXE_TAGS)
    assert not violations, format_violations(violations)
    page.get_by_label("E-post" if language == "nb" else "Email").fill("ingen@x.example")
    page.get_by_role("button", name="Send lenke" if language == "nb" else "Send link").click()
    page.wait_for_url("**/password_reset/done/")
    violations = axe_violations(page, tags=AXE_TAGS)
    assert not violations, format_violations(violations)
