"""The staff workspace, as the people who work in it use it: the programleder finds a case by
the applicant's organisation number, works it from the case page through the check and the
assessment (warned that the pot is short, and moving money into it), board members vote from
their inboxes, and the chair confirms. At every step the applicant's Min side shows the
case's status."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from config.celery import app as celery_app
from felles.formatting import kr
from felles.roles import Rolle
from handlingsplan.demo import demo_plans_approve
from handlingsplan.models import Pot
from handlingsplan.services import ledger_verify, pot_reallocate
from soknader import services as soknad_services
from tests.e2e.axe import assert_accessible
from tests.e2e.test_case_journey import (
    Person,
    inbox_row,
    open_from_inbox,
    save,
    submitted_application,
)
from tests.factories import staff_user
from tests.soknader.factories import draft_complete
from workflow.models import Sak

pytestmark = pytest.mark.browser

PLAN_FILE = "handlingsplan/data/handlingsplan_2021.yaml"
APPLICANT = "kari@bedrift.example"
GRANT = 150_000  # above the delegated limit (100 000 kr): the board decides
SHORT = 100_000  # what pot A has available when the case is assessed


@pytest.fixture
def workspace(settings, live_server, tmp_path, transactional_db):
    settings.SITE_URL = live_server.url
    settings.SOKNAD_VEDLEGG_ROOT = str(tmp_path / "vedlegg")
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


def leave_in_pot(pot, other, amount):
    """Move all but `amount` of the pot's available money to `other`."""
    pot_reallocate(
        from_pot=pot,
        to_pot=other,
        amount=pot.tilgjengelig - amount,
        reason="Prioritert annen strategi",
        reference="PS 1/26",
    )


def other_application(program):
    """Another organisation's application, which the search must leave out."""
    soknad = draft_complete(
        program=program, orgnr="974760673", org_navn="Annen Bedrift AS", epost="ola@annen.example"
    )
    return soknad_services.soknad_submit(soknad=soknad)


class Applicant:
    """The applicant at their own browser, logged in to Min side by the e-mailed link."""

    def __init__(self, person, saksnummer):
        page = self.page = person.page
        page.goto("/min-side/logg-inn/")
        page.get_by_label("E-postadresse").fill(APPLICANT)
        page.get_by_role("button", name="Send meg en innloggingslenke").click()
        expect(page.locator("h1")).to_have_text("Sjekk e-posten din")
        [login_mail] = [m for m in mail.outbox if m.subject == "Din innloggingslenke"]
        page.goto(re.search(r"https?://\S+", login_mail.body).group(0))
        expect(page.locator("h1")).to_have_text("Min side")
        page.get_by_role("row").filter(has_text=saksnummer).get_by_role("link").first.click()
        expect(page.locator("h1")).to_contain_text(saksnummer)
        self.url = page.url

    def sees(self, status, next_step):
        """Min side, opened afresh, shows the one status and what happens next."""
        self.page.goto(self.url)
        expect(self.page.get_by_test_id("minside-status").locator("strong")).to_have_text(status)
        expect(self.page.get_by_test_id("minside-neste")).to_have_text(next_step)


def work_from_case_page(page, task_title):
    """Open the task from the case page's list of open tasks."""
    page.get_by_role("link", name=f"Arbeid med oppgaven: {task_title}").click()
    page.wait_for_url("**/execute/")
    expect(page.locator("h1")).to_contain_text(task_title)


def vote(page, saksnummer):
    """Declare impartiality and vote for, from the task's link in the person's inbox."""
    row = inbox_row(page, saksnummer, "Habilitet og stemme")
    expect(row).to_have_count(1)
    assert_accessible(page)
    row.get_by_role("link", name=saksnummer, exact=True).click()
    page.wait_for_url("**/execute/")
    expect(page.get_by_role("heading", name=re.compile(saksnummer))).to_be_visible()
    assert_accessible(page)
    save(page)  # no grounds ticked: impartial
    expect(page.get_by_text("Du har erklært deg habil i saken.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("For innstillingen").check()
    save(page)
    page.wait_for_url(lambda url: "/stemme/" not in url)
    expect(page.get_by_role("status")).to_contain_text(f"{saksnummer}: stemmen din er registrert.")


def test_programleder_works_a_case_from_search_to_the_boards_decision(
    chromium, live_server, workspace
):
    programleder = staff_user(Rolle.PROGRAMLEDER, first_name="Pia", last_name="Programleder")
    leder = staff_user(Rolle.STYRELEDER, first_name="Lise", last_name="Leder")
    members = [
        staff_user(Rolle.STYREMEDLEM, first_name="Mats", last_name="Medlem"),
        staff_user(Rolle.STYREMEDLEM, first_name="Mona", last_name="Medlem"),
    ]
    pot = Pot.objects.select_related("strategi").get(
        strategi__bokstav="A", strategi__handlingsplan__ar=2021
    )
    other_pot = Pot.objects.select_related("strategi__innsatsomrade").get(
        strategi__bokstav="B", strategi__handlingsplan__ar=2021
    )
    leave_in_pot(pot, other_pot, SHORT)
    program = pot.strategi.handlingsplan.program
    other_application(program)
    soknad = submitted_application(program)
    nr = soknad.saksnummer
    people = []

    def person(user=None):
        people.append(Person(chromium, live_server.url, user))
        return people[-1]

    try:
        applicant = Applicant(person(), nr)
        assert_accessible(applicant.page)
        applicant.sees(
            "Mottatt, under kontroll",
            "Programlederen går gjennom søknaden og sjekker at den er komplett. "
            "Mangler det noe, ber vi deg om det på e-post.",
        )

        # The programleder finds the case by the applicant's organisation number.
        page = person(programleder).page
        page.goto("/staff/saker/alle/")
        expect(page.locator("h1")).to_have_text("Alle saker")
        expect(page.get_by_test_id("sak-rad")).to_have_count(2)
        assert_accessible(page)
        page.get_by_role("textbox", name=re.compile(r"^Søk")).fill("988077917")
        page.get_by_role("button", name="Søk", exact=True).click()
        expect(page.get_by_test_id("sak-rad")).to_have_count(1)
        row = page.get_by_test_id("sak-rad")
        expect(row).to_contain_text("988077917")
        assert_accessible(page)
        row.get_by_role("link", name=nr).click()
        expect(page.locator("h1")).to_have_text(f"{nr}: Nytt produkt")
        case_url = page.url
        assert_accessible(page)

        # The check, from the case page: complete.
        work_from_case_page(page, "Kompletthetskontroll")
        assert_accessible(page)
        page.get_by_label("Ja, gå videre til vurdering").check()
        save(page)
        page.wait_for_url(case_url)
        expect(page.get_by_role("status")).to_have_text(
            f"{nr}: søknaden er komplett. Neste steg er vurdering og innstilling."
        )
        expect(page.get_by_test_id("sak-status")).to_have_text("Vurdering og innstilling")
        assert_accessible(page)
        applicant.sees(
            "Under vurdering",
            "Søknaden er komplett. Programlederen vurderer den og skriver en innstilling.",
        )

        # The assessment, from the case page: the amount applied for, from pot A, which has
        # less available than that. Saved, and the programleder is warned.
        work_from_case_page(page, "Vurdering og innstilling")
        assert_accessible(page)
        expect(page.get_by_label("Beløp (kr)")).to_have_value(str(GRANT))
        page.get_by_label("Vurdering mot tildelingskriteriene").fill("Godt forankret.")
        page.get_by_label("Anbefaling").select_option("innvilge")
        page.get_by_label("Pott").select_option(str(pot.pk))
        page.get_by_label("Vilkår:", exact=True).fill("Prosjektet følger PLP.")
        page.get_by_label("Begrunnelse (står i brevet)").fill("Prosjektet oppfyller kriteriene.")
        save(page)
        page.wait_for_url(case_url)
        warning = (
            f"Anbefalt beløp ({kr(GRANT)}) er større enn det som er tilgjengelig i pott A nå "
            f"({kr(SHORT)}). Vedtaket kan ikke bekreftes før potten har nok midler."
        )
        expect(page.get_by_role("status")).to_contain_text(warning)
        expect(page.get_by_test_id("pott-advarsel")).to_contain_text(warning)
        expect(page.get_by_test_id("sak-status")).to_have_text("Til behandling i styret")
        assert_accessible(page)
        applicant.sees(
            "Til behandling i styret",
            "Styret behandler søknaden. Du får vedtaksbrevet på e-post og her når styret "
            "har vedtatt.",
        )

        # The warning's link: move 50 000 kr from pot B into pot A.
        page.get_by_role("link", name="Omfordel midler til potten").click()
        expect(page.locator("h1")).to_have_text("Omfordel midler")
        assert_accessible(page)
        b = other_pot.strategi
        page.locator("#id_fra_pot").select_option(label=f"B. {b.navn} ({b.innsatsomrade.navn})")
        page.get_by_label("Beløp (kr)").fill(str(GRANT - SHORT))
        page.get_by_label("Begrunnelse").fill(f"Tilskudd i sak {nr}")
        page.get_by_label("Vedtaksreferanse").fill(nr)
        page.get_by_role("button", name="Omfordel", exact=True).click()
        expect(page.get_by_role("status")).to_contain_text(
            f"Omfordelt {kr(GRANT - SHORT)} fra B til A."
        )
        assert_accessible(page)  # the ledger of the pot the money came from
        page.goto(case_url)
        expect(page.get_by_test_id("pott-advarsel")).to_have_count(0)
        expect(page.get_by_test_id("sak-status")).to_have_text("Til behandling i styret")

        # The board members vote from their inboxes; the chair votes, then confirms.
        for member in members:
            member_page = person(member).page
            vote(member_page, nr)
            assert_accessible(member_page)
            applicant.sees(
                "Til behandling i styret",
                "Styret behandler søknaden. Du får vedtaksbrevet på e-post og her når styret "
                "har vedtatt.",
            )
        page = person(leder).page
        vote(page, nr)
        open_from_inbox(page, nr, "Styreleder bekrefter vedtaket")
        expect(page.locator("body")).to_contain_text("For: 3, mot: 0, avstår: 0.")
        expect(page.get_by_role("alert")).to_have_count(0)  # the pot has enough now
        assert_accessible(page)
        save(page)
        page.wait_for_url(lambda url: "/bekreft/" not in url)
        expect(page.get_by_role("status")).to_contain_text(f"{nr}: innvilget {kr(GRANT)}.")
        expect(page.get_by_test_id("sak-status")).to_have_text("Innvilget, venter på aksept")
        assert_accessible(page)
        applicant.sees(
            "Innvilget, venter på aksept",
            "Dere har fått tilsagn. Les vilkårene og aksepter tilsagnet innen fristen; "
            "ellers faller det bort.",
        )
        expect(applicant.page.get_by_role("link", name="Aksepter tilsagnet")).to_be_visible()
        assert_accessible(applicant.page)

        sak = Sak.objects.get(soknad=soknad)
        assert sak.status == Sak.Status.VENTER_AKSEPT
        pot.refresh_from_db()
        assert pot.tilgjengelig == 0
        assert ledger_verify() == []
    finally:
        for p in people:
            p.close()
