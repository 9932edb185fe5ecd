"""The reminder sweep: time and queries with 10 000 and 100 000 open deadlines, 1 000 due.

Target (issue 3): under 2 seconds, and a query count that does not grow with the
number of open deadlines (only with the due reminders, in batches).
"""

import time
from datetime import timedelta

from bench.common import is_postgres, report, throwaway_database

DUE = 1_000
SIZES = (10_000, 100_000)


def _fill(open_deadlines: int, now) -> None:
    from notifications.models import Deadline, Reminder

    deadlines = Deadline.objects.bulk_create(
        (
            Deadline(
                kind="statusrapport",
                title=f"Statusrapport {i}",
                email=f"prosjekt{i}@example.no",
                # The first DUE deadlines are 14 days away: their "14 days before" is due now.
                due_at=now + timedelta(days=14 if i < DUE else 30 + i % 300, minutes=-1),
                key=f"bench:{i}",
            )
            for i in range(open_deadlines)
        ),
        batch_size=5_000,
    )
    reminders = []
    for deadline in deadlines:
        reminders.append(
            Reminder(
                deadline=deadline,
                kind=Reminder.Kind.BEFORE,
                offset_days=14,
                send_at=deadline.due_at - timedelta(days=14),
            )
        )
        reminders.append(
            Reminder(
                deadline=deadline,
                kind=Reminder.Kind.AFTER,
                offset_days=1,
                send_at=deadline.due_at + timedelta(days=1),
            )
        )
    Reminder.objects.bulk_create(reminders, batch_size=10_000)


def _empty() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE notifications_reminder, notifications_deadline, "
            "notifications_attachment, notifications_message"
        )


def _sweep_once(open_deadlines: int) -> tuple[float, int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from notifications.models import Message
    from notifications.services import reminder_sweep

    now = timezone.now()
    _fill(open_deadlines, now)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE notifications_reminder; ANALYZE notifications_deadline")
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        handled = reminder_sweep(now=now)
        seconds = time.perf_counter() - start
    assert handled == DUE, handled
    assert Message.objects.count() == DUE
    _empty()
    return seconds, len(queries), handled


def main() -> None:
    if not is_postgres():
        print("bench_notifications measures PostgreSQL: set DATABASE_URL to a PostgreSQL server.")
        return
    from config.celery import app as celery_app

    # Measure the sweep and the hand-over to a broker, not the sending of 1 000 e-mails.
    saved = celery_app.conf.task_always_eager, celery_app.conf.broker_url
    celery_app.conf.task_always_eager, celery_app.conf.broker_url = False, "memory://"
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    counts = {}
    try:
        with throwaway_database():
            for size in SIZES:
                seconds, queries, handled = _sweep_once(size)
                counts[size] = queries
                report(
                    f"reminder sweep, {size:_} open deadlines, {DUE:_} due".replace("_", " "),
                    seconds * 1000,
                    "ms",
                    f"({queries} queries, {handled} reminders sent)",
                )
    finally:
        celery_app.conf.task_always_eager, celery_app.conf.broker_url = saved
        celery_app._pool = None
        celery_app.amqp._producer_pool = None
    if len(set(counts.values())) == 1:
        print(f"query count is the same at every size: {counts[SIZES[0]]}")
    else:
        print(f"query count changed with the number of open deadlines: {counts}")
