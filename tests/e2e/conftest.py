"""Browser journeys: Playwright for Python driving Debian's Chromium against live_server.

Never a downloaded browser: the tests use /usr/bin/chromium (or CHROMIUM_PATH)
and fail, not skip, when it is missing, so CI cannot pass without running them.
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django would then refuse
# the test's own database access in it. The live server runs in a thread of its own.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "passord-for-test"  # tests.factories.UserFactory's password


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium():
    if not CHROMIUM.is_file() or not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"Chromium was not found at {CHROMIUM}. The browser tests use Debian's Chromium, "
            "never a downloaded one: install it with `apt-get install chromium` "
            "(.ci/run does) or point CHROMIUM_PATH at it.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server, transactional_db):
    """A fresh browser context in Norwegian against the live server."""
    context = chromium.new_context(
        base_url=live_server.url, locale="nb-NO", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    # Every page of a journey must work under the Content-Security-Policy: a refused script,
    # style, font or image fails the test.
    refused = []
    page.on(
        "console",
        lambda msg: refused.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    yield page
    context.close()
    assert not refused, "refused by the Content-Security-Policy:\n" + "\n".join(refused)


@pytest.fixture
def login(page):
    """Log in through the real login form: `login(user)`."""

    def do_login(user, password=PASSWORD, next_url="/staff/"):
        page.goto(f"/accounts/login/?next={next_url}")
        page.get_by_label("Brukernavn").fill(user.get_username())
        page.get_by_label("Passord").fill(password)
        page.get_by_role("button", name="Logg inn").click()
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
        return page

    return do_login
