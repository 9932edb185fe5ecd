"""Min side shows one status, the case's, with what happens next and the actions open at
that step: submitted, in check, waiting for an answer, at the board, granted and waiting for
acceptance, accepted, rejected, withdrawn."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from soknader.minside_status import minside_status
from workflow.models import Sak

from .conftest import innstilling_data

pytestmark = pytest.mark.django_db
B = Sak.Status
WITHDRAW = "Trekk søknaden"
DECLINE = "Takk nei til tilsagnet"
ACCEPT = "Aksepter tilsagnet"


@pytest.fixture
def applicant():
    return get_user_model().objects.create(
        username="soker:kari@bedrift.example", email="kari@bedrift.example"
    )


def minside(client, applicant, sak) -> str:
    client.force_login(applicant)
    response = client.get(reverse("soknader:minside_sak", args=[sak.saksnummer]))
    assert response.status_code == 200
    return response.content.decode()


def shown_status(page: str) -> str:
    found = re.search(r'data-testid="minside-status"><strong>([^<]+)</strong>', page)
    return found.group(1)


def overview_status(client, applicant) -> str:
    client.force_login(applicant)
    page = client.get(reverse("soknader:minside")).content.decode()
    return re.findall(r'<td data-label="Status">([^<]*)</td>', page)[0]


def test_each_step_shows_the_cases_status_and_its_actions(client, world, perform, applicant):
    sak, process = world.submit()

    page = minside(client, applicant, sak)
    assert shown_status(page) == "Mottatt, under kontroll"
    assert "sjekker at den er komplett" in page
    assert WITHDRAW in page and DECLINE not in page and ACCEPT not in page
    assert overview_status(client, applicant) == "Mottatt, under kontroll"

    perform(process, "kontroll", world.programleder, {"utfall": "mangler", "sporsmal": "Regnskap?"})
    page = minside(client, applicant, sak)
    assert shown_status(page) == "Venter på svar fra deg"
    assert "Send svaret" in page and WITHDRAW in page

    client.post(reverse("soker:svar", args=[sak.saksnummer]), {"svar": "Vedlagt."})
    assert shown_status(minside(client, applicant, sak)) == "Mottatt, under kontroll"

    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    assert shown_status(minside(client, applicant, sak)) == "Under vurdering"

    perform(process, "vurdering", world.programleder, innstilling_data(world, belop=90_000))
    assert shown_status(minside(client, applicant, sak)) == "Til vedtak"

    perform(process, "delegert_vedtak", world.programleder, {})
    page = minside(client, applicant, sak)
    assert shown_status(page) == "Innvilget, venter på aksept"
    assert "Mottatt, venter på behandling" not in page and "sjekker at den er komplett" not in page
    assert WITHDRAW not in page and DECLINE in page and ACCEPT in page
    assert overview_status(client, applicant) == "Innvilget, venter på aksept"

    client.post(reverse("soker:aksept", args=[sak.saksnummer]), {"bekreft": "ja"})
    page = minside(client, applicant, sak)
    assert shown_status(page) == "Innvilget og akseptert"
    assert WITHDRAW not in page and DECLINE not in page and ACCEPT not in page


def test_at_the_board(client, world, perform, applicant):
    sak, process = world.submit()
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    data = innstilling_data(world)
    data["til_styret"] = "on"
    perform(process, "vurdering", world.programleder, data)
    page = minside(client, applicant, sak)
    assert shown_status(page) == "Til behandling i styret"
    assert "Styret behandler søknaden" in page and WITHDRAW in page


def test_rejected(client, world, perform, applicant):
    sak, process = world.submit()
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    perform(process, "vurdering", world.programleder, innstilling_data(world, anbefaling="avsla"))
    perform(process, "delegert_vedtak", world.programleder, {})
    page = minside(client, applicant, sak)
    assert shown_status(page) == "Avslått"
    assert "hvordan du kan klage" in page
    assert WITHDRAW not in page and DECLINE not in page and ACCEPT not in page


def test_withdrawn(client, world, applicant):
    sak, _process = world.submit()
    client.force_login(applicant)
    confirm = client.get(reverse("soker:trekk", args=[sak.saksnummer])).content.decode()
    assert "Ja, trekk søknaden" in confirm
    client.post(reverse("soker:trekk", args=[sak.saksnummer]))
    page = minside(client, applicant, sak)
    assert shown_status(page) == "Trukket"
    assert WITHDRAW not in page


def test_a_waiting_grant_is_declined_not_withdrawn(client, world, perform, applicant):
    sak, process = world.submit()
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    perform(process, "vurdering", world.programleder, innstilling_data(world, belop=90_000))
    perform(process, "delegert_vedtak", world.programleder, {})
    client.force_login(applicant)
    confirm = client.get(reverse("soker:trekk", args=[sak.saksnummer])).content.decode()
    assert "Ja, takk nei til tilsagnet" in confirm and "Ja, trekk søknaden" not in confirm
    client.post(reverse("soker:trekk", args=[sak.saksnummer]))
    sak.refresh_from_db()
    world.pot.refresh_from_db()
    assert sak.status == B.TRUKKET and world.pot.forpliktet == 0


def test_acceptance_shows_the_conditions_and_asks_for_confirmation(
    client, world, perform, applicant
):
    sak, process = world.submit()
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    perform(process, "vurdering", world.programleder, innstilling_data(world, belop=90_000))
    perform(process, "delegert_vedtak", world.programleder, {})
    client.force_login(applicant)
    url = reverse("soker:aksept", args=[sak.saksnummer])

    page = client.get(url).content.decode()
    assert "90 000 kr" in page and "Prosjektet følger PLP." in page
    assert "Les hele tilsagnsbrevet" in page and 'name="bekreft"' in page

    unconfirmed = client.post(url, {})
    assert unconfirmed.status_code == 400
    assert "Kryss av for at du har lest vilkårene" in unconfirmed.content.decode()
    sak.refresh_from_db()
    assert sak.status == B.VENTER_AKSEPT

    assert client.post(url, {"bekreft": "ja"}).status_code == 302
    sak.refresh_from_db()
    assert sak.status == B.AKSEPTERT


def test_without_a_case_the_applications_own_status(world):
    from tests.soknader.factories import draft_complete

    draft = draft_complete(program=world.program)
    status = minside_status(draft)
    assert str(status.tekst) == "Ikke sendt ennå" and not status.kan_trekkes
