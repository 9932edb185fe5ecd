"""Min side during case handling: the applicant answers, reads the letter and accepts."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from handlingsplan.services import ledger_verify
from tests.workflow.conftest import World, innstilling_data, make_performer
from workflow.models import Sak

pytestmark = pytest.mark.django_db


@pytest.fixture
def perform(client):
    return make_performer(client)


def test_answer_then_accept_on_min_side(client, perform, settings, tmp_path):
    settings.SOKNAD_VEDLEGG_ROOT = str(tmp_path)
    world = World()
    sak, process = world.submit()
    perform(process, "kontroll", world.programleder, {"utfall": "mangler", "sporsmal": "Regnskap?"})
    applicant = get_user_model().objects.create(
        username="soker:kari@bedrift.example", email="kari@bedrift.example"
    )
    client.force_login(applicant)
    page = client.get(reverse("soknader:minside_sak", args=[sak.saksnummer])).content.decode()
    assert "Regnskap?" in page and "Send svaret" in page
    client.post(reverse("soker:svar", args=[sak.saksnummer]), {"svar": "Vedlagt."})
    sak.refresh_from_db()
    assert sak.status == Sak.Status.KONTROLL
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    perform(process, "vurdering", world.programleder, innstilling_data(world, belop=90_000))
    perform(process, "delegert_vedtak", world.programleder, {})
    client.force_login(applicant)
    page = client.get(reverse("soknader:minside_sak", args=[sak.saksnummer])).content.decode()
    assert "Aksepter tilsagnet" in page and "90 000 kr" in page
    letter = client.get(reverse("soker:brev", args=[sak.brev.get().pk]))
    assert letter.status_code == 200 and letter["Content-Type"] == "application/pdf"
    client.post(reverse("soker:aksept", args=[sak.saksnummer]), {"bekreft": "ja"})
    sak.refresh_from_db()
    world.pot.refresh_from_db()
    assert sak.status == Sak.Status.AKSEPTERT
    assert world.pot.tilgjengelig == 500_000 - 90_000 and ledger_verify() == []


def test_someone_else_cannot_read_the_letter(client, perform, settings, tmp_path):
    settings.SOKNAD_VEDLEGG_ROOT = str(tmp_path)
    world = World()
    sak, process = world.submit()
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    perform(process, "vurdering", world.programleder, innstilling_data(world, anbefaling="avsla"))
    perform(process, "delegert_vedtak", world.programleder, {})
    other = get_user_model().objects.create(username="soker:x@y.example", email="x@y.example")
    client.force_login(other)
    assert client.get(reverse("soker:brev", args=[sak.brev.get().pk])).status_code == 404


def _minside(client, applicant, sak):
    client.force_login(applicant)
    return client.get(reverse("soknader:minside_sak", args=[sak.saksnummer])).content.decode()


WITHDRAW = "Trekk søknaden"
DECLINE = "Takk nei til tilsagnet"


def test_withdraw_is_offered_before_the_decision_and_not_after(client, perform, settings, tmp_path):
    settings.SOKNAD_VEDLEGG_ROOT = str(tmp_path)
    world = World()
    applicant = get_user_model().objects.create(
        username="soker:kari@bedrift.example", email="kari@bedrift.example"
    )
    sak, process = world.submit()
    assert WITHDRAW in _minside(client, applicant, sak)
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    perform(process, "vurdering", world.programleder, innstilling_data(world, belop=90_000))
    perform(process, "delegert_vedtak", world.programleder, {})
    page = _minside(client, applicant, sak)
    # Granted, not yet accepted: the applicant may accept or decline, not withdraw.
    assert "Aksepter tilsagnet" in page and DECLINE in page and WITHDRAW not in page
    client.post(reverse("soker:aksept", args=[sak.saksnummer]), {"bekreft": "ja"})
    sak.refresh_from_db()
    assert sak.status == Sak.Status.AKSEPTERT
    assert WITHDRAW not in _minside(client, applicant, sak)
    assert DECLINE not in _minside(client, applicant, sak)
    client.post(reverse("soker:trekk", args=[sak.saksnummer]))
    sak.refresh_from_db()
    world.pot.refresh_from_db()
    assert sak.status == Sak.Status.AKSEPTERT and world.pot.forpliktet == 90_000


def test_withdraw_is_not_offered_after_a_rejection(client, perform, settings, tmp_path):
    settings.SOKNAD_VEDLEGG_ROOT = str(tmp_path)
    world = World()
    applicant = get_user_model().objects.create(
        username="soker:kari@bedrift.example", email="kari@bedrift.example"
    )
    sak, process = world.submit()
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    perform(process, "vurdering", world.programleder, innstilling_data(world, anbefaling="avsla"))
    perform(process, "delegert_vedtak", world.programleder, {})
    page = _minside(client, applicant, sak)
    assert "Avslagsbrev" in page and WITHDRAW not in page
