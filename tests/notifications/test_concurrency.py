"""Two schedulers sweeping at once on PostgreSQL send every reminder exactly once."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from notifications.models import Deadline, Message, Reminder
from notifications.services import reminder_sweep

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
DUE_REMINDERS = 300


def test_two_sweeps_at_once_send_each_reminder_exactly_once():
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
    barrier = threading.Barrier(2)
    handled, errors = [], []

    def sweep():
        try:
            barrier.wait(timeout=10)
            handled.append(reminder_sweep(batch_size=25))
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
    assert all(count > 0 for count in handled), handled  # both really swept
    assert Message.objects.count() == DUE_REMINDERS
    assert Reminder.objects.filter(status=Reminder.Status.SENT).count() == DUE_REMINDERS
    assert len(mail.outbox) == DUE_REMINDERS
    assert len({m.to[0] for m in mail.outbox}) == DUE_REMINDERS
