"""Cancelling a grant in the browser: the programleder gives advance notice, the applicant
comments on Min side (also on a 375 px wide screen), and the programleder, who made the
delegated decision, cancels the grant. Every page passes axe-core."""

import re

import pytest
from django.core import mail
from django.test import Client
from playwright.sync_api import expect

from config.celery import app as celery_app
from handlingsplan.services import ledger_verify
from tests.e2e.axe import assert_accessible
from tests.e2e.test_case_journey import Person
from tests.workflow.conftest import World, innstilling_data, make_performer
from workflow.models import Brev, Omgjoring, Sak, Tilsagn

pytestmark = pytest.mark.browser
APPLICANT = "kari@bedrift.example"


@pytest.fixture
def world(settings, live_server, tmp_path, transactional_db):
    settings.SITE_URL = live_server.url
    settings.SOKNAD_VEDLEGG_ROOT = str(tmp_path / "vedlegg")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    conf = celery_app.conf
    saved = (conf.broker_url, conf.task_always_eager)
    conf.broker_url, conf.task_always_eager = "memory://", True
    celery_app._pool = None
    try:
        yield World()
    finally:
        conf.broker_url, conf.task_always_eager = saved
        celery_app._pool = None


def _delegated_grant(world):
    perform = make_performer(Client())
    sak, process = world.submit()
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    perform(process, "vurdering", world.programleder, innstilling_data(world, belop=80_000))
    perform(process, "delegert_vedtak", world.programleder, {})
    sak.refresh_from_db()
    assert sak.status == Sak.Status.VENTER_AKSEPT
    return sak


def test_notice_comment_and_cancellation(chromium, live_server, world):
    sak = _delegated_grant(world)
    people = []
    try:
        programleder = Person(chromium, live_server.url, world.programleder)
        people.append(programleder)
        page = programleder.page
        page.goto(f"/staff/saker/sak/{sak.pk}/")
        page.get_by_role("link", name="Varsle oppheving av tilsagnet").click()
        expect(page.locator("h1")).to_contain_text("Varsle oppheving av tilsagnet")
        assert_accessible(page)
        page.get_by_label("Hvorfor tilsagnet kan bli opphevet").fill("Prosjektet er lagt ned.")
        page.get_by_label("Frist for merknader (dager)").fill("10")
        page.get_by_role("button", name="Send forhåndsvarsel").click()
        expect(
            page.locator("#innhold").get_by_text("Forhåndsvarselet er sendt til søkeren.")
        ).to_be_visible()

        applicant = Person(chromium, live_server.url)
        people.append(applicant)
        page = applicant.page
        page.set_viewport_size({"width": 375, "height": 800})
        page.goto("/min-side/logg-inn/")
        page.get_by_label("E-postadresse").fill(APPLICANT)
        page.get_by_role("button", name="Send meg en innloggingslenke").click()
        [login_mail] = [m for m in mail.outbox if m.subject == "Din innloggingslenke"]
        page.goto(re.search(r"https?://\S+", login_mail.body).group(0))
        page.goto(f"/min-side/sak/{sak.saksnummer}/")
        expect(page.locator("main")).to_contain_text("Prosjektet er lagt ned.")
        assert_accessible(page)
        # The notice and its form fit the narrow screen.
        notice = page.locator("section", has_text="Forhåndsvarsel: tilsagnet kan bli opphevet")
        box = notice.last.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375
        textarea = page.get_by_label("Merknader til forhåndsvarselet").bounding_box()
        assert textarea["x"] + textarea["width"] <= 375
        page.get_by_label("Merknader til forhåndsvarselet").fill("Vi starter igjen i høst.")
        page.get_by_role("button", name="Send merknadene").click()
        expect(page.get_by_text("Takk, merknadene er sendt til programmet.")).to_be_visible()
        assert_accessible(page)

        omgjoring = Omgjoring.objects.get(sak=sak)
        assert omgjoring.merknad == "Vi starter igjen i høst."
        page = programleder.page
        page.goto(f"/staff/saker/sak/{sak.pk}/")
        page.get_by_role("link", name=re.compile("Oppheving av tilsagnet, varslet")).click()
        expect(page.get_by_text("Vi starter igjen i høst.")).to_be_visible()
        assert_accessible(page)
        page.get_by_label("Oppheve tilsagnet").check()
        page.get_by_label("Hovedhensyn (står i brevet)").fill("Formålet faller bort.")
        page.get_by_label("Vurdering av søkerens merknader").fill("En ny start er usikker.")
        page.get_by_role("button", name="Registrer vedtaket").click()
        expect(page.locator("#innhold").get_by_text("Vedtaket er registrert.")).to_be_visible()
    finally:
        for person in people:
            person.close()
    sak.refresh_from_db()
    assert sak.status == Sak.Status.OPPHEVET
    assert sak.vedtak.tilsagn.status == Tilsagn.Status.OPPHEVET
    assert Brev.objects.filter(sak=sak, type=Brev.Type.OPPHEVELSESBREV).exists()
    assert ledger_verify() == []
