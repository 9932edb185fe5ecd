import pytest
from django.urls import reverse

from felles.roles import Rolle
from tests.factories import UserFactory, staff_user

pytestmark = pytest.mark.django_db


def test_the_public_lands_on_the_application_start_page(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.url == "/soknad/"


def test_a_logged_in_user_without_a_role_is_not_sent_to_the_staff_site(client):
    client.force_login(UserFactory())
    assert client.get("/").url == "/soknad/"


WORKERS = (Rolle.PROGRAMLEDER, Rolle.STYRELEDER, Rolle.STYREMEDLEM)


@pytest.mark.parametrize("role", [r for r in Rolle if r not in WORKERS])
def test_staff_land_on_the_staff_site(client, role):
    client.force_login(staff_user(role))
    assert client.get("/").url == "/staff/"


@pytest.mark.parametrize("role", WORKERS)
def test_those_with_tasks_land_on_their_inbox(client, role):
    client.force_login(staff_user(role))
    assert client.get("/").url == reverse("saker:inbox")


@pytest.mark.parametrize("role", WORKERS)
def test_the_staff_sites_front_page_is_the_inbox_for_those_with_tasks(client, role):
    client.force_login(staff_user(role))
    assert client.get("/staff/").url == reverse("saker:inbox")


def test_other_staff_reach_the_first_app_from_the_staff_sites_front_page(client):
    client.force_login(staff_user(Rolle.OBSERVATOR))
    assert client.get("/staff/").url == "./handlingsplan/"
