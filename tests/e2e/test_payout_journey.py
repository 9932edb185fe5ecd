"""A payout on the applicant's page and in the staff pages: the applicant asks for more than
the costs allow and is told the most they may ask, sends a payout request; the programleder
approves it, the paid amount changes, the accounting export is made and the payment
recorded. axe finds no violations on the way."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect
from sesame.utils import get_query_string

from felles.roles import Rolle
from handlingsplan.services import ledger_verify
from plp.models import Utbetaling
from tests.e2e.axe import assert_accessible
from tests.e2e.test_project_journey import fits_375
from tests.factories import UserFactory, staff_user
from tests.plp.utbetaling_fixtures import KONTO, PDF, fase_running

pytestmark = pytest.mark.browser


def test_payout_request_approval_and_payment(page, login, live_server, settings, tmp_path):
    settings.SITE_URL = live_server.url
    settings.SOKNAD_VEDLEGG_ROOT = str(tmp_path / "vedlegg")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    programleder = staff_user(Rolle.PROGRAMLEDER, username="pl")
    fase = fase_running(programleder=programleder)
    applicant = UserFactory(email="kari@bedrift.example")
    fase_url = reverse("plp_utbetaling:fase", args=[fase.pk])

    page.goto("/min-side/logg-inn/lenke/" + get_query_string(applicant))
    page.goto(fase_url)
    expect(page.locator("h1")).to_contain_text("Utbetalinger")
    expect(page.get_by_test_id("utbetalt")).to_have_text("0 kr")
    assert_accessible(page)
    fits_375(page)
    page.get_by_label("Delutbetaling").check()
    page.get_by_label("Egen lønn og egeninnsats").fill("40 000")
    page.get_by_label("Kjøp av tjenester").fill("20 000")
    page.get_by_label("Beløp dere søker utbetalt nå (kr)").fill("40 000")
    page.get_by_label("Kontonummer for utbetalingen").fill("8601.11.17947")
    page.get_by_label("Fremdrift mot milepælene").fill("Milepæl 1 er nådd.")
    faktura = {"name": "faktura.pdf", "mimeType": "application/pdf", "buffer": PDF}
    page.get_by_label("Fakturaer (samlet i én fil)").set_input_files(faktura)
    page.get_by_role("button", name="Send anmodningen").click()
    expect(page.locator("main")).to_contain_text("kan være høyst 30 000 kr")
    assert_accessible(page)
    page.get_by_label("Beløp dere søker utbetalt nå (kr)").fill("30 000")
    page.get_by_label("Fakturaer (samlet i én fil)").set_input_files(faktura)
    page.get_by_role("button", name="Send anmodningen").click()
    expect(page.get_by_text("Utbetalingsanmodningen er sendt.")).to_be_visible()
    expect(page.get_by_test_id("status")).to_have_text("Til behandling")
    assert_accessible(page)
    fits_375(page)
    u = Utbetaling.objects.get()

    page.context.clear_cookies()
    login(programleder, next_url=reverse("utbetaling:index"))
    expect(page.get_by_test_id("til-behandling")).to_contain_text(u.sak.saksnummer)
    assert_accessible(page)
    page.get_by_role("link", name=u.sak.saksnummer).click()
    expect(page.get_by_test_id("maks")).to_have_text("30 000 kr")
    assert_accessible(page)
    page.get_by_label("Godkjenn beløpet det er søkt om").check()
    page.get_by_role("button", name="Lagre vedtaket").click()
    expect(
        page.locator("#innhold").get_by_text("er godkjent og ført mot tilsagnet")
    ).to_be_visible()
    expect(page.get_by_test_id("til-betaling")).to_contain_text(u.sak.saksnummer)
    assert_accessible(page)
    page.get_by_role("button", name="Marker som betalt").click()
    expect(page.locator("#innhold").get_by_text("er registrert som betalt")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Betalt i alt: 30 000 kr")

    u.refresh_from_db()
    assert (u.status, u.belop_godkjent, u.kontonummer) == ("betalt", 30_000, KONTO)
    fase.forpliktelse.refresh_from_db()
    assert fase.forpliktelse.utbetalt == 30_000
    assert ledger_verify() == []

    page.context.clear_cookies()
    applicant.refresh_from_db()  # the link is made for the user as they are now
    page.goto("/min-side/logg-inn/lenke/" + get_query_string(applicant))
    page.goto(fase_url)
    expect(page.get_by_test_id("utbetalt")).to_have_text("30 000 kr")
