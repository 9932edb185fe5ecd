"""Staff login is throttled per account and per client address; password reset is limited."""

import uuid

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import authenticate
from django.core import mail
from django.test import RequestFactory

from felles.roles import Rolle
from tests.factories import UserFactory, staff_user

PASSWORD = "passord-for-test"

pytestmark = pytest.mark.django_db


def _address():
    """A client address of its own per test: the counters of the shared cache outlive tests."""
    n = uuid.uuid4().int
    return f"10.{n % 250}.{(n >> 8) % 250}.{(n >> 16) % 250 + 1}"


def _login(client, url, username, password, address):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.mark.parametrize("url", ["/accounts/login/", "/admin/login/"])
def test_wrong_passwords_lock_the_account_and_the_right_one_then_fails(client, settings, url):
    settings.LANGUAGE_CODE = "nb"
    user = staff_user(Rolle.ADMINISTRATOR, is_staff=True, is_superuser=True)
    address = _address()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = _login(client, url, user.username, "feil-passord", address)
        assert "_auth_user_id" not in client.session

    response = _login(client, url, user.username, PASSWORD, address)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "For mange mislykkede innloggingsforsøk" in response.content.decode()


def test_the_account_is_locked_from_every_address(client, settings):
    user = staff_user(Rolle.PROGRAMLEDER)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "/accounts/login/", user.username, "feil", _address())

    response = _login(client, "/accounts/login/", user.username, PASSWORD, _address())

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_an_address_is_locked_after_its_own_higher_limit_whatever_the_account(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_ADRESSE_GRENSE = 6
    address = _address()
    others = [staff_user(Rolle.STYREMEDLEM) for _ in range(3)]
    for user in others:  # two failures each: no account reaches its limit of three
        for _ in range(2):
            _login(client, "/accounts/login/", user.username, "feil", address)
    fresh = staff_user(Rolle.OBSERVATOR)

    from_locked = _login(client, "/accounts/login/", fresh.username, PASSWORD, address)
    from_elsewhere = _login(client, "/accounts/login/", fresh.username, PASSWORD, _address())

    assert from_locked.status_code == 429
    assert from_elsewhere.status_code == 302
    assert client.session["_auth_user_id"] == str(fresh.pk)


def test_fewer_failures_than_the_limit_still_let_the_right_password_in(client, settings):
    user = staff_user(Rolle.PROGRAMLEDER)
    address = _address()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "/accounts/login/", user.username, "feil", address)

    response = _login(client, "/accounts/login/", user.username, PASSWORD, address)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert not AccessAttempt.objects.filter(username=user.username).exists()  # reset on success


def test_the_administrator_unlocks_an_account_in_the_admin(client, settings):
    user = staff_user(Rolle.PROGRAMLEDER)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "/accounts/login/", user.username, "feil", _address())
    assert (
        _login(client, "/accounts/login/", user.username, PASSWORD, _address()).status_code == 429
    )
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    ids = [
        str(pk)
        for pk in AccessAttempt.objects.filter(username=user.username).values_list("pk", flat=True)
    ]

    changelist = client.get("/admin/axes/accessattempt/")
    client.post(
        "/admin/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": ids, "post": "yes"},
    )
    client.logout()
    response = _login(client, "/accounts/login/", user.username, PASSWORD, _address())

    assert changelist.status_code == 200
    assert user.username in changelist.content.decode()
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_failed_one_time_links_do_not_count_towards_a_staff_lockout():
    request = RequestFactory().get("/", REMOTE_ADDR=_address())
    request.session = {}
    for _ in range(10):
        assert authenticate(request, sesame="not-a-valid-token") is None

    assert not AccessAttempt.objects.exists()


def test_password_reset_is_limited_per_e_mail_address(client, settings):
    user = staff_user(Rolle.PROGRAMLEDER, email=f"{uuid.uuid4().hex}@example.no")
    limit = settings.PASSORD_RESET_PER_EPOST[0]
    answers = [
        client.post("/accounts/password_reset/", {"email": user.email}, REMOTE_ADDR=_address())
        for _ in range(limit + 2)
    ]

    assert [a.status_code for a in answers] == [302] * limit + [429, 429]
    assert len(mail.outbox) == limit
    assert "For mange forespørsler om nytt passord" in answers[-1].content.decode()


def test_password_reset_is_limited_per_client_address(client, settings):
    address = _address()
    limit = settings.PASSORD_RESET_PER_KLIENT[0]
    answers = [
        client.post(
            "/accounts/password_reset/",
            {"email": f"{uuid.uuid4().hex}@example.no"},
            REMOTE_ADDR=address,
        )
        for _ in range(limit + 1)
    ]

    assert [a.status_code for a in answers] == [302] * limit + [429]
