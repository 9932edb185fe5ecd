"""Mailgun's signed tracking webhook, posted as Mailgun posts it, updates the outbox rows."""

import base64
import hashlib
import hmac
import json
import time

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from felles.roles import Rolle
from notifications.models import Message
from tests.factories import staff_user

from .factories import MessageFactory

pytestmark = pytest.mark.django_db
S = Message.Status


def mailgun_event(
    event: str, message_id: str, *, severity: str = "", key: str | None = None, age: int = 0
):
    token = f"token-{event}-{time.time_ns()}"
    timestamp = str(int(time.time()) - age)
    signing_key = (key or settings.ANYMAIL["MAILGUN_WEBHOOK_SIGNING_KEY"]).encode()
    signature = hmac.new(signing_key, f"{timestamp}{token}".encode(), hashlib.sha256).hexdigest()
    data = {
        "event": event,
        "timestamp": float(timestamp),
        "id": "CPgfbmQMTCKtHW6uIWtuVe",
        "recipient": "soker@example.no",
        "message": {"headers": {"message-id": message_id.strip("<>")}},
    }
    if event == "failed":
        data.update(
            severity=severity or "permanent",
            reason="bounce",
            **{
                "delivery-status": {
                    "code": 550,
                    "message": "5.1.1 The email account does not exist",
                    "description": "",
                }
            },
        )
    return {
        "signature": {"token": token, "timestamp": timestamp, "signature": signature},
        "event-data": data,
    }


def post(client, payload):
    auth = base64.b64encode(settings.ANYMAIL["WEBHOOK_SECRET"].encode()).decode()
    return client.post(
        reverse("notifications:mailgun_tracking"),
        data=json.dumps(payload),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Basic {auth}",
    )


def sent_message(**kwargs):
    return MessageFactory(
        status=S.SENT, provider_message_id="<20260302.abc@mg.omstilling.example>", **kwargs
    )


def test_a_delivered_event_marks_the_row_delivered(client):
    message = sent_message()
    response = post(client, mailgun_event("delivered", message.provider_message_id))
    assert response.status_code == 200
    message.refresh_from_db()
    assert message.status == S.DELIVERED


def test_a_bounced_legal_letter_is_flagged_to_the_programleder(client, run_on_commit):
    staff_user(Rolle.PROGRAMLEDER, email="pl@omstilling.no")
    staff_user(Rolle.STYREMEDLEM, email="medlem@omstilling.no")
    message = sent_message(is_legal=True, template="decision_letter", subject="Vedtak 2026-014")
    with run_on_commit():
        response = post(client, mailgun_event("failed", message.provider_message_id))
    assert response.status_code == 200
    message.refresh_from_db()
    assert message.status == S.BOUNCED
    assert message.bounce_flagged_at is not None
    assert "does not exist" in message.last_error
    assert [m.to for m in mail.outbox] == [["pl@omstilling.no"]]
    assert mail.outbox[0].subject == f"Et brev kom ikke fram til {message.to_email}"
    assert f"/staff/varsler/epost/{message.pk}/" in mail.outbox[0].body


def test_an_ordinary_bounce_is_recorded_without_a_flag(client):
    staff_user(Rolle.PROGRAMLEDER, email="pl@omstilling.no")
    message = sent_message()
    post(client, mailgun_event("failed", message.provider_message_id))
    message.refresh_from_db()
    assert message.status == S.BOUNCED
    assert message.bounce_flagged_at is None
    assert Message.objects.count() == 1


def test_a_temporary_failure_leaves_the_row_sent(client):
    message = sent_message()
    post(client, mailgun_event("failed", message.provider_message_id, severity="temporary"))
    message.refresh_from_db()
    assert message.status == S.SENT


def test_a_wrongly_signed_webhook_is_refused(client):
    message = sent_message()
    response = post(client, mailgun_event("delivered", message.provider_message_id, key="wrong"))
    assert response.status_code == 400
    message.refresh_from_db()
    assert message.status == S.SENT


def test_a_complaint_after_delivery_is_recorded(client):
    message = sent_message()
    post(client, mailgun_event("delivered", message.provider_message_id))
    post(client, mailgun_event("complained", message.provider_message_id))
    message.refresh_from_db()
    assert message.status == S.COMPLAINED


@pytest.mark.parametrize("age, moved", [(0, True), (290, True), (310, False), (-310, False)])
def test_a_signed_payload_older_than_five_minutes_is_refused(client, age, moved):
    """A correctly signed payload captured once cannot be posted again later."""
    message = sent_message()
    response = post(client, mailgun_event("delivered", message.provider_message_id, age=age))
    assert response.status_code == (200 if moved else 400)
    message.refresh_from_db()
    assert message.status == (S.DELIVERED if moved else S.SENT)


def test_the_age_limit_is_a_setting(client, settings):
    settings.NOTIFICATIONS_WEBHOOK_MAX_AGE = 3600
    message = sent_message()
    response = post(client, mailgun_event("delivered", message.provider_message_id, age=1800))
    assert response.status_code == 200
    message.refresh_from_db()
    assert message.status == S.DELIVERED
