"""On a 375 px phone the public pages and Min side fit the screen: no horizontal scrolling,
and no axe violation. Min side is seen by applicants whose cases are at different steps."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from sesame.utils import get_query_string

from soknader.models import Soknad
from tests.e2e.axe import axe_violations, format_violations
from tests.e2e.test_staff_pages import AXE_TAGS, demo  # noqa: F401  (the demo fixture)

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
PUBLIC = ["/", "/soknad/", "/min-side/logg-inn/", "/min-side/logg-inn/lenke/?sesame=brukt"]


@pytest.fixture
def phone(chromium, live_server):
    context = chromium.new_context(base_url=live_server.url, locale="nb-NO", viewport=PHONE)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def fits_and_is_accessible(page, url: str) -> list[str]:
    problems = []
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > PHONE["width"]:
        problems.append(f"{url}: {width} px wide")
    violations = axe_violations(page, tags=AXE_TAGS)
    if violations:
        problems.append(f"{url}: axe\n{format_violations(violations)}")
    return problems


def test_public_pages_fit_a_phone(phone, demo):  # noqa: F811
    problems = []
    for url in PUBLIC:
        response = phone.goto(url)
        assert response.status < 500, url
        problems += fits_and_is_accessible(phone, url)
    assert not problems, "\n".join(problems)


def test_min_side_fits_a_phone_at_every_step_the_demo_has(phone, demo):  # noqa: F811
    applicants = (
        Soknad.objects.exclude(status=Soknad.Status.UTKAST)
        .values_list("kontakt_epost", flat=True)
        .distinct()
    )
    assert len(applicants) >= 3
    problems, seen_statuses = [], set()
    for address in applicants:
        user, _ = get_user_model().objects.get_or_create(
            username=f"soker:{address}", defaults={"email": address}
        )
        phone.context.clear_cookies()
        phone.goto(reverse("soknader:minside_innlogging") + get_query_string(user))
        assert phone.url.endswith("/min-side/"), phone.url
        problems += fits_and_is_accessible(phone, f"/min-side/ as {address}")
        links = phone.eval_on_selector_all(
            "main table a[href^='/min-side/']", "e => e.map(a => a.getAttribute('href'))"
        )
        for url in links:
            phone.goto(url)
            seen_statuses.add(phone.get_by_test_id("minside-status").inner_text())
            problems += fits_and_is_accessible(phone, url)
    assert not problems, "\n".join(problems)
    assert len(seen_statuses) >= 3, seen_statuses
