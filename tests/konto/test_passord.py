"""The password reset: our own pages in the staff login's skin, and an e-mail in our words
that links to SITE_URL and is signed by the programme, in bokmål or English."""

import re
import uuid

import pytest
from django.core import mail

from felles.roles import Rolle
from tests.factories import staff_user

pytestmark = pytest.mark.django_db


def _address():
    n = uuid.uuid4().int
    return f"10.{n % 250}.{(n >> 8) % 250}.{(n >> 16) % 250 + 1}"


def _reset(client, user, **extra):
    response = client.post(
        "/accounts/password_reset/", {"email": user.email}, REMOTE_ADDR=_address(), **extra
    )
    assert response.status_code == 302 and response["Location"] == "/accounts/password_reset/done/"
    [sent] = mail.outbox
    return sent


def test_the_reset_email_is_in_our_words(client, settings):
    settings.SITE_URL = "https://omstilling.example"
    user = staff_user(Rolle.PROGRAMLEDER, email=f"{uuid.uuid4().hex}@example.no")
    sent = _reset(client, user, HTTP_HOST="localhost")
    assert sent.subject == "Nytt passord i Omstilling"
    assert "Noen ba om et nytt passord til brukeren din i Omstilling." in sent.body
    assert sent.body.rstrip().endswith("Omstillingsprogrammet")
    assert "In case you" not in sent.body and "you are:" not in sent.body
    assert "localhost" not in sent.body and "The localhost team" not in sent.body
    [link] = re.findall(r"https?://\S+", sent.body)
    assert link.startswith("https://omstilling.example/accounts/reset/")

    # The link opens our page, which takes the new password.
    page = client.get(link.removeprefix("https://omstilling.example"), follow=True)
    html = page.content.decode()
    assert "Velg nytt passord" in html and "Skip to main content" not in html
    assert "Toggle theme" not in html


def test_the_reset_pages_are_ours_in_both_languages(client):
    page = client.get("/accounts/password_reset/").content.decode()
    assert "Nytt passord" in page and "Send lenke" in page
    assert "Django" not in page and "Skip to main content" not in page
    client.cookies.load({"django_language": "en"})
    page = client.get("/accounts/password_reset/").content.decode()
    assert "New password" in page and "Send link" in page and "Nytt passord" not in page
    done = client.get("/accounts/password_reset/done/").content.decode()
    assert "Check your e-mail" in done or "If the address belongs to a user" in done
    bad = client.get("/accounts/reset/MQ/feil-token/").content.decode()
    assert "The link no longer works" in bad and "Ask for a new link" in bad


def test_the_reset_email_in_english(client, settings):
    settings.SITE_URL = "https://omstilling.example"
    user = staff_user(Rolle.PROGRAMLEDER, email=f"{uuid.uuid4().hex}@example.no")
    client.cookies.load({"django_language": "en"})
    sent = _reset(client, user)
    assert sent.subject == "New password in Omstilling"
    assert "Someone asked for a new password" in sent.body
