"""An appeal from Min side to the appeal body's decision: the applicant appeals a rejection,
the programleder keeps the decision and forwards the appeal, records the appeal body's
decision, and the applicant reads it on Min side."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from config.celery import app as celery_app
from tests.e2e.axe import assert_accessible
from tests.e2e.test_case_journey import Person, save
from tests.workflow.conftest import World, innstilling_data, make_performer
from workflow.models import Brev, Klage, Sak

pytestmark = pytest.mark.browser
APPLICANT = "kari@bedrift.example"


@pytest.fixture
def rejected(settings, live_server, tmp_path, transactional_db):
    settings.SITE_URL = live_server.url
    settings.SOKNAD_VEDLEGG_ROOT = str(tmp_path / "vedlegg")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    world = World()
    sak, process = world.submit()
    perform = make_performer(Client())
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    perform(process, "vurdering", world.programleder, innstilling_data(world, anbefaling="avsla"))
    perform(process, "delegert_vedtak", world.programleder, {})
    sak.refresh_from_db()
    assert sak.status == Sak.Status.AVSLATT
    conf = celery_app.conf
    saved = (conf.broker_url, conf.task_always_eager)
    conf.broker_url, conf.task_always_eager = "memory://", True  # e-mail goes out at once
    celery_app._pool = None
    try:
        yield world, sak
    finally:
        conf.broker_url, conf.task_always_eager = saved
        celery_app._pool = None


def _fits_375(page, selector="body"):
    """Nothing in `selector` reaches past a 375 px wide screen."""
    page.set_viewport_size({"width": 375, "height": 800})
    widest = page.evaluate(
        "s => Math.max(...[...document.querySelectorAll(s + ', ' + s + ' *')]"
        ".map(e => e.getBoundingClientRect().right))",
        selector,
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    assert widest <= 375, widest


def _open_task(page, nr, title):
    page.goto("/staff/klager/inbox/")
    row = page.get_by_role("row").filter(has_text=nr).filter(has_text=title)
    expect(row).to_have_count(1)
    row.get_by_role("link").first.click()
    page.wait_for_url("**/execute/")
    expect(page.get_by_role("heading", name=re.compile(nr))).to_be_visible()
    assert_accessible(page)


def test_appeal_from_min_side_to_the_appeal_bodys_decision(chromium, live_server, rejected):
    world, sak = rejected
    nr = sak.saksnummer
    people = []
    try:
        # The applicant logs in by link and appeals the rejection.
        people.append(Person(chromium, live_server.url))
        soker = people[-1].page
        soker.goto("/min-side/logg-inn/")
        soker.get_by_label("E-postadresse").fill(APPLICANT)
        soker.get_by_role("button", name="Send meg en innloggingslenke").click()
        [login_mail] = [m for m in mail.outbox if m.subject == "Din innloggingslenke"]
        soker.goto(re.search(r"https?://\S+", login_mail.body).group(0))
        soker.goto(f"/min-side/sak/{sak.saksnummer}/")
        soker.get_by_role("link", name="Klag på vedtaket").click()
        expect(soker.locator("h1")).to_have_text("Klag på vedtaket")
        assert_accessible(soker)
        _fits_375(soker)
        soker.get_by_label("Hva klager dere på, og hvorfor?").fill(
            "Prosjektet er ikke ordinær drift: det er et nytt produkt."
        )
        soker.get_by_role("button", name="Send klagen").click()
        expect(soker.get_by_text("Klagen er sendt.")).to_be_visible()
        expect(soker.locator("main")).to_contain_text("Til ny vurdering hos vedtaksorganet")
        assert_accessible(soker)
        klage = Klage.objects.get(paklaget=sak)
        klagenr = f"{nr}-K1"

        # The programleder keeps the decision and forwards the appeal with a statement.
        people.append(Person(chromium, live_server.url, world.programleder))
        pl = people[-1].page
        pl.goto(f"/staff/saker/sak/{sak.pk}/")
        expect(pl.locator("#klager-overskrift")).to_be_visible()
        assert_accessible(pl)
        _open_task(pl, klagenr, "Ny vurdering av vedtaket etter klage")
        pl.get_by_label("Vedtaket står: klagen sendes til klageorganet").check()
        pl.get_by_label("Begrunnelse (står i brevet)").fill("Klagen gir ikke nye opplysninger.")
        save(pl)
        pl.wait_for_url(lambda url: "/underinstans/" not in url)
        _open_task(pl, klagenr, "Send klagen til klageorganet")
        pl.get_by_label("Uttalelse til klageorganet").fill("Programmet står ved vedtaket.")
        save(pl)
        pl.wait_for_url(lambda url: "/oversend/" not in url)
        klage.refresh_from_db()
        assert klage.status == Klage.Status.OVERSENDT

        soker.goto(f"/min-side/sak/{sak.saksnummer}/")
        expect(soker.locator("main")).to_contain_text(
            "Klagen er sendt til Kommunestyret i Sel kommune, som avgjør den."
        )

        # The appeal body's decision is recorded and reaches the applicant.
        _open_task(pl, klagenr, "Registrer klageorganets vedtak")
        pl.get_by_label("Klageorganets avgjørelse").select_option("stadfestet")
        pl.get_by_label("Klageorganets vedtaksdato").fill(timezone.localdate().isoformat())
        pl.get_by_label("Klageorganets begrunnelse").fill("Kommunestyret er enig i vurderingen.")
        save(pl)
        pl.wait_for_url(lambda url: "/klageorgan/" not in url)
        klage.refresh_from_db()
        assert klage.status == Klage.Status.AVGJORT
        assert Brev.objects.filter(sak=klage.sak, type=Brev.Type.KLAGEVEDTAK).exists()

        soker.goto(f"/min-side/sak/{sak.saksnummer}/")
        main = soker.locator("main")
        expect(main).to_contain_text("Avgjort av klageorganet")
        expect(main).to_contain_text("Avgjørelsen er endelig.")
        expect(soker.get_by_role("link", name=re.compile("Klageorganets vedtak"))).to_be_visible()
        assert_accessible(soker)
        _fits_375(soker, ".klage")
    finally:
        for person in people:
            person.close()


def test_a_late_appeal_by_letter_is_registered_and_dismissed(chromium, live_server, rejected):
    from datetime import timedelta

    world, sak = rejected
    sak.vedtak.__class__.objects.filter(pk=sak.vedtak.pk).update(
        vedtatt=timezone.now() - timedelta(days=40)
    )
    person = Person(chromium, live_server.url, world.programleder)
    try:
        pl = person.page
        pl.goto(f"/staff/saker/sak/{sak.pk}/")
        pl.get_by_role("link", name="Registrer klage mottatt i brev").click()
        expect(pl.locator("h1")).to_contain_text("Registrer klage i sak")
        assert_accessible(pl)
        pl.get_by_label("Hva klager dere på, og hvorfor?").fill("Vi klager på avslaget.")
        pl.get_by_label("Dato klagen kom inn").fill(timezone.localdate().isoformat())
        pl.get_by_role("button", name="Registrer klagen").click()
        expect(pl.locator("#innhold").get_by_text("Klagen kom etter fristen.")).to_be_visible()
        assert_accessible(pl)
        _open_task(pl, f"{sak.saksnummer}-K1", "Klage etter fristen: behandle eller avvise")
        pl.get_by_label("Nei, avvis klagen (eget vedtak med brev)").check()
        pl.get_by_label("Begrunnelse").fill("Ingen grunn til å se bort fra fristen.")
        save(pl)
        pl.wait_for_url(lambda url: "/fristvurdering/" not in url)
        klage = Klage.objects.get(paklaget=sak)
        assert klage.status == Klage.Status.AVVIST
        assert Brev.objects.filter(sak=klage.sak, type=Brev.Type.AVVISNINGSBREV).exists()
        pl.goto(f"/staff/saker/sak/{klage.sak.pk}/")
        pl.wait_for_url("**/klager/**")
        expect(pl.locator("body")).to_contain_text("Klagen er avvist")
        assert_accessible(pl)
    finally:
        person.close()
