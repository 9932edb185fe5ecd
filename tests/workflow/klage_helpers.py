"""Shared steps of the appeal tests: a decided case, the applicant, and the appeal's tasks."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from tests.factories import HandlingsplanFactory, PotFactory
from tests.workflow.conftest import innstilling_data, open_task
from workflow.models import Saksbehandling


def decided(world, perform, anbefaling="avsla", belop=80_000, **fields):
    sak, process = world.submit(**fields)
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    perform(
        process,
        "vurdering",
        world.programleder,
        innstilling_data(world, anbefaling=anbefaling, belop=belop),
    )
    perform(process, "delegert_vedtak", world.programleder, {})
    sak.refresh_from_db()
    return sak


def applicant():
    return get_user_model().objects.get_or_create(
        username="soker:kari@bedrift.example", defaults={"email": "kari@bedrift.example"}
    )[0]


def appeal_on_min_side(client, sak, **data):
    client.force_login(applicant())
    payload = {"begrunnelse": "Prosjektet gir nye arbeidsplasser, se vedlagt plan."}
    payload.update(data)
    return client.post(reverse("soker:klage", args=[sak.saksnummer]), payload)


def klage_process(klage):
    klage.refresh_from_db()
    return Saksbehandling.objects.get(pk=klage.sak.prosess_id)


def perform_klage(client, klage, node_name, user, data, expect_done=True):
    process = klage_process(klage)
    task = open_task(process, node_name, user)
    client.force_login(user)
    url = reverse(f"klager:{node_name}:execute", args=[process.pk, task.pk])
    response = client.post(url, data)
    if expect_done:
        assert response.status_code == 302, response.content.decode()[:3000]
    klage.refresh_from_db()
    return response


def this_years_pot(world):
    plan = HandlingsplanFactory(program=world.program, ar=timezone.localdate().year)
    return PotFactory(fylt=300_000, strategi__handlingsplan=plan, strategi__budsjett=300_000)
