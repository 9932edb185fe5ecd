"""A board member sees how the others voted only after voting: not on the vote page, the
case page or the meeting view before, and on the case page and meeting view after."""

import pytest
from django.urls import reverse

from workflow.models import Mote

from .conftest import innstilling_data, open_task

pytestmark = pytest.mark.django_db
SECRET = "Dette prosjektet er for dyrt"


def test_others_votes_are_shown_only_after_ones_own_vote(world, perform, client):
    mote = Mote.objects.create(program=world.program, dato="2099-01-01")
    sak, process = world.submit()
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    perform(process, "vurdering", world.programleder, innstilling_data(world, belop=150_000))
    perform(process, "stemme", world.medlem2, {"grunner": []}, expect_done=False)
    perform(process, "stemme", world.medlem2, {"valg": "mot", "kommentar": SECRET})
    perform(process, "stemme", world.medlem1, {"grunner": []}, expect_done=False)
    others_vote = f"{world.medlem2.get_full_name()}: Mot innstillingen"

    client.force_login(world.medlem1)
    task = open_task(process, "stemme", world.medlem1)
    pages = {
        "vote": reverse("saker:stemme:execute", args=[process.pk, task.pk]),
        "case": reverse("saker:sak", args=[sak.pk]),
        "meeting": reverse("saker:mote", args=[mote.pk]),
    }
    before = {name: client.get(url).content.decode() for name, url in pages.items()}
    assert 'name="valg"' in before["vote"]  # the vote form itself is there
    for name, html in before.items():
        assert SECRET not in html, name
        assert others_vote not in html, name
    assert "Vises når du har stemt." in before["meeting"]

    perform(process, "stemme", world.medlem1, {"valg": "for"})
    client.force_login(world.medlem1)
    case = client.get(pages["case"]).content.decode()
    meeting = client.get(pages["meeting"]).content.decode()
    assert others_vote in case and SECRET in case
    assert others_vote in meeting and "Vises når du har stemt." not in meeting

    # The programleder and observers read the votes at any time.
    client.force_login(world.observator)
    assert others_vote in client.get(pages["case"]).content.decode()
