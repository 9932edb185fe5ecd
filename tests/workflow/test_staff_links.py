"""Links staff follow from Varsler and e-mails open staff pages: an applicant's deadline opens
the case's staff page (not Min side), a board member's vote opens their task."""

import pytest
from django.urls import reverse

from notifications.models import Deadline, Message

from .conftest import innstilling_data

pytestmark = pytest.mark.django_db


def test_an_applicants_deadline_opens_the_staff_case_page(client, world, perform):
    sak, process = world.submit()
    perform(process, "kontroll", world.programleder, {"utfall": "mangler", "sporsmal": "Regnskap?"})
    assert Deadline.objects.filter(case_id=sak.pk, link__contains="/min-side/").exists()
    client.force_login(world.programleder)
    page = client.get(reverse("varsler:index")).content.decode()
    assert f'href="/staff/saker/sak/{sak.pk}/"' in page
    assert "/min-side/" not in page
    assert client.get(f"/staff/saker/sak/{sak.pk}/").status_code == 200

    # A board member with no task in the case sees the deadline, but no link into the case.
    client.force_login(world.medlem1)
    page = client.get(reverse("varsler:index")).content.decode()
    assert "Svar på forespørsel" in page and f"/staff/saker/sak/{sak.pk}/" not in page


def test_a_board_members_vote_opens_their_task(client, world, perform):
    sak, process = world.submit()
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    data = innstilling_data(world)
    data["til_styret"] = "on"
    perform(process, "vurdering", world.programleder, data)
    link = f"/staff/saker/sak/{sak.pk}/oppgave/"
    deadline = Deadline.objects.get(case_id=sak.pk, user=world.medlem1)
    assert deadline.link == "https://omstilling.example" + link
    mail = Message.objects.get(template="board_task_assigned", user=world.medlem1)
    assert mail.context["url"] == "https://omstilling.example" + link

    client.force_login(world.medlem1)
    response = client.get(link)
    assert response.status_code == 302 and "/stemme/" in response["Location"]
    assert client.get(response["Location"], follow=True).status_code == 200
