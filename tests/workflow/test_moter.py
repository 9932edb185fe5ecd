"""Board meetings: the programleder or chair creates one with its agenda, delegated decisions
since the previous meeting are listed by themselves, the protokoll is one click away, and
the admin sets the agenda through the same service."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from felles.roles import Rolle
from tests.factories import staff_user
from tests.soknader.test_behandling_brev import pdf_text
from workflow.models import Mote, Sak, Vedtak

from .conftest import innstilling_data

pytestmark = pytest.mark.django_db


def _board_case(world, perform, orgnr="988077917"):
    sak, process = world.submit(orgnr=orgnr)
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    perform(process, "vurdering", world.programleder, innstilling_data(world, belop=150_000))
    sak.refresh_from_db()
    assert sak.status == Sak.Status.STYRET and sak.mote is None
    return sak


def _delegated_case(world, perform, orgnr, decided_at):
    sak, process = world.submit(orgnr=orgnr)
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    perform(process, "vurdering", world.programleder, innstilling_data(world, belop=40_000))
    perform(process, "delegert_vedtak", world.programleder, {})
    Vedtak.objects.filter(sak=sak).update(vedtatt=decided_at)
    return sak


@pytest.mark.parametrize("who", ["programleder", "leder"])
def test_programleder_and_chair_create_a_meeting_with_its_agenda(world, perform, client, who):
    sak = _board_case(world, perform)
    client.force_login(getattr(world, who))
    form = client.get(reverse("saker:mote_ny"))
    assert form.status_code == 200
    assert list(form.context["form"].fields["saker"].queryset) == [sak]

    response = client.post(
        reverse("saker:mote_ny"),
        {
            "program": world.program.pk,
            "dato": "2099-03-04",
            "sted": "Otta rådhus",
            "saker": [sak.pk],
        },
    )
    mote = Mote.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "saker:mote", args=[mote.pk]
    )
    assert (str(mote.dato), mote.sted, mote.program) == ("2099-03-04", "Otta rådhus", world.program)
    sak.refresh_from_db()
    assert sak.mote == mote
    assert sak.hendelser.filter(type="saksliste", utfort_av=getattr(world, who)).exists()

    page = client.get(reverse("saker:mote", args=[mote.pk])).content.decode()
    assert sak.soknad.saksnummer in page and "Otta rådhus" in page
    assert reverse("saker:protokoll", args=[mote.pk]) in page
    assert reverse("saker:mote_endre", args=[mote.pk]) in page
    assert reverse("saker:mote_ny") in client.get(reverse("saker:moter")).content.decode()


def test_the_agenda_can_be_changed_and_holds_only_board_cases(world, perform, client):
    first = _board_case(world, perform)
    second = _board_case(world, perform, orgnr="974760673")
    small = _delegated_case(world, perform, "923609016", timezone.now())
    client.force_login(world.programleder)
    url = reverse("saker:mote_ny")
    data = {"program": world.program.pk, "dato": "2099-03-04", "sted": "Otta"}
    refused = client.post(url, {**data, "saker": [small.pk]})
    assert refused.status_code == 200 and not Mote.objects.exists()

    client.post(url, {**data, "saker": [first.pk]})
    mote = Mote.objects.get()
    client.post(
        reverse("saker:mote_endre", args=[mote.pk]),
        {"dato": "2099-03-05", "sted": "Vågå", "saker": [second.pk]},
    )
    first.refresh_from_db()
    second.refresh_from_db()
    mote.refresh_from_db()
    assert (str(mote.dato), mote.sted) == ("2099-03-05", "Vågå")
    assert first.mote is None and second.mote == mote


def test_delegated_decisions_since_the_previous_meeting_are_listed_by_themselves(
    world, perform, client
):
    today = timezone.localdate()
    Mote.objects.create(program=world.program, dato=today - timedelta(days=30))
    before = _delegated_case(world, perform, "974760673", timezone.now() - timedelta(days=40))
    since = _delegated_case(world, perform, "923609016", timezone.now() - timedelta(days=3))
    client.force_login(world.leder)
    client.post(
        reverse("saker:mote_ny"),
        {"program": world.program.pk, "dato": (today + timedelta(days=7)).isoformat()},
    )
    mote = Mote.objects.latest("dato")
    page = client.get(reverse("saker:mote", args=[mote.pk])).content.decode()
    delegated = page.split("Delegerte vedtak til orientering")[1]
    assert since.soknad.saksnummer in delegated
    assert before.soknad.saksnummer not in delegated

    protokoll = client.get(reverse("saker:protokoll", args=[mote.pk]))
    assert protokoll["Content-Type"] == "application/pdf"
    text = pdf_text(protokoll.content)
    assert since.soknad.saksnummer in text and before.soknad.saksnummer not in text


@pytest.mark.parametrize("role", [Rolle.STYREMEDLEM, Rolle.OBSERVATOR])
def test_board_members_and_observers_cannot_create_meetings(world, client, role):
    client.force_login(staff_user(role, username=f"x-{role}"))
    assert client.get(reverse("saker:mote_ny")).status_code == 403
    response = client.post(
        reverse("saker:mote_ny"), {"program": world.program.pk, "dato": "2099-01-01"}
    )
    assert response.status_code == 403 and not Mote.objects.exists()


def test_meetings_in_the_admin(world, perform, client):
    sak = _board_case(world, perform)
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    client.force_login(admin)
    assert client.get(reverse("admin:workflow_mote_changelist")).status_code == 200
    add = client.get(reverse("admin:workflow_mote_add"))
    assert add.status_code == 200 and sak.soknad.saksnummer in add.content.decode()
    response = client.post(
        reverse("admin:workflow_mote_add"),
        {
            "program": world.program.pk,
            "dato": "2099-05-06",
            "sted": "Otta",
            "saker": [sak.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    mote = Mote.objects.get()
    sak.refresh_from_db()
    assert sak.mote == mote
    change = client.get(reverse("admin:workflow_mote_change", args=[mote.pk]))
    assert change.status_code == 200 and sak.soknad.saksnummer in change.content.decode()
    assert client.get(reverse("admin:workflow_behandlingsregler_changelist")).status_code == 200
