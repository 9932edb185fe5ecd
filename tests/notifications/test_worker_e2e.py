"""A real Celery worker on Redis sends the e-mail a real change in the product caused:
an applicant's receipt after `soknad_submit`, and the board's notice of a reallocation.

The worker is a separate process (not eager mode) on a queue of its own, with the
file-based mail backend writing into the test's own directory (its var dir, given
through the environment), and the test's PostgreSQL database (the worker must see
the committed rows).
"""

import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from felles.roles import Rolle
from notifications.models import Message
from notifications.services import message_sweep
from soknader.services import soknad_submit
from tests.factories import HandlingsplanFactory, PotFactory, staff_user
from tests.settings_probe import base_env
from tests.soknader.factories import draft_complete

from .conftest import celery_broker

pytestmark = [
    pytest.mark.redis,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]
REPO = Path(__file__).resolve().parents[2]
WAIT_SECONDS = 60


def database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@contextmanager
def worker(tmp_path: Path, queue: str):
    env = base_env(
        tmp_path,
        DATABASE_URL=database_url(),
        REDIS_URL=settings.REDIS_URL,
        SITE_URL="https://omstilling.example",
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
    )
    log = tmp_path / "worker.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--pool=solo",
                "-Q",
                queue,
                "-n",
                f"{queue}@%h",
                "--without-mingle",
                "--without-gossip",
                "--loglevel=INFO",
            ],
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        yield log
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def wait_until_sent(rows, log: Path) -> None:
    """Poll the rows the worker updates (a separate process: there is no clock to move)."""
    deadline = timezone.now() + timedelta(seconds=WAIT_SECONDS)
    while timezone.now() < deadline:
        if not rows.exclude(status=Message.Status.SENT).exists():
            return
        connection.close()  # a fresh snapshot on the next query
        time.sleep(0.2)
    statuses = list(rows.values_list("status", "last_error"))
    pytest.fail(f"not sent within {WAIT_SECONDS}s: {statuses}\n--- worker ---\n{log.read_text()}")


def reallocate():
    programleder = staff_user(Rolle.PROGRAMLEDER, first_name="Pia", last_name="Leder")
    plan = HandlingsplanFactory()
    source = PotFactory(strategi__handlingsplan=plan, fylt=500_000)
    target = PotFactory(strategi__handlingsplan=plan, fylt=0)
    from handlingsplan.services import pot_reallocate

    with transaction.atomic():
        return pot_reallocate(
            from_pot=source,
            to_pot=target,
            amount=75_000,
            reason="Mer til næringsutvikling",
            reference="PS 14/26",
            by=programleder,
        )


def mail_files(tmp_path: Path) -> str:
    return "\n".join(p.read_text() for p in sorted((tmp_path / "mail").glob("*.log")))


def test_a_real_worker_sends_the_receipt_of_a_submitted_application(tmp_path, settings):
    settings.ENHETSREGISTERET_URL = "http://127.0.0.1:9/api"  # nothing listens: no look-up
    draft = draft_complete(epost="kari@bedrift.example", tittel="Sensorer for fjellgårder")
    queue = f"notifications-e2e-{uuid.uuid4().hex[:8]}"
    with worker(tmp_path, queue) as log, celery_broker(settings.REDIS_URL, queue=queue):
        with transaction.atomic():  # as the form's request does
            soknad = soknad_submit(soknad=draft)
        rows = Message.objects.filter(template="receipt", case_id=soknad.pk)
        assert sorted(rows.values_list("to_email", flat=True)) == [
            "kari@bedrift.example",
            "ola@bedrift.example",
        ]
        wait_until_sent(rows, log)

    for row in rows:
        assert row.status == Message.Status.SENT and row.sent_at and row.attempts == 1
        assert row.subject == "Vi har mottatt søknaden din: Sensorer for fjellgårder"
    written = mail_files(tmp_path)
    assert written.count("To: kari@bedrift.example") == 1
    assert written.count("To: ola@bedrift.example") == 1
    assert written.count(f"Saksnummeret er {soknad.saksnummer}.") == 4  # text and HTML, twice
    assert f"https://omstilling.example/min-side/sak/{soknad.saksnummer}/" in written


def test_a_real_worker_sends_the_mail_of_a_reallocation(tmp_path):
    staff_user(Rolle.STYRELEDER, email="styreleder@omstilling.no")
    queue = f"notifications-e2e-{uuid.uuid4().hex[:8]}"
    with worker(tmp_path, queue) as log, celery_broker(settings.REDIS_URL, queue=queue):
        reallocate()
        rows = Message.objects.filter(template="pot_reallocated")
        assert rows.count() == 1
        wait_until_sent(rows, log)
    written = mail_files(tmp_path)
    assert "To: styreleder@omstilling.no" in written
    assert "Pia Leder har omfordelt 75 000 kr" in written
    assert rows.get().sent_at is not None


def test_mail_queued_while_the_broker_was_down_is_sent_once_it_is_back(tmp_path):
    staff_user(Rolle.STYRELEDER, email="styreleder@omstilling.no")
    with celery_broker("redis://127.0.0.1:1/0", queue="nowhere"):
        reallocate()
    rows = Message.objects.filter(template="pot_reallocated")
    assert list(rows.values_list("status", flat=True)) == [Message.Status.QUEUED]

    queue = f"notifications-e2e-{uuid.uuid4().hex[:8]}"
    with worker(tmp_path, queue) as log, celery_broker(settings.REDIS_URL, queue=queue):
        # The beat's sweep a couple of minutes later (its clock passed in, not the worker's).
        assert message_sweep(now=timezone.now() + timedelta(minutes=2)) == 1
        wait_until_sent(rows, log)
    assert mail_files(tmp_path).count("To: styreleder@omstilling.no") == 1
