"""The programleder hears of a new application, an answer from the applicant, an acceptance
and a lapse: an e-mail each through the outbox, or, for one who chose the daily digest, a
line in it instead."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from notifications.models import Message, Preference
from notifications.services import digest_send_daily
from workflow import services as sv

from .conftest import innstilling_data

pytestmark = pytest.mark.django_db


def notices(user) -> list[dict]:
    rows = Message.objects.filter(template="programleder_notice", user=user).order_by("pk")
    return [row.context for row in rows]


def granted(world, perform):
    sak, process = world.submit()
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    perform(process, "vurdering", world.programleder, innstilling_data(world, belop=80_000))
    perform(process, "delegert_vedtak", world.programleder, {})
    return sak, process


def test_a_new_application_and_an_answer(world, perform):
    sak, process = world.submit()
    [new] = notices(world.programleder)
    assert new["kind"] == "startet" and new["reference"] == sak.saksnummer
    assert new["url"] == f"https://omstilling.example/staff/saker/sak/{sak.pk}/oppgave/"

    perform(process, "kontroll", world.programleder, {"utfall": "mangler", "sporsmal": "Regnskap?"})
    sv.opplysninger_answer(sak=sak, svar="Regnskapet er vedlagt.")
    kinds = [(n["kind"], n["detail"]) for n in notices(world.programleder)]
    assert kinds == [("startet", ""), ("svar_mottatt", "Regnskapet er vedlagt.")]
    message = Message.objects.filter(template="programleder_notice").last()
    assert message.to_email == world.programleder.email
    assert (message.case_type_id, message.case_id) != (None, None)


def test_an_acceptance_and_a_lapse(world, perform):
    sak, _process = granted(world, perform)
    sv.tilsagn_accept(sak=sak)
    assert notices(world.programleder)[-1]["kind"] == "akseptert"

    other, _process = granted(world, perform)
    with time_machine.travel(timezone.now() + timedelta(days=22)):
        assert sv.tilsagn_lapse_sweep() == 1
    last = notices(world.programleder)[-1]
    assert last["kind"] == "bortfalt" and last["reference"] == other.saksnummer
    assert "ikke akseptert innen fristen" in last["detail"]


def test_the_notice_opens_the_programleders_task(client, world):
    sak, _process = world.submit()
    client.force_login(world.programleder)
    response = client.get(reverse("saker:oppgave", args=[sak.pk]))
    assert response.status_code == 302 and "/kontroll/" in response["Location"]
    client.force_login(world.medlem1)  # no task and no access: no way in
    assert client.get(reverse("saker:oppgave", args=[sak.pk])).status_code == 403


def test_one_who_chose_the_digest_gets_the_notices_there(world, perform):
    Preference.objects.create(user=world.programleder, delivery=Preference.Delivery.DIGEST)
    sak, _process = granted(world, perform)
    sv.tilsagn_accept(sak=sak)
    assert notices(world.programleder) == []

    assert digest_send_daily(now=timezone.now() + timedelta(minutes=1)) >= 1
    digest = Message.objects.get(template="daily_digest", user=world.programleder)
    titles = [line["title"] for line in digest.context["tasks"]]
    assert f"Ny søknad: {sak.saksnummer} {sak.tittel}" in titles
    assert f"Tilsagnet er akseptert: {sak.saksnummer} {sak.tittel}" in titles
