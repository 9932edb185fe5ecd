"""A project on Min side and in the staff pages: the applicant starts the phase, sends a
status report and the final report with jobs; the programleder approves it. The money the
costs did not earn goes back to the pot, the jobs count for the focus area, and axe finds
no violations on any page on the way."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect
from sesame.utils import get_query_string

from config.celery import app as celery_app
from felles.roles import Rolle
from handlingsplan.demo import demo_plans_approve
from handlingsplan.models import Postering, Pot
from handlingsplan.services import ledger_verify
from plp.models import Fase
from plp.selectors import arbeidsplasser_per_innsatsomrade
from soknader import services as soknad_services
from tests.e2e.axe import assert_accessible
from tests.e2e.conftest import PASSWORD
from tests.factories import UserFactory, staff_user
from tests.soknader.factories import draft_complete
from tests.workflow.conftest import innstilling_data, make_performer
from workflow import services as sv
from workflow.models import Saksbehandling

pytestmark = pytest.mark.browser

PLAN_FILE = "handlingsplan/data/handlingsplan_2021.yaml"
APPLICANT = "kari@bedrift.example"


@pytest.fixture
def project_setup(settings, live_server, tmp_path, transactional_db):
    settings.SITE_URL = live_server.url
    settings.SOKNAD_VEDLEGG_ROOT = str(tmp_path / "vedlegg")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    conf = celery_app.conf
    saved = (conf.broker_url, conf.task_always_eager)
    conf.broker_url, conf.task_always_eager = "memory://", True
    celery_app._pool = None
    try:
        call_command("import_handlingsplan", PLAN_FILE, verbosity=0)
        demo_plans_approve()
        yield
    finally:
        conf.broker_url, conf.task_always_eager = saved
        celery_app._pool = None


def accepted_forstudie(pot, programleder) -> Fase:
    """A forstudie of 200 000 kr costs granted 80 000 kr by the programleder, accepted."""
    from django.test import Client

    soknad = draft_complete(program=pot.strategi.handlingsplan.program, fase="forstudie")
    soknad = soknad_services.soknad_submit(soknad=soknad)
    process = Saksbehandling.objects.get(artifact_object_id=soknad.sak.pk)
    perform = make_performer(Client())
    perform(process, "kontroll", programleder, {"utfall": "komplett"})
    data = innstilling_data(type("W", (), {"pot": pot})(), belop=80_000)
    perform(process, "vurdering", programleder, data)
    perform(process, "delegert_vedtak", programleder, {})
    sv.tilsagn_accept(sak=soknad.sak)
    return Fase.objects.get(sak=soknad.sak)


def fits_375(page):
    page.set_viewport_size({"width": 375, "height": 800})
    width = page.evaluate("document.documentElement.scrollWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert width <= 375, width


def test_status_report_final_report_and_approval(chromium, live_server, project_setup):
    programleder = staff_user(Rolle.PROGRAMLEDER, first_name="Pia", last_name="Programleder")
    pot = Pot.objects.get(strategi__bokstav="A", strategi__handlingsplan__ar=2021)
    fase = accepted_forstudie(pot, programleder)
    pot.refresh_from_db()
    forpliktet_for = pot.forpliktet
    applicant = UserFactory(username="kari", email=APPLICANT)
    contexts = []

    def browser():
        context = chromium.new_context(
            base_url=live_server.url, locale="nb-NO", viewport={"width": 1280, "height": 900}
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    try:
        page = browser()
        page.goto("/min-side/logg-inn/lenke/" + get_query_string(applicant))
        expect(page.locator("h1")).to_have_text("Min side")
        page.get_by_role("link", name="Nytt produkt").last.click()
        expect(page.locator("h1")).to_have_text("Nytt produkt")
        expect(page.locator("main")).to_contain_text("Oppstart: Nytt produkt")
        assert_accessible(page)
        fits_375(page)
        page.get_by_role("link", name="Meld oppstart").click()
        page.get_by_label("Startdato").fill("2026-03-01")
        page.get_by_role("button", name="Send").click()
        expect(page.get_by_text("Oppstarten er registrert.")).to_be_visible()
        page.get_by_role("link", name="Rediger mandatet").click()
        expect(page.locator("h1")).to_have_text("Mandat")
        assert_accessible(page)
        page.get_by_label("Ny milepæl 1").fill("Kundeintervjuer")
        page.get_by_label("Frist for milepæl 1").fill("2026-09-01")
        page.get_by_role("button", name="Send").click()
        expect(page.get_by_text("Planen er lagret.")).to_be_visible()
        expect(page.locator("main")).to_contain_text("Kundeintervjuer")
        assert_accessible(page)

        # A deadline extension, asked for on Min side, is decided by the programleder below.
        page.get_by_role("link", name="Søk om endring").click()
        expect(page.locator("h1")).to_have_text("Søk om endring")
        assert_accessible(page)
        page.get_by_label("Hva skal endres").select_option("tid")
        page.get_by_label("Beskrivelse og begrunnelse").fill("Leverandøren er forsinket.")
        page.get_by_label("Ny sluttdato").fill("2027-03-31")
        page.get_by_role("button", name="Send").click()
        expect(page.get_by_text("Endringssøknaden er sendt.")).to_be_visible()

        page.get_by_role("link", name="Send statusrapport").click()
        expect(page.locator("h1")).to_have_text("Statusrapport")
        assert_accessible(page)
        fits_375(page)
        page.get_by_label("Rapporten gjelder per").fill("2026-06-01")
        page.get_by_label("Fremdrift mot milepælene").fill("Markedsundersøkelsen er i rute.")
        page.get_by_label("Reiser").fill("5000")
        page.get_by_role("button", name="Send").click()
        expect(page.locator("main")).to_contain_text("er ikke i det godkjente budsjettet")
        assert_accessible(page)
        page.get_by_label("Reiser").fill("")
        page.get_by_label("Egen lønn og egeninnsats").fill("40000")
        page.get_by_label("Milepæl: Kundeintervjuer").select_option("i_rute")
        page.get_by_role("button", name="Send").click()
        expect(page.get_by_text("Statusrapporten er sendt.")).to_be_visible()

        # The programleder decides the change, and sees where a lapse would be decided.
        staff = browser()
        staff.goto("/accounts/login/?next=/staff/prosjekter/")
        staff.get_by_label("Brukernavn").fill(programleder.get_username())
        staff.get_by_label("Passord").fill(PASSWORD)
        staff.get_by_role("button", name="Logg inn").click()
        staff.wait_for_url("**/staff/prosjekter/")
        staff.get_by_role("row").filter(has_text="Nytt produkt").get_by_role("link").first.click()
        staff.get_by_role("link", name="Avgjør").click()
        expect(staff.locator("main")).to_contain_text("Leverandøren er forsinket.")
        assert_accessible(staff)
        staff.get_by_label("Innvilg").check()
        staff.get_by_label("Begrunnelse").fill("Forsinkelsen skyldes ikke prosjektet.")
        staff.get_by_role("button", name="Lagre").click()
        expect(
            staff.locator("main").get_by_text("Vedtaket er fattet og brevet sendt.")
        ).to_be_visible()
        staff.get_by_role("link", name="La tilsagnet falle bort").click()
        expect(staff.locator("h1")).to_contain_text("Tilsagnet faller bort")
        assert_accessible(staff)
        staff.go_back()
        staff.get_by_role("link", name="Endre rapporteringen").click()
        expect(staff.locator("h1")).to_contain_text("Statusrapport hver")
        assert_accessible(staff)
        staff.goto(f"/staff/prosjekter/fase/{fase.pk}/tilbakebetaling/")
        expect(staff.locator("h1")).to_contain_text("Krav om tilbakebetaling")
        assert_accessible(staff)

        page.get_by_role("link", name="Send sluttrapport").click()
        expect(page.locator("h1")).to_have_text("Sluttrapport")
        assert_accessible(page)
        page.get_by_label("Resultater mot målene").fill("Markedet finnes; vi går videre.")
        page.get_by_label("Nye arbeidsplasser, kvinner").fill("2")
        page.get_by_label("Nye arbeidsplasser, menn").fill("1")
        page.get_by_label("Sikrede arbeidsplasser, kvinner").fill("0")
        page.get_by_label("Sikrede arbeidsplasser, menn").fill("1")
        page.get_by_label("Arbeidsplassene er telt per").fill("2026-11-30")
        page.get_by_label("Egen lønn og egeninnsats").fill("90000")
        page.get_by_label("Kjøp av tjenester").fill("60000")
        page.get_by_role("button", name="Send").click()
        expect(page.get_by_text("Sluttrapporten er sendt til programlederen.")).to_be_visible()
        expect(page.locator("main")).to_contain_text("Sluttrapport: Sendt inn, til kontroll")
        assert_accessible(page)

        # The programleder finds the project waiting on them and approves the report.
        staff.goto("/staff/prosjekter/")
        row = staff.get_by_role("row").filter(has_text="Nytt produkt")
        expect(row).to_contain_text("Programleder")
        expect(row).to_contain_text("80 000 kr")
        assert_accessible(staff)
        row.get_by_role("link").first.click()
        expect(staff.locator("main")).to_contain_text("Sluttrapport: Sendt inn, til kontroll")
        assert_accessible(staff)
        staff.get_by_role("link", name="Kontroller sluttrapporten").click()
        expect(staff.locator("main")).to_contain_text("150 000 kr")
        assert_accessible(staff)
        staff.get_by_label("Godkjenn sluttrapporten").check()
        staff.get_by_role("button", name="Lagre").click()
        expect(staff.locator("main").get_by_text("Sluttrapporten er godkjent.")).to_be_visible()
        expect(staff.locator("main")).to_contain_text(
            re.compile(r"Sluttrapport: Godkjent – 4 arbeidsplasser")
        )
        assert_accessible(staff)

        # The owner stops the project at BP2, with the steering group's minutes.
        page.reload()
        page.get_by_role("link", name="Registrer beslutningspunktet").click()
        expect(page.locator("h1")).to_contain_text("BP2 Gå til forprosjekt")
        assert_accessible(page)
        page.get_by_label("Stoppe prosjektet").check()
        page.get_by_label("Begrunnelse").fill("Markedet er for lite.")
        page.get_by_label("Referat fra styringsgruppen").set_input_files(
            files=[{"name": "referat.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4"}]
        )
        page.get_by_role("button", name="Send").click()
        expect(page.get_by_text("Beslutningen er registrert.")).to_be_visible()
        expect(page.locator("main")).to_contain_text("Stoppet ved beslutningspunkt")
        page.get_by_role("link", name=re.compile("Tell arbeidsplassene ett år etter")).click()
        expect(page.locator("h1")).to_have_text("Arbeidsplasser ett år etter")
        assert_accessible(page)
    finally:
        for context in contexts:
            context.close()

    # 150 000 kr of costs earn 40 % (80 000 of 200 000): 60 000 kr; 20 000 kr go back.
    fase.refresh_from_db()
    assert fase.status == "avsluttet" and fase.sluttdato.isoformat() == "2027-03-31"
    assert fase.prosjekt.status == "stoppet" and fase.endringer.get().brev
    released = Postering.objects.get(forpliktelse=fase.forpliktelse, type="frigjoring")
    assert released.belop == 20_000
    pot.refresh_from_db()
    assert forpliktet_for - pot.forpliktet == 20_000 and ledger_verify() == []
    [jobs] = arbeidsplasser_per_innsatsomrade(pot.strategi.handlingsplan.program, 2026)
    assert (jobs["nye_kvinner"], jobs["nye_menn"], jobs["sikrede_menn"]) == (2, 1, 1)
    assert jobs["innsatsomrade_id"] == pot.strategi.innsatsomrade_id
