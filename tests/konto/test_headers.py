"""Security headers on the public and staff pages: CSP with a nonce for scripts, no framing."""

import pytest

from felles.roles import Rolle
from tests.factories import staff_user

pytestmark = pytest.mark.django_db


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = [part.strip().split() for part in header.split(";") if part.strip()]
    return {d[0]: d[1:] for d in directives}


@pytest.mark.parametrize("url", ["/soknad/", "/accounts/login/", "/accounts/password_reset/"])
def test_public_pages_send_a_content_security_policy(client, url):
    response = client.get(url, follow=True)

    policy = _policy(response)
    assert policy["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"


def test_staff_pages_send_it_too(client):
    client.force_login(staff_user(Rolle.PROGRAMLEDER))

    response = client.get("/staff/", follow=True)

    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]
