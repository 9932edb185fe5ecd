"""The staff case page: every part of the case in one place, the open task with a button
for the person it is assigned to, the ledger entries linked to the pot's page and back."""

import pytest
from django.urls import reverse

from felles.roles import Rolle
from tests.factories import staff_user
from tests.workflow.conftest import innstilling_data, open_task
from workflow import services

pytestmark = pytest.mark.django_db


def page(client, user, sak):
    client.force_login(user)
    response = client.get(reverse("saker:sak", args=[sak.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_open_task_has_a_button_for_its_owner_only(client, world):
    sak, process = world.submit(org_navn="Fjellbakeriet AS")
    task = open_task(process, "kontroll", world.programleder)
    html = page(client, world.programleder, sak)
    assert f'<h1 class="vf-card__title" id="sak-tittel">{sak.saksnummer}: ' in html
    assert "Fjellbakeriet AS" in html and "Hva det er søkt om" in html
    assert "Arbeid med oppgaven: Kompletthetskontroll" in html
    assert reverse("saker:kontroll:execute", args=[process.pk, task.pk]) in html
    # The process page of the flow engine is for the administrator only.
    assert "Prosess og flytdiagram" not in html
    other = page(client, world.observator, sak)
    assert "Kompletthetskontroll" in other and "Arbeid med oppgaven" not in other
    admin = page(client, staff_user(Rolle.ADMINISTRATOR, username="adm"), sak)
    assert f'href="{reverse("saker:process_detail", args=[process.pk])}"' in admin


def test_a_granted_case_shows_decision_letters_deadlines_and_ledger_both_ways(
    client, world, perform
):
    sak, process = world.submit()
    perform(process, "kontroll", world.programleder, {"utfall": "mangler", "sporsmal": "Regnskap?"})
    services.opplysninger_answer(sak=sak, svar="Vedlagt regnskap.")
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    perform(process, "vurdering", world.programleder, innstilling_data(world, belop=80_000))
    perform(process, "delegert_vedtak", world.programleder, {})
    html = page(client, world.programleder, sak)
    for text in (
        "Regnskap?",
        "Vedlagt regnskap.",
        "Vurdering og innstilling",
        "Vedtak",
        "Innvilget",
        "Aksept av tilsagn",
        "Posteringer",
        "Historikk",
        "E-post",
    ):
        assert text in html, text
    pot_url = reverse("handlingsplan:pot", args=[world.pot.pk])
    assert pot_url in html.split('data-testid="sak-posteringer"')[1]
    # The pot's ledger names the case and links back to it.
    pot_page = client.get(pot_url).content.decode()
    link = reverse("saker:sak_nr", args=[f"{sak.saksnummer}-V"])
    assert link in pot_page
    assert client.get(link).url == reverse("saker:sak", args=[sak.pk])
    assert client.get(reverse("saker:sak_nr", args=["1999-9999"])).status_code == 404
    # A board member, who reads only the cases they have a task in, sees the reference on
    # the pot's ledger without a link that would refuse them.
    client.force_login(world.medlem1)
    pot_page = client.get(pot_url).content.decode()
    assert f"{sak.saksnummer}-V" in pot_page and link not in pot_page
    assert client.get(link).status_code == 403
