"""Two factors for staff: required for the roles that move money or decide, offered to all."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from felles.roles import Rolle
from konto import tofaktor
from tests.factories import UserFactory, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def required(settings):
    settings.TOFAKTOR_PAKREVD = True


@pytest.fixture
def no_wait_after_a_wrong_code(settings):
    """A wrong code makes the next try wait a second (doubling); these tests try at once."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


def code(device, offset=0):
    """The code the person's app shows now (or `offset` steps of 30 s from now)."""
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset)
    return f"{value:06d}"


def enrolled(user):
    device = tofaktor.totp_start(user=user)
    codes = tofaktor.totp_confirm(device=device, token=code(device))
    device.refresh_from_db()
    device.last_t = -1  # the code above is spent; let the test use the current one again
    device.save()
    return device, codes


@pytest.mark.parametrize("role", [Rolle.ADMINISTRATOR, Rolle.PROGRAMLEDER, Rolle.STYRELEDER])
def test_roles_that_move_money_or_decide_reach_nothing_before_setting_up(client, required, role):
    client.force_login(staff_user(role))

    staff = client.get("/staff/")
    admin = client.get("/admin/")

    assert staff.status_code == 302
    assert staff["Location"] == "/staff/konto/?next=%2Fstaff%2F"
    assert admin.status_code == 302
    assert admin["Location"].startswith("/staff/konto/?next=")


def test_a_superuser_without_role_is_held_too(client, required):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize("role", [Rolle.STYREMEDLEM, Rolle.OBSERVATOR])
def test_other_roles_are_offered_but_not_forced(client, required, role):
    client.force_login(staff_user(role))

    staff = client.get("/staff/")
    response = client.get("/staff/konto/")
    assert not (staff.status_code == 302 and "/staff/konto/" in staff["Location"])
    assert response.status_code == 200
    assert "Du kan beskytte kontoen din" in response.content.decode()


def test_other_roles_pass_to_the_staff_pages(client, required):
    client.force_login(staff_user(Rolle.OBSERVATOR))

    response = client.get("/staff/")

    assert not (response.status_code == 302 and "/staff/konto/" in response["Location"])


def test_with_debug_defaults_the_demo_users_are_only_offered(client, settings):
    settings.TOFAKTOR_PAKREVD = False
    client.force_login(staff_user(Rolle.PROGRAMLEDER))

    response = client.get("/staff/")

    assert not (response.status_code == 302 and "/staff/konto/" in response["Location"])
    assert client.get("/staff/konto/").status_code == 200


def test_setting_up_shows_the_secret_and_a_qr_code_then_recovery_codes_once(
    client, required, no_wait_after_a_wrong_code
):
    user = staff_user(Rolle.PROGRAMLEDER)
    client.force_login(user)

    page = client.get("/staff/konto/?next=/staff/")
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    wrong = client.post(
        "/staff/konto/", {"kode": "000000" if code(device) != "000000" else "111111"}
    )
    right = client.post("/staff/konto/", {"kode": code(device), "next": "/staff/"})
    codes_page = client.get(right["Location"])
    codes_again = client.get("/staff/konto/koder/")
    staff = client.get("/staff/")

    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html and "QR-kode for autentiseringsappen" in html
    assert tofaktor.secret_b32(device) in html
    assert 'for="id_kode"' in html
    assert wrong.status_code == 400
    assert 'aria-invalid="true"' in wrong.content.decode()
    assert "Koden stemmer ikke" in wrong.content.decode()
    assert right.status_code == 302 and right["Location"].startswith("/staff/konto/koder/")
    device.refresh_from_db()
    assert device.confirmed
    stored = list(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert len(stored) == 10
    assert all(token in codes_page.content.decode() for token in stored)
    assert codes_page["Cache-Control"] == "no-store"
    assert not any(token in codes_again.content.decode() for token in stored)
    assert not (staff.status_code == 302 and "/staff/konto/" in staff["Location"])


def test_a_person_with_a_device_must_pass_the_second_step(
    client, required, no_wait_after_a_wrong_code
):
    user = staff_user(Rolle.STYRELEDER)
    device, _ = enrolled(user)
    client.force_login(user)

    held = client.get("/staff/")
    wrong = client.post("/staff/konto/bekreft/", {"kode": "12345", "next": "/staff/"})
    right = client.post("/staff/konto/bekreft/", {"kode": code(device), "next": "/staff/"})
    after = client.get("/staff/")

    assert held["Location"] == "/staff/konto/bekreft/?next=%2Fstaff%2F"
    assert wrong.status_code == 400
    assert right.status_code == 302 and right["Location"] == "/staff/"
    assert not (after.status_code == 302 and "/staff/konto/" in after["Location"])


def test_a_code_is_refused_the_second_time(client, required):
    user = staff_user(Rolle.PROGRAMLEDER)
    device, _ = enrolled(user)
    client.force_login(user)
    token = code(device)
    assert client.post("/staff/konto/bekreft/", {"kode": token}).status_code == 302

    client.logout()
    client.force_login(user)

    assert client.post("/staff/konto/bekreft/", {"kode": token}).status_code == 400


def test_a_wrong_code_makes_the_next_try_wait(client, required):
    user = staff_user(Rolle.PROGRAMLEDER)
    device, _ = enrolled(user)
    client.force_login(user)

    client.post("/staff/konto/bekreft/", {"kode": "12345"})
    at_once = client.post("/staff/konto/bekreft/", {"kode": code(device)})

    assert at_once.status_code == 400


def test_a_recovery_code_works_once(client, required):
    user = staff_user(Rolle.PROGRAMLEDER)
    _, codes = enrolled(user)
    client.force_login(user)

    first = client.post("/staff/konto/bekreft/", {"kode": codes[0], "next": "/staff/"})
    client.logout()
    client.force_login(user)
    again = client.post("/staff/konto/bekreft/", {"kode": codes[0]})

    assert first.status_code == 302
    assert again.status_code == 400
    assert StaticToken.objects.filter(device__user=user).count() == 9


def test_a_password_alone_cannot_set_up_a_second_device(client, required):
    user = staff_user(Rolle.PROGRAMLEDER)
    enrolled(user)
    client.force_login(user)

    page = client.get("/staff/konto/")
    posted = client.post("/staff/konto/", {"kode": "123456"})
    new_codes = client.post("/staff/konto/", {"nye_koder": "1"})

    assert page["Location"].startswith("/staff/konto/bekreft/")
    assert posted["Location"].startswith("/staff/konto/bekreft/")
    assert new_codes["Location"].startswith("/staff/konto/bekreft/")
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_the_next_address_never_leads_off_the_site(client, required):
    user = staff_user(Rolle.PROGRAMLEDER)
    device, _ = enrolled(user)
    client.force_login(user)

    response = client.post(
        "/staff/konto/bekreft/", {"kode": code(device), "next": "https://evil.example/"}
    )

    assert response["Location"] == "/staff/"


def test_applicants_get_no_two_factor_pages(client, required):
    client.force_login(UserFactory())

    response = client.get("/staff/konto/")

    assert response.status_code in (302, 403)
    assert not TOTPDevice.objects.exists()


def test_the_english_page_is_translated(client, required):
    client.force_login(staff_user(Rolle.PROGRAMLEDER))
    client.cookies["django_language"] = "en"

    html = client.get("/staff/konto/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Two-factor login" in html
