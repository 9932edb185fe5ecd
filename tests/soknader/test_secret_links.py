"""Secret links (Min side's login link, a draft's link) are made when the e-mail is sent and
never stored readable; the staff e-mail viewer shows them redacted, and the body of a login
e-mail only to the administrator. Drafts' secrets leave the URL path after first use."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse

from felles.roles import Rolle
from notifications.models import Message
from notifications.services.delivery import message_deliver
from soknader import services
from tests.factories import ProgramFactory, UserFactory, staff_user

from . import journey
from .factories import draft_complete

pytestmark = pytest.mark.django_db

STORED = ("subject", "body_text", "body_html")


def _row_text(message: Message) -> str:
    message.refresh_from_db()
    return " ".join([str(message.context), *(getattr(message, f) for f in STORED)])


def _login_message(address="kari@a.example") -> Message:
    services.soknad_submit(soknad=draft_complete(epost=address))
    Client().post("/min-side/logg-inn/", {"epost": address})
    return Message.objects.get(template="login_link")


def test_a_login_link_is_made_when_sent_and_never_stored():
    message = _login_message()
    assert "sesame" not in _row_text(message)
    assert message.context["secret_link"]["kind"] == "minside_login"
    link = journey.link_sent(message)
    assert "sesame=" in link
    # The row, now sent, keeps the e-mail with the link redacted.
    text = _row_text(message)
    assert message.status == Message.Status.SENT
    assert "sesame" not in text and link not in text
    assert "[lenken vises ikke her]" in message.body_text
    # The link that went out logs the applicant in.
    applicant = Client()
    applicant.get(link)
    assert applicant.get("/min-side/").status_code == 200


def test_a_draft_link_is_made_when_sent_and_never_stored(client):
    ProgramFactory()
    token = journey.start(client)
    client.post(journey.step_url(token, 1), journey.STEP1)
    message = Message.objects.get(template="soknad_utkast")
    link = journey.link_sent(message)
    text = _row_text(message)
    assert "/soknad/utkast/" not in text and token not in text
    assert link.endswith(f"/soknad/utkast/{token}/")


@pytest.mark.parametrize("role", [r for r in Rolle if r != Rolle.ADMINISTRATOR])
def test_staff_other_than_the_administrator_never_read_a_login_e_mails_body(client, role):
    message = _login_message()
    journey.link_sent(message)
    client.force_login(staff_user(role))
    page = client.get(reverse("varsler:message", kwargs={"pk": message.pk}))
    assert page.status_code == 200
    assert 'data-testid="body-hidden"' in page.text
    assert 'data-testid="body-text"' not in page.text and "srcdoc" not in page.text
    assert "sesame" not in page.text


def test_the_administrator_reads_a_login_e_mail_with_its_link_redacted(client):
    message = _login_message()
    client.force_login(staff_user(Rolle.ADMINISTRATOR))
    unsent = client.get(reverse("varsler:message", kwargs={"pk": message.pk})).text
    journey.link_sent(message)
    client_page = client.get(reverse("varsler:message", kwargs={"pk": message.pk})).text
    for page in (unsent, client_page):
        assert 'data-testid="body-text"' in page
        assert "sesame" not in page
        assert "[lenken vises ikke her]" in page


def test_the_draft_link_is_redacted_for_every_staff_role(client):
    ProgramFactory()
    token = journey.start(client)
    client.post(journey.step_url(token, 1), journey.STEP1)
    message = Message.objects.get(template="soknad_utkast")
    for sent in (False, True):
        if sent:
            journey.link_sent(message)
        for role in Rolle:
            viewer = Client()
            viewer.force_login(staff_user(role))
            page = viewer.get(reverse("varsler:message", kwargs={"pk": message.pk})).text
            assert "/soknad/utkast/" not in page and token not in page
            assert "[lenken vises ikke her]" in page


def test_a_resend_after_a_failure_makes_a_fresh_link(settings):
    """The link is made at each attempt: nothing of the first one was kept to reuse."""
    message = _login_message()
    first = journey.link_sent(message)
    Message.objects.filter(pk=message.pk).update(status=Message.Status.QUEUED)
    get_user_model().objects.filter(pk=message.context["secret_link"]["user_id"]).update(
        last_login="2026-01-01T00:00:00Z"
    )
    message_deliver(message_id=message.pk)
    second = re.search(r"https?://\S+sesame=\S+", mail.outbox[-1].body).group(0)
    assert first != second


@pytest.mark.django_db(transaction=True)
def test_the_migration_redacts_links_stored_before():
    before = [("notifications", "0003_deadline_kinds_registered")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        old_apps = executor.loader.project_state(before).apps
        Old = old_apps.get_model("notifications", "Message")
        User = old_apps.get_model("auth", "User")
        user = User.objects.create(username="soker:kari@a.example", email="kari@a.example")
        login_url = "https://omstilling.example/min-side/logg-inn/lenke/?sesame=AbC123"
        draft_url = "https://omstilling.example/soknad/utkast/hemmelig-token/steg/1/"
        Old.objects.create(
            key="l",
            to_email="kari@a.example",
            template="login_link",
            language="nb",
            status="sent",
            context={"url": login_url, "valid_minutes": 30},
            subject="Logg inn",
            body_text=f"Bruk denne lenken:\n\n{login_url}\n",
            body_html=f'<a href="{login_url}">Logg inn</a>',
        )
        Old.objects.create(
            key="d",
            to_email="kari@a.example",
            template="soknad_utkast",
            language="nb",
            status="queued",
            case_id=41,
            context={"url": draft_url, "tittel": "T"},
            body_text=f"Lenke: {draft_url}",
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    login = Message.objects.get(key="l")
    draft = Message.objects.get(key="d")
    for row in (login, draft):
        assert "sesame" not in _row_text(row) and "hemmelig-token" not in _row_text(row)
        assert "url" not in row.context
    assert login.context["secret_link"] == {"kind": "minside_login", "user_id": user.pk}
    assert draft.context["secret_link"] == {"kind": "utkast", "soknad_id": 41}
    assert "[lenken vises ikke her]" in login.body_text and "[lenken" in login.body_html


def test_the_secret_leaves_the_url_path_after_first_use(settings):
    settings.SITE_URL = "https://omstilling.example"
    ProgramFactory()
    opener = Client()
    token = journey.start(opener)
    pk = journey.soknad_of(token).pk
    browser = Client()
    response = browser.get(f"/soknad/utkast/{token}/")
    assert response.status_code == 302 and response["Location"] == f"/soknad/{pk}/steg/1/"
    # Every later page: addresses without the secret, and no link back to one, except the
    # draft's own link in the box meant for keeping it.
    for steg in range(1, 7):
        page = browser.get(f"/soknad/{pk}/steg/{steg}/")
        assert page.status_code == 200
        html = page.content.decode()
        paths = re.findall(r'(?:href|action)="([^"]*)"', html)
        assert [p for p in paths if token in p] == [
            f"https://omstilling.example/soknad/utkast/{token}/"
        ]
        assert html.count(token) == 2, "only the box with the draft's link shows it"
    # The step's address is nothing without the session that followed the link.
    assert Client().get(f"/soknad/{pk}/steg/1/").status_code == 404
    assert Client().get(f"/soknad/{pk}/sendt/").status_code == 404


def test_a_draft_started_here_is_held_by_this_session_only(client):
    ProgramFactory()
    response = client.post("/soknad/")
    assert re.fullmatch(r"/soknad/\d+/steg/1/", response["Location"])
    assert client.get(response["Location"]).status_code == 200
    assert Client().get(response["Location"]).status_code == 404
    someone = Client()
    someone.force_login(UserFactory())
    assert someone.get(response["Location"]).status_code == 404
