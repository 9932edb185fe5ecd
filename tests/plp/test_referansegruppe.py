"""The project's reference group: the applicant on Min side and the programleder on the
staff pages add and remove members; bad input is refused with a message and nothing saved;
a closed project's group no longer changes."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from felles.errors import DomainError
from plp import services as ps
from plp.models import Fase, Prosjekt, Referansegruppemedlem
from plp.services.referansegruppe import MAKS_MEDLEMMER

from .conftest import delegated_grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def prosjekt(world, perform):
    sak, process = world.submit(fase="forstudie")
    sak = delegated_grant(world, perform, sak, process, belop=80_000)
    return Fase.objects.get(sak=sak).prosjekt


def test_the_applicant_adds_and_removes_members_on_min_side(client, prosjekt):
    user = get_user_model().objects.create_user("kari", email="kari@bedrift.example")
    client.force_login(user)
    url = reverse("plp:referansegruppe", args=[prosjekt.pk])
    page = client.get(url).content.decode()
    assert "Ingen medlemmer ennå." in page and "Rolle eller organisasjon" in page

    added = client.post(url, {"navn": " Per Hansen ", "rolle": "Kunde", "epost": "PER@X.NO"})
    assert added.status_code == 302
    medlem = Referansegruppemedlem.objects.get(prosjekt=prosjekt)
    assert (medlem.navn, medlem.rolle, medlem.epost) == ("Per Hansen", "Kunde", "per@x.no")
    page = client.get(reverse("plp:minside_prosjekt", args=[prosjekt.pk])).content.decode()
    assert "Per Hansen (Kunde)" in page

    missing = client.post(url, {"navn": "Lise", "rolle": ""})
    assert missing.status_code == 200 and "Dette må rettes" in missing.content.decode()
    twice = client.post(url, {"navn": "per hansen", "rolle": "kunde"})
    assert "per hansen er allerede med i referansegruppen." in twice.content.decode()
    assert Referansegruppemedlem.objects.filter(prosjekt=prosjekt).count() == 1

    fjern = reverse("plp:referansegruppe_fjern", args=[prosjekt.pk, medlem.pk])
    assert client.get(fjern).status_code == 405
    assert client.post(fjern).status_code == 302
    assert not Referansegruppemedlem.objects.filter(prosjekt=prosjekt).exists()


def test_someone_elses_project_gets_404(client, prosjekt):
    medlem = ps.referansegruppe_add(prosjekt=prosjekt, navn="Per", rolle="Kunde")
    other = get_user_model().objects.create_user("nils", email="nils@annen.example")
    client.force_login(other)
    assert client.get(reverse("plp:referansegruppe", args=[prosjekt.pk])).status_code == 404
    fjern = reverse("plp:referansegruppe_fjern", args=[prosjekt.pk, medlem.pk])
    assert client.post(fjern).status_code == 404
    assert Referansegruppemedlem.objects.filter(pk=medlem.pk).exists()


def test_the_programleder_keeps_the_group_on_the_staff_pages(client, world, prosjekt):
    client.force_login(world.programleder)
    page = client.get(reverse("prosjekter:prosjekt", args=[prosjekt.pk])).content.decode()
    assert "Endre referansegruppen" in page
    url = reverse("prosjekter:referansegruppe", args=[prosjekt.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"navn": "Innovasjon Norge", "rolle": "Finansiør", "epost": ""})
    assert response.status_code == 302
    medlem = prosjekt.referansegruppe_medlemmer.get()
    page = client.get(reverse("prosjekter:prosjekt", args=[prosjekt.pk])).content.decode()
    assert "Innovasjon Norge (Finansiør)" in page
    bad = client.post(url, {"navn": "X", "rolle": "Y", "epost": "ikke-en-adresse"})
    assert bad.status_code == 200 and prosjekt.referansegruppe_medlemmer.count() == 1
    fjern = reverse("prosjekter:referansegruppe_fjern", args=[prosjekt.pk, medlem.pk])
    assert client.post(fjern).status_code == 302
    assert not prosjekt.referansegruppe_medlemmer.exists()


def test_a_board_member_may_not_change_it(client, world, prosjekt):
    client.force_login(world.board[0])
    url = reverse("prosjekter:referansegruppe", args=[prosjekt.pk])
    assert client.post(url, {"navn": "Per", "rolle": "Kunde"}).status_code == 403
    assert not prosjekt.referansegruppe_medlemmer.exists()


def test_the_rules_bound_the_group(prosjekt):
    with pytest.raises(DomainError, match="Skriv navnet"):
        ps.referansegruppe_add(prosjekt=prosjekt, navn=" ", rolle="Kunde")
    with pytest.raises(DomainError, match="høyst 200 tegn"):
        ps.referansegruppe_add(prosjekt=prosjekt, navn="x" * 201, rolle="Kunde")
    with pytest.raises(DomainError, match="gyldig e-postadresse"):
        ps.referansegruppe_add(prosjekt=prosjekt, navn="Per", rolle="Kunde", epost="per@")
    for n in range(MAKS_MEDLEMMER):
        ps.referansegruppe_add(prosjekt=prosjekt, navn=f"Medlem {n}", rolle="Kunde")
    with pytest.raises(DomainError, match="allerede 30 medlemmer"):
        ps.referansegruppe_add(prosjekt=prosjekt, navn="En til", rolle="Kunde")
    Prosjekt.objects.filter(pk=prosjekt.pk).update(status=Prosjekt.Status.AVSLUTTET)
    medlem = prosjekt.referansegruppe_medlemmer.first()
    with pytest.raises(DomainError, match="kan ikke endres lenger"):
        ps.referansegruppe_remove(prosjekt=prosjekt, medlem_id=medlem.pk)
    assert prosjekt.referansegruppe_medlemmer.count() == MAKS_MEDLEMMER
