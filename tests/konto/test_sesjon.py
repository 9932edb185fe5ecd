"""A staff session ends after a working day without activity; an applicant's does not."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from felles.roles import Rolle
from tests.factories import UserFactory, staff_user

pytestmark = pytest.mark.django_db

PASSWORD = "passord-for-test"


def _logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_a_staff_session_lasts_a_working_day_of_inactivity(client, settings):
    user = staff_user(Rolle.PROGRAMLEDER)
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
        assert client.session.get_expiry_age() == settings.STAFF_SESSION_SECONDS

        clock.shift(timedelta(hours=8))
        client.get("/staff/")  # activity renews the session
        clock.shift(timedelta(hours=8))
        still_in = _logged_in(client)
        clock.shift(timedelta(hours=1, minutes=1))
        gone = not _logged_in(client)
        response = client.get("/staff/konto/")

    assert still_in
    assert gone
    assert not response.wsgi_request.user.is_authenticated
    assert response.status_code in (302, 403)


def test_an_applicant_session_is_as_before(client, settings):
    user = UserFactory()
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client.force_login(user)
        clock.shift(timedelta(hours=10))
        in_after_ten_hours = _logged_in(client)

    assert in_after_ten_hours
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE
