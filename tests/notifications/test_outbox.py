import pytest
import time_machine
from django.core import mail
from django.db import transaction
from django.utils import timezone

from notifications.models import Message
from notifications.services import (
    TemporarySendError,
    message_deliver,
    message_send,
    message_sweep,
)
from notifications.tasks import message_deliver_task
from tests.factories import UserFactory

from .factories import MessageFactory

pytestmark = pytest.mark.django_db
S = Message.Status
CTX = {
    "title": "Statusrapport 1",
    "due_at": "2026-11-27T12:00:00+01:00",
    "offset_days": 14,
    "url": "https://omstilling.example/prosjekt/1/",
}


def test_a_message_is_a_queued_row_until_commit_then_sent(run_on_commit):
    with run_on_commit():
        message = message_send(
            to="ola@example.no", template="reminder_before", context=CTX, key="k1"
        )
        assert Message.objects.get(pk=message.pk).status == S.QUEUED
        assert mail.outbox == []
    message.refresh_from_db()
    assert message.status == S.SENT
    assert message.attempts == 1
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["ola@example.no"]
    assert sent.subject == "Påminnelse: Statusrapport 1 innen 27.11.2026"
    assert message.subject == sent.subject
    assert "https://omstilling.example/prosjekt/1/" in sent.body
    html = sent.alternatives[0][0]
    assert "https://omstilling.example/varsler/innstillinger/" in html


def test_the_same_key_twice_writes_and_sends_once(run_on_commit):
    with run_on_commit():
        first = message_send(
            to="ola@example.no", template="reminder_before", context=CTX, key="same"
        )
        second = message_send(
            to="kari@example.no", template="reminder_late", context=CTX, key="same"
        )
    assert first.pk == second.pk
    assert Message.objects.count() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ola@example.no"]


def test_a_rolled_back_change_sends_nothing(run_on_commit):
    with run_on_commit(), pytest.raises(RuntimeError), transaction.atomic():
        message_send(to="ola@example.no", template="reminder_before", context=CTX, key="k")
        raise RuntimeError("the change failed")
    assert Message.objects.count() == 0
    assert mail.outbox == []


def test_a_user_recipient_gets_the_row_linked_and_their_language(run_on_commit):
    user = UserFactory(email="per@example.no")
    from notifications.models import Preference

    Preference.objects.create(user=user, language="en")
    with run_on_commit():
        message = message_send(to=user, template="reminder_before", context=CTX, key="k")
    message.refresh_from_db()
    assert (message.user, message.to_email, message.language) == (user, "per@example.no", "en")
    assert '<html lang="en">' in mail.outbox[0].alternatives[0][0]


def test_legal_letters_carry_their_pdf_and_no_preferences_text(run_on_commit):
    with run_on_commit():
        message = message_send(
            to="soker@example.no",
            template="decision_letter",
            context={
                "soknad_title": "Forprosjekt fjellturisme",
                "reference": "2026-014",
                "granted": True,
                "amount": "150 000 kr",
                "appeal_days": 21,
                "url": "https://omstilling.example/soknad/14/",
            },
            key="vedtak:14",
            legal=True,
            attachments=[("vedtak-2026-014.pdf", b"%PDF-1.7 test", "application/pdf")],
        )
    sent = mail.outbox[0]
    assert sent.attachments == [("vedtak-2026-014.pdf", b"%PDF-1.7 test", "application/pdf")]
    assert "innvilget med 150 000 kr" in sent.body
    assert "innstillinger" not in sent.body
    assert "sendes alltid" in sent.body
    assert message.attachments.get().read() == b"%PDF-1.7 test"


def test_the_provider_message_id_is_stored(settings, run_on_commit):
    settings.EMAIL_BACKEND = "anymail.backends.test.EmailBackend"
    with run_on_commit():
        message = message_send(
            to="ola@example.no",
            template="login_link",
            context={"url": "https://x/", "valid_minutes": 15},
            key="k",
        )
    message.refresh_from_db()
    assert message.status == S.SENT
    assert message.provider_message_id != ""
    assert message.provider_message_id == str(mail.outbox[0].anymail_status.message_id)


def test_a_temporary_failure_retries_with_backoff_then_fails_with_the_error(settings):
    settings.EMAIL_BACKEND = "tests.notifications.backends.DownBackend"
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 3
    settings.NOTIFICATIONS_RETRY_BASE_SECONDS = 30
    message = MessageFactory()
    with pytest.raises(TemporarySendError) as first:
        message_deliver(message_id=message.pk)
    message.refresh_from_db()
    assert (message.status, message.attempts, first.value.retry_in) == (S.QUEUED, 1, 30)
    assert message.not_before > timezone.now()
    with pytest.raises(TemporarySendError) as second:
        message_deliver(message_id=message.pk)
    assert second.value.retry_in == 60
    message_deliver(message_id=message.pk)  # the last attempt gives up instead of raising
    message.refresh_from_db()
    assert message.status == S.FAILED
    assert message.attempts == 3
    assert "SMTPServerDisconnected: Connection unexpectedly closed" in message.last_error


def test_the_celery_task_retries_until_the_row_is_failed(settings):
    settings.EMAIL_BACKEND = "tests.notifications.backends.DownBackend"
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 4
    message = MessageFactory()
    message_deliver_task.apply(args=[message.pk])
    message.refresh_from_db()
    assert (message.status, message.attempts) == (S.FAILED, 4)
    assert "SMTPServerDisconnected" in message.last_error
    assert mail.outbox == []


def test_a_refused_recipient_fails_at_once(settings):
    settings.EMAIL_BACKEND = "tests.notifications.backends.RefusingBackend"
    message = MessageFactory()
    message_deliver(message_id=message.pk)
    message.refresh_from_db()
    assert (message.status, message.attempts) == (S.FAILED, 1)
    assert "AnymailRecipientsRefused" in message.last_error


def test_a_message_already_taken_is_not_sent_again():
    message = MessageFactory()
    assert message_deliver(message_id=message.pk).status == S.SENT
    assert message_deliver(message_id=message.pk) is None
    assert len(mail.outbox) == 1


def test_the_sweep_requeues_lost_rows_and_sends_them(run_on_commit):
    with time_machine.travel("2026-03-02 08:00 +01:00", tick=False):
        lost = MessageFactory()
        stuck = MessageFactory(status=S.SENDING, attempts=1, sending_started_at=timezone.now())
        fresh_time = timezone.now() + timezone.timedelta(seconds=110)
    with time_machine.travel(fresh_time, tick=False):
        fresh = MessageFactory()
        with run_on_commit():
            assert message_sweep() == 1  # only the row queued more than a minute ago
    lost.refresh_from_db()
    assert lost.status == S.SENT
    assert fresh.status == S.QUEUED
    later = fresh_time + timezone.timedelta(minutes=15)
    with time_machine.travel(later, tick=False), run_on_commit():
        message_sweep()
    stuck.refresh_from_db()
    fresh.refresh_from_db()
    assert (stuck.status, stuck.attempts) == (S.SENT, 2)
    assert fresh.status == S.SENT
    assert len(mail.outbox) == 3
