"""A case from a submitted application to an accepted grant, done by the people who do it:
the programleder checks and assesses, one board member is disqualified, another votes,
the chair votes and confirms, and the applicant gets the tilsagnsbrev and accepts."""

import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect
from pypdf import PdfReader

from config.celery import app as celery_app
from felles.formatting import kr
from felles.roles import Rolle
from handlingsplan.demo import demo_plans_approve
from handlingsplan.models import Pot
from handlingsplan.services import ledger_verify
from notifications.models import Message
from soknader import services as soknad_services
from soknader.models import Finansieringslinje, Kostnadslinje
from tests.e2e.axe import assert_accessible
from tests.e2e.conftest import PASSWORD
from tests.factories import staff_user
from tests.soknader.factories import draft_complete
from workflow.models import Sak, Tilsagn

pytestmark = pytest.mark.browser

PLAN_FILE = "handlingsplan/data/handlingsplan_2021.yaml"
APPLICANT = "kari@bedrift.example"
GRANT = 150_000  # above the programleder's delegated limit (100 000 kr): the board decides


@pytest.fixture
def case_setup(settings, live_server, tmp_path, transactional_db):
    settings.SITE_URL = live_server.url
    settings.SOKNAD_VEDLEGG_ROOT = str(tmp_path / "vedlegg")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    conf = celery_app.conf
    saved = (conf.broker_url, conf.task_always_eager)
    conf.broker_url, conf.task_always_eager = "memory://", True
    celery_app._pool = None
    try:
        call_command("import_handlingsplan", PLAN_FILE, verbosity=0)
        demo_plans_approve()  # the board approves it, resolving the import's discrepancies
        yield
    finally:
        conf.broker_url, conf.task_always_eager = saved
        celery_app._pool = None


def submitted_application(program):
    """A complete application for 150 000 kr of 300 000 kr costs (50 %), submitted."""
    soknad = draft_complete(program=program, tittel="Nytt produkt")
    soknad_services.soknad_draft_save(
        soknad=soknad,
        kostnader=[
            {
                "kategori": Kostnadslinje.Kategori.PERSONELL,
                "beskrivelse": "Prosjektleder",
                "timer": 100,
                "timesats": 1000,
                "belop": 0,
            },
            {
                "kategori": Kostnadslinje.Kategori.TJENESTER,
                "beskrivelse": "Konsulent",
                "belop": 200_000,
            },
        ],
        finansiering={
            Finansieringslinje.Kilde.EGNE_MIDLER: 100_000,
            Finansieringslinje.Kilde.EGENINNSATS: 50_000,
            Finansieringslinje.Kilde.PROGRAMMET: GRANT,
        },
    )
    return soknad_services.soknad_submit(soknad=soknad)


class Person:
    """One person at their own browser (their own cookies), logged in through the form."""

    def __init__(self, chromium, base_url, user=None):
        self.context = chromium.new_context(
            base_url=base_url, locale="nb-NO", viewport={"width": 1280, "height": 900}
        )
        self.context.set_default_timeout(15_000)
        self.page = self.context.new_page()
        if user is not None:
            page = self.page
            page.goto("/accounts/login/?next=/staff/saker/inbox/")
            page.get_by_label("Brukernavn").fill(user.get_username())
            page.get_by_label("Passord").fill(PASSWORD)
            page.get_by_role("button", name="Logg inn").click()
            page.wait_for_url(lambda url: "/accounts/login/" not in url)

    def close(self):
        self.context.close()


def inbox_row(page, saksnummer, task_title):
    page.goto("/staff/saker/inbox/")
    return page.get_by_role("row").filter(has_text=saksnummer).filter(has_text=task_title)


def open_from_inbox(page, saksnummer, task_title):
    """Open the task from the person's inbox, where it names its case; returns its URL."""
    row = inbox_row(page, saksnummer, task_title)
    expect(row).to_have_count(1)
    row.get_by_role("link").first.click()
    page.wait_for_url("**/execute/")
    expect(page.get_by_role("heading", name=re.compile(saksnummer))).to_be_visible()
    return page.url


def save(page):
    page.get_by_role("button", name="Lagre og fullfør").click()


def pdf_text(data: bytes) -> str:
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def test_case_from_check_to_accepted_grant(chromium, live_server, case_setup):
    programleder = staff_user(Rolle.PROGRAMLEDER, first_name="Pia", last_name="Programleder")
    leder = staff_user(Rolle.STYRELEDER, first_name="Lise", last_name="Leder")
    medlem1 = staff_user(Rolle.STYREMEDLEM, first_name="Mats", last_name="Medlem")
    medlem2 = staff_user(Rolle.STYREMEDLEM, first_name="Mona", last_name="Medlem")
    pot = Pot.objects.get(strategi__bokstav="A", strategi__handlingsplan__ar=2021)
    tilgjengelig_for = pot.tilgjengelig
    soknad = submitted_application(pot.strategi.handlingsplan.program)
    nr = soknad.saksnummer
    sak = Sak.objects.get(soknad=soknad)
    people = []

    def person(user=None):
        people.append(Person(chromium, live_server.url, user))
        return people[-1].page

    try:
        # The programleder: completeness check, then assessment with a pot and an amount.
        page = person(programleder)
        open_from_inbox(page, nr, "Kompletthetskontroll")
        assert_accessible(page)
        page.get_by_label("Ja, gå videre til vurdering").check()
        save(page)
        page.wait_for_url(lambda url: "/kontroll/" not in url)
        open_from_inbox(page, nr, "Vurdering og innstilling")
        assert_accessible(page)
        page.get_by_label("Vurdering mot tildelingskriteriene").fill(
            "Godt forankret, treffer strategien."
        )
        page.get_by_label("Anbefaling").select_option("innvilge")
        page.get_by_label("Pott").select_option(str(pot.pk))
        page.get_by_label("Beløp (kr)").fill(str(GRANT))
        page.get_by_label("Vilkår:", exact=True).fill("Prosjektet følger PLP.")
        page.get_by_label("Begrunnelse (står i brevet)").fill("Prosjektet oppfyller kriteriene.")
        save(page)
        page.wait_for_url(lambda url: "/vurdering/" not in url)
        sak.refresh_from_db()
        assert sak.status == Sak.Status.STYRET

        # Board member 1 declares a conflict of interest and gets no vote form.
        page = person(medlem1)
        task_url = open_from_inbox(page, nr, "Habilitet og stemme")
        expect(page.get_by_label("For innstillingen")).to_have_count(0)  # declare first
        assert_accessible(page)
        page.get_by_label(
            "e) Er leder, har ledende stilling eller er styremedlem i søkerorganisasjonen"
        ).check()
        save(page)
        page.wait_for_url(lambda url: "/stemme/" not in url)
        expect(inbox_row(page, nr, "Habilitet og stemme")).to_have_count(0)
        # The task's form is closed to them; its address shows the finished task, no form.
        assert page.goto(task_url).status == 403
        page.goto(task_url.removesuffix("execute/"))
        page.wait_for_url("**/detail/")
        expect(page.get_by_label("For innstillingen")).to_have_count(0)
        expect(page.get_by_role("button", name="Lagre og fullfør")).to_have_count(0)
        # The case page says why: the declaration and its ground are in the history.
        page.goto(f"/staff/saker/sak/{sak.pk}/")
        expect(page.get_by_role("listitem").filter(has_text="Medlem inhabil")).to_contain_text(
            "Mats Medlem: e) Er leder, har ledende stilling eller er styremedlem i "
            "søkerorganisasjonen"
        )
        expect(page.get_by_label("For innstillingen")).to_have_count(0)
        expect(page.get_by_role("button", name="Lagre og fullfør")).to_have_count(0)
        assert_accessible(page)

        # Board member 2 declares impartiality and votes for.
        page = person(medlem2)
        open_from_inbox(page, nr, "Habilitet og stemme")
        save(page)  # no grounds ticked: impartial
        expect(page.get_by_text("Du har erklært deg habil i saken.")).to_be_visible()
        page.get_by_label("For innstillingen").check()
        save(page)
        page.wait_for_url(lambda url: "/stemme/" not in url)

        # The chair declares, votes, and confirms the decision.
        page = person(leder)
        open_from_inbox(page, nr, "Habilitet og stemme")
        save(page)
        expect(page.get_by_text("Du har erklært deg habil i saken.")).to_be_visible()
        page.get_by_label("For innstillingen").check()
        save(page)
        page.wait_for_url(lambda url: "/stemme/" not in url)
        open_from_inbox(page, nr, "Styreleder bekrefter vedtaket")
        expect(page.locator("body")).to_contain_text("For: 2, mot: 0, avstår: 0.")
        assert_accessible(page)
        expect(page.get_by_label("Beløp (kr)")).to_have_value(str(GRANT))
        save(page)
        page.wait_for_url(lambda url: "/bekreft/" not in url)
        sak.refresh_from_db()
        assert sak.status == Sak.Status.VENTER_AKSEPT

        # The tilsagnsbrev: an outbox row for the applicant with the letter as PDF.
        letter = Message.objects.get(to_email=APPLICANT, template="decision_letter")
        [attachment] = letter.attachments.all()
        assert attachment.mimetype == "application/pdf"
        assert sak.brev.get().type == "tilsagnsbrev"
        text = pdf_text(attachment.read())
        assert kr(GRANT) in text, text
        [sent] = [m for m in mail.outbox if m.to == [APPLICANT] and m.attachments]
        [(filename, content, mimetype)] = sent.attachments
        assert mimetype == "application/pdf" and kr(GRANT) in pdf_text(content)

        # The applicant logs in by link and accepts on Min side.
        page = person()
        page.goto("/min-side/logg-inn/")
        page.get_by_label("E-postadresse").fill(APPLICANT)
        page.get_by_role("button", name="Send meg en innloggingslenke").click()
        expect(page.locator("h1")).to_have_text("Sjekk e-posten din")
        [login_mail] = [m for m in mail.outbox if m.subject == "Din innloggingslenke"]
        page.goto(re.search(r"https?://\S+", login_mail.body).group(0))
        expect(page.locator("h1")).to_have_text("Min side")
        assert_accessible(page)
        page.get_by_role("row").filter(has_text=nr).get_by_role("link").first.click()
        expect(page.locator("h1")).to_contain_text(nr)
        expect(page.locator("main")).to_contain_text(f"Dere har fått tilsagn på {kr(GRANT)}.")
        assert_accessible(page)
        expect(page.get_by_test_id("minside-status")).to_have_text(
            re.compile("Innvilget, venter på aksept")
        )
        expect(page.get_by_role("link", name="Trekk søknaden")).to_have_count(0)
        page.get_by_role("link", name="Aksepter tilsagnet").click()
        # The conditions first, then a confirmation.
        expect(page.get_by_test_id("aksept-belop")).to_have_text(kr(GRANT))
        assert_accessible(page)
        page.get_by_label("Jeg har lest vilkårene og aksepterer tilsagnet").check()
        page.get_by_role("button", name="Bekreft aksept").click()
        expect(page.get_by_role("status")).to_contain_text("Tilsagnet er akseptert.")
        expect(page.get_by_test_id("minside-status")).to_have_text(
            re.compile("Innvilget og akseptert")
        )
        assert_accessible(page)

        sak.refresh_from_db()
        assert sak.status == Sak.Status.AKSEPTERT
        assert sak.vedtak.tilsagn.status == Tilsagn.Status.AKSEPTERT
        pot.refresh_from_db()
        assert tilgjengelig_for - pot.tilgjengelig == GRANT
        assert ledger_verify() == []

        page = people[0].page
        page.goto(f"/staff/handlingsplan/pott/{pot.pk}/")
        expect(page.get_by_test_id("pot-tilgjengelig")).to_have_text(kr(pot.tilgjengelig))
        assert_accessible(page)
    finally:
        for p in people:
            p.close()
