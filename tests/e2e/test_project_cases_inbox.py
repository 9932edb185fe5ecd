"""A project's cases in the programleder's inbox, and the reference group: the applicant
asks for a payout and adds a reference group member on Min side; the programleder finds
the payout request in their inbox, the task opens the payout form, and approving empties
the inbox. axe finds no violations on these pages."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect
from sesame.utils import get_query_string

from felles.roles import Rolle
from plp.models import Utbetaling
from plp.services.utbetaling import utbetaling_submit
from tests.e2e.axe import assert_accessible
from tests.factories import UserFactory, staff_user
from tests.plp.utbetaling_fixtures import fase_running, request_kwargs

pytestmark = pytest.mark.browser


def test_inbox_task_opens_the_form_and_the_reference_group(
    page, login, live_server, settings, tmp_path
):
    settings.SITE_URL = live_server.url
    settings.SOKNAD_VEDLEGG_ROOT = str(tmp_path / "vedlegg")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    programleder = staff_user(Rolle.PROGRAMLEDER, username="pl")
    fase = fase_running(programleder=programleder)
    prosjekt = fase.prosjekt
    applicant = UserFactory(email="kari@bedrift.example")

    page.goto("/min-side/logg-inn/lenke/" + get_query_string(applicant))
    page.goto(reverse("plp:minside_prosjekt", args=[prosjekt.pk]))
    page.get_by_role("link", name="Endre referansegruppen").click()
    expect(page.locator("h1")).to_have_text("Referansegruppe")
    assert_accessible(page)
    page.get_by_label("Navn", exact=True).fill("Per Hansen")
    page.get_by_label("Rolle eller organisasjon").fill("")
    page.get_by_role("button", name="Legg til").click()
    expect(page.locator("main")).to_contain_text("Dette må rettes")
    assert_accessible(page)
    page.get_by_label("Rolle eller organisasjon").fill("Kunde")
    page.get_by_role("button", name="Legg til").click()
    expect(page.get_by_text("Per Hansen er lagt til i referansegruppen.")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="Per Hansen")).to_contain_text("Kunde")
    assert_accessible(page)

    u = utbetaling_submit(fase=fase, **request_kwargs())
    saksnummer = Utbetaling.objects.get(pk=u.pk).sak.saksnummer

    page.context.clear_cookies()
    login(programleder, next_url=reverse("prosjektsaker:inbox"))
    row = page.get_by_role("row").filter(has_text=saksnummer)
    expect(row).to_contain_text("Utbetalingsanmodning")
    expect(row).to_contain_text(prosjekt.navn)
    assert_accessible(page)
    row.get_by_role("link").first.click()
    expect(page.get_by_test_id("maks")).to_have_text("30 000 kr")
    page.get_by_label("Godkjenn beløpet det er søkt om").check()
    page.get_by_role("button", name="Lagre vedtaket").click()
    expect(
        page.locator("#innhold").get_by_text("er godkjent og ført mot tilsagnet")
    ).to_be_visible()
    page.goto(reverse("prosjektsaker:inbox"))
    expect(page.locator("main")).not_to_contain_text(saksnummer)

    page.goto(reverse("prosjekter:prosjekt", args=[prosjekt.pk]))
    expect(page.locator("main")).to_contain_text("Per Hansen (Kunde)")
    page.get_by_role("link", name="Endre referansegruppen").click()
    expect(page.locator("h1")).to_have_text("Referansegruppe")
    assert_accessible(page)
    page.get_by_role("button", name="Fjern Per Hansen").click()
    expect(page.locator("main")).to_contain_text("Ingen medlemmer ennå.")
    assert_accessible(page)
