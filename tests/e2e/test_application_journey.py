"""A new applicant's journey: every step, three mistakes corrected, submit, receipt, Min side."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from config.celery import app as celery_app
from soknader.models import Soknad
from tests.e2e.axe import assert_accessible
from tests.factories import ProgramFactory

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def applicant_setup(settings, live_server, tmp_path, transactional_db):
    settings.SITE_URL = live_server.url
    settings.SOKNAD_VEDLEGG_ROOT = str(tmp_path / "vedlegg")
    settings.ENHETSREGISTERET_URL = "http://127.0.0.1:9/api"  # nothing listens: typed by hand
    settings.ENHETSREGISTERET_TIMEOUT = 0.5
    conf = celery_app.conf
    saved = (conf.broker_url, conf.task_always_eager)
    conf.broker_url, conf.task_always_eager = "memory://", True
    celery_app._pool = None
    try:
        yield ProgramFactory(navn="Omstillingsprogrammet i Sel", maks_stotteintensitet=50)
    finally:
        conf.broker_url, conf.task_always_eager = saved
        celery_app._pool = None


def error_of(page, field_id):
    return page.locator(f"#{field_id}_feil")


def next_step(page):
    page.get_by_role("button", name="Lagre og gå videre").click()


def test_new_applicant_applies_corrects_mistakes_and_finds_the_case_on_min_side(
    page, applicant_setup
):
    page.goto("/soknad/")
    assert_accessible(page)
    page.get_by_role("button", name="Start en ny søknad").click()

    # Step 1: a wrong organisation number.
    expect(page.locator("h1")).to_contain_text("Steg 1 av 6")
    assert_accessible(page)
    page.get_by_label("Organisasjonsnummer").fill("988 077 918")
    page.get_by_label("Navn på organisasjonen").fill("Bedrift AS")
    page.get_by_label("Adresse").fill("Storgata 1")
    page.get_by_label("Postnummer").fill("2670")
    page.get_by_label("Poststed").fill("Otta")
    page.get_by_label("Kontaktperson, navn").fill("Kari Nordmann")
    page.get_by_label("Kontaktperson, e-post").fill("kari@bedrift.example")
    page.get_by_label("Kontaktperson, telefon").fill("99999999")
    page.get_by_label("Prosjektleder, navn").fill("Ola Nordmann")
    page.get_by_label("Prosjektleder, e-post").fill("ola@bedrift.example")
    page.get_by_label("Prosjektleder, telefon").fill("98888888")
    next_step(page)
    expect(error_of(page, "id_orgnr")).to_contain_text(
        "Organisasjonsnummeret er ugyldig: kontrollsifferet stemmer ikke."
    )
    expect(page.locator("#id_orgnr")).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".feiloppsummering a[href='#id_orgnr']")).to_be_visible()
    expect(page.get_by_label("Kontaktperson, navn")).to_have_value("Kari Nordmann")
    expect(page.get_by_label("Prosjektleder, e-post")).to_have_value("ola@bedrift.example")
    assert_accessible(page)
    page.locator(".feiloppsummering a[href='#id_orgnr']").click()
    expect(page.locator("#id_orgnr")).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type("988077917")
    next_step(page)

    # Step 2: the project.
    expect(page.locator("h1")).to_contain_text("Steg 2 av 6")
    expect(page.get_by_text("Vi fikk ikke svar fra Enhetsregisteret")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Prosjekttittel").fill("Nytt produkt")
    page.get_by_label("Kort beskrivelse").fill("Et forprosjekt for et nytt produkt.")
    page.get_by_label("Bakgrunn").fill("Bedriften vil vokse.")
    page.get_by_label("Mål (hovedmål og delmål)").fill("Tre nye arbeidsplasser.")
    page.get_by_label("Forankring").fill("Styrevedtak 1. mars.")
    page.get_by_label("Organisering av prosjektet").fill("Prosjektleder og styringsgruppe.")
    page.get_by_label("PLP-fase").select_option("forprosjekt")
    page.get_by_label("Startdato").fill("2026-03-01")
    page.get_by_label("Sluttdato").fill("2026-12-31")
    page.locator("#id_akt-0-navn").fill("Markedsundersøkelse")
    page.locator("#id_akt-0-start").fill("2026-03-01")
    page.locator("#id_akt-0-slutt").fill("2026-06-30")
    next_step(page)

    # Step 3: costs 200 000 kr; first unbalanced, then too much applied for.
    expect(page.locator("h1")).to_contain_text("Steg 3 av 6")
    assert_accessible(page)
    page.locator("#id_kost-0-kategori").select_option("personell")
    page.locator("#id_kost-0-beskrivelse").fill("Prosjektleder")
    page.locator("#id_kost-0-timer").fill("100")
    page.locator("#id_kost-0-timesats").fill("1000")
    page.get_by_role("button", name="Flere rader for kostnader").click()
    page.locator("#id_kost-1-kategori").select_option("tjenester")
    page.locator("#id_kost-1-beskrivelse").fill("Konsulent")
    page.locator("#id_kost-1-belop").fill("100000")
    page.get_by_label("Egne midler").fill("50000")
    page.get_by_label("Søkt fra omstillingsprogrammet").fill("100000")
    next_step(page)
    expect(page.locator("#finansiering-feil")).to_contain_text(
        "Finansieringsplanen (150 000 kr) må være lik kostnadsplanen (200 000 kr)"
    )
    expect(page.locator("#id_kost-1-beskrivelse")).to_have_value("Konsulent")
    assert_accessible(page)
    page.get_by_label("Egne midler").fill("0")
    page.get_by_label("Egeninnsats (eget arbeid)").fill("50000")
    page.get_by_label("Søkt fra omstillingsprogrammet").fill("150000")
    next_step(page)
    expect(error_of(page, "id_programmet")).to_contain_text(
        "Du kan søke om høyst 50 % av kostnadene, det vil si 100 000 kr."
    )
    expect(page.get_by_label("Egeninnsats (eget arbeid)")).to_have_value("50000")
    assert_accessible(page)
    page.get_by_label("Egne midler").fill("50000")
    page.get_by_label("Søkt fra omstillingsprogrammet").fill("100000")
    next_step(page)

    # Step 4: jobs and earlier aid.
    expect(page.locator("h1")).to_contain_text("Steg 4 av 6")
    assert_accessible(page)
    page.get_by_label("Nye arbeidsplasser, kvinner").fill("2")
    page.get_by_label("Nye arbeidsplasser, menn").fill("1")
    page.locator("#id_stotte-0-type").select_option("bagatell")
    page.locator("#id_stotte-0-giver").fill("Innovasjon Norge")
    page.locator("#id_stotte-0-belop").fill("50000")
    page.locator("#id_stotte-0-dato").fill("2025-05-01")
    next_step(page)

    # Step 5: a PDF attached.
    expect(page.locator("h1")).to_contain_text("Steg 5 av 6")
    assert_accessible(page)
    page.get_by_label("Type vedlegg").select_option("prosjektplan")
    page.get_by_label("Fil", exact=True).set_input_files(
        {"name": "prosjektplan.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Last opp").click()
    expect(page.get_by_role("link", name="prosjektplan.pdf")).to_be_visible()
    assert_accessible(page)
    next_step(page)

    # Step 6: review and submit.
    expect(page.locator("h1")).to_contain_text("Steg 6 av 6")
    expect(page.get_by_text("Søknaden kan ikke sendes ennå")).to_have_count(0)
    assert_accessible(page)
    page.get_by_label("Jeg bekrefter at opplysningene i søknaden er riktige").check()
    page.get_by_role("button", name="Send søknaden").click()

    expect(page.locator("h1")).to_have_text("Søknaden er sendt")
    soknad = Soknad.objects.get()
    assert soknad.status == Soknad.Status.SENDT
    expect(page.locator("main")).to_contain_text(soknad.saksnummer)
    assert_accessible(page)

    # The receipt e-mail.
    to_kari = [m for m in mail.outbox if m.to == ["kari@bedrift.example"]]
    assert [m.subject for m in to_kari] == [
        "Lenke til søknadsutkastet ditt",
        "Vi har mottatt søknaden din: Nytt produkt",
    ]
    receipts = to_kari[1:]
    assert soknad.saksnummer in receipts[0].body

    # Min side: log in through the link in the e-mail and see the case with its number.
    page.get_by_role("link", name="Følg saken på Min side").click()
    expect(page.locator("h1")).to_have_text("Logg inn på Min side")
    assert_accessible(page)
    page.get_by_label("E-postadresse").fill("kari@bedrift.example")
    page.get_by_role("button", name="Send meg en innloggingslenke").click()
    expect(page.locator("h1")).to_have_text("Sjekk e-posten din")
    assert_accessible(page)
    [login_mail] = [m for m in mail.outbox if m.subject == "Din innloggingslenke"]
    link = re.search(r"https?://\S+", login_mail.body).group(0)
    page.goto(link)
    expect(page.locator("h1")).to_have_text("Min side")
    row = page.get_by_role("row").filter(has_text=soknad.saksnummer)
    expect(row).to_contain_text("Mottatt, under kontroll")
    assert_accessible(page)
    row.get_by_role("link", name="Nytt produkt").click()
    expect(page.locator("h1")).to_contain_text(soknad.saksnummer)
    expect(page.get_by_role("link", name="prosjektplan.pdf")).to_be_visible()
    assert_accessible(page)
