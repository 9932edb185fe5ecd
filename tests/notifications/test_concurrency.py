"""Two schedulers sweeping at once on PostgreSQL send every reminder exactly once."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from notifications.models import Deadline, Message, Reminder
from notifications.services import reminder_sweep
from notifications.services import reminders as reminder_services

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
DUE_REMINDERS = 300
BATCH = 25


def test_two_sweeps_at_once_send_each_reminder_exactly_once(monkeypatch):
    now = timezone.now()
    deadlines = Deadline.objects.bulk_create(
        Deadline(
            kind="statusrapport",
            title=f"Statusrapport {i}",
            email=f"p{i}@example.no",
            due_at=now + timedelta(days=1),
            key=f"frist:{i}",
        )
        for i in range(DUE_REMINDERS)
    )
    Reminder.objects.bulk_create(
        Reminder(
            deadline=d, kind=Reminder.Kind.BEFORE, offset_days=1, send_at=now - timedelta(minutes=1)
        )
        for d in deadlines
    )

    # Each sweep holds the locks of its first claimed batch until the other sweep has
    # claimed one too: the second claim runs while the first batch is locked and must
    # skip it, and both sweeps have work however the threads are scheduled.
    both_claimed = threading.Barrier(2, timeout=30)
    first_batch = threading.local()
    send_many = reminder_services.messages_send_many

    def send_after_both_claimed(specs):
        if not getattr(first_batch, "passed", False):
            first_batch.passed = True
            both_claimed.wait()
        return send_many(specs)

    monkeypatch.setattr(reminder_services, "messages_send_many", send_after_both_claimed)

    start = threading.Barrier(2, timeout=10)
    handled, errors = [], []

    def sweep():
        try:
            start.wait()
            handled.append(reminder_sweep(batch_size=BATCH))
        except Exception as exc:  # noqa: BLE001  (reported below)
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert sum(handled) == DUE_REMINDERS  # no reminder claimed by both
    assert min(handled) >= BATCH, handled  # both really swept, side by side
    assert Message.objects.count() == DUE_REMINDERS
    assert Reminder.objects.filter(status=Reminder.Status.SENT).count() == DUE_REMINDERS
    assert len(mail.outbox) == DUE_REMINDERS
    assert len({m.to[0] for m in mail.outbox}) == DUE_REMINDERS
