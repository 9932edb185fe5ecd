"""The impartiality pages in the staff frame, checked with axe-core: the chair's handover of
a disqualified programleder's case, the board's ruling on a member's question, and the
election of an acting chair."""

import pytest
from playwright.sync_api import expect

from felles.roles import Rolle
from tests.e2e.axe import assert_accessible
from tests.e2e.test_case_journey import Person
from tests.factories import staff_user
from tests.workflow.conftest import World
from workflow import services as sv
from workflow.models import Habilitet, Sak

pytestmark = pytest.mark.browser


def test_impartiality_pages_are_accessible(
    chromium, live_server, transactional_db, settings, tmp_path
):
    settings.SOKNAD_VEDLEGG_ROOT = str(tmp_path / "vedlegg")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CELERY_TASK_ALWAYS_EAGER = False
    world = World()
    staff_user(Rolle.PROGRAMLEDER, username="pl2")
    sak, _process = world.submit()
    sv.saksbehandler_declare(sak=sak, by=world.programleder, grunner=["part"])

    chair = Person(chromium, live_server.url, world.leder)
    page = chair.page
    page.goto(f"/staff/saker/sak/{sak.pk}/saksbehandler/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tildel sak")
    expect(page.locator(".vf-page__menu").first).to_be_attached()  # viewflow's staff frame
    assert_accessible(page)
    chair.close()

    # The case before the board: the chair is disqualified, medlem2 asks the board.
    Sak.objects.filter(pk=sak.pk).update(status=Sak.Status.STYRET)
    sak.refresh_from_db()
    sv.habilitet_declare(sak=sak, medlem=world.leder, grunner=["leder"])
    sv.habilitet_declare(sak=sak, medlem=world.medlem1, grunner=[])
    sv.habilitet_declare(sak=sak, medlem=world.medlem2, grunner=[], tvil=True, andre_forhold="Nabo")
    erklaring = Habilitet.objects.get(sak=sak, medlem=world.medlem2)

    member = Person(chromium, live_server.url, world.medlem1)
    page = member.page
    page.goto(f"/staff/saker/sak/{sak.pk}/habilitet/{erklaring.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Styret avgjør habiliteten")
    assert_accessible(page)
    page.goto(f"/staff/saker/sak/{sak.pk}/settestyreleder/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Velg settestyreleder")
    assert_accessible(page)
    member.close()
