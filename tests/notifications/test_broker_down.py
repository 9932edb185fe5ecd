"""A change made while the broker refuses connections commits; its e-mail waits for the sweep."""

import socket
import time
from contextlib import contextmanager
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from felles.roles import Rolle
from handlingsplan.models import Postering
from handlingsplan.services import pot_reallocate
from notifications.models import Message
from notifications.services import message_send, message_sweep
from tests.factories import HandlingsplanFactory, PotFactory, staff_user

from .conftest import celery_broker

pytestmark = pytest.mark.django_db
REFUSING_BROKER = "redis://127.0.0.1:1/0"


def reallocate(programleder):
    plan = HandlingsplanFactory()
    source = PotFactory(strategi__handlingsplan=plan, fylt=500_000)
    target = PotFactory(strategi__handlingsplan=plan, fylt=0)
    return pot_reallocate(
        from_pot=source,
        to_pot=target,
        amount=120_000,
        reason="Flere søknader om reiseliv",
        reference="PS 12/26",
        by=programleder,
    )


def test_a_reallocation_while_the_broker_is_down_is_sent_by_the_sweep_later(run_on_commit):
    programleder = staff_user(Rolle.PROGRAMLEDER, first_name="Pia", last_name="Leder")
    staff_user(Rolle.STYRELEDER, email="styreleder@omstilling.no")
    staff_user(Rolle.OBSERVATOR, email="observator@omstilling.no")
    changed_at = timezone.now()

    # The clock runs here: the client's connection attempt is real.
    with celery_broker(REFUSING_BROKER), run_on_commit():
        out, _into = reallocate(programleder)

    assert Postering.objects.filter(pk=out.pk).exists()  # the change itself went through
    rows = Message.objects.filter(template="pot_reallocated")
    assert sorted(rows.values_list("to_email", "status")) == [
        ("observator@omstilling.no", "queued"),
        ("styreleder@omstilling.no", "queued"),
    ]
    assert mail.outbox == []

    # The broker is back; the beat's sweep finds the rows that waited over a minute.
    with time_machine.travel(changed_at + timedelta(seconds=30), tick=False), run_on_commit():
        assert message_sweep() == 0
    with time_machine.travel(changed_at + timedelta(minutes=2), tick=False), run_on_commit():
        assert message_sweep() == 2
    assert set(rows.values_list("status", flat=True)) == {"sent"}
    assert sorted(m.to[0] for m in mail.outbox) == [
        "observator@omstilling.no",
        "styreleder@omstilling.no",
    ]
    assert mail.outbox[0].subject.startswith("Omfordeling: 120 000 kr fra ")
    assert "Pia Leder har omfordelt 120 000 kr" in mail.outbox[0].body
    with time_machine.travel(changed_at + timedelta(minutes=10), tick=False), run_on_commit():
        assert message_sweep() == 0
    assert len(mail.outbox) == 2


def timed_send_and_commit(run_on_commit, key: str) -> float:
    """What a request pays: the row, the commit and the enqueue after it."""
    started = time.perf_counter()
    with run_on_commit():
        message_send(
            to="kari@bedrift.example",
            template="login_link",
            key=key,
            context={"url": "https://omstilling.example/min-side/", "valid_minutes": 30},
        )
    return time.perf_counter() - started


def test_a_refusing_broker_costs_the_request_well_under_a_second(run_on_commit):
    # The first enqueue also builds the producer pool; each one must be quick.
    with celery_broker(REFUSING_BROKER):
        seconds = [timed_send_and_commit(run_on_commit, f"refused:{i}") for i in range(3)]
    assert max(seconds) < 1.5, seconds  # kombu's defaults took about 6 s each
    assert set(Message.objects.values_list("status", flat=True)) == {Message.Status.QUEUED}
    assert mail.outbox == []


@contextmanager
def silent_broker():
    """A server that takes the connection and never answers (a hung broker, a dead link)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)  # the kernel completes connections; nobody reads or writes
    try:
        yield f"redis://127.0.0.1:{server.getsockname()[1]}/0"
    finally:
        server.close()


def test_a_broker_that_never_answers_costs_the_request_its_socket_timeout_only(
    run_on_commit, settings
):
    with silent_broker() as url, celery_broker(url):
        seconds = timed_send_and_commit(run_on_commit, "hung")
    limit = settings.CELERY_BROKER_TRANSPORT_OPTIONS["socket_timeout"]
    assert seconds < limit + 1.5, seconds  # without a socket timeout it waited for ever
    assert Message.objects.get(key="hung").status == Message.Status.QUEUED
