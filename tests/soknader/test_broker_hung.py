"""A hung broker costs a submission one bounded wait, not one per task, and loses nothing."""

import time
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from felles.publisering import publish_breaker_open
from felles.roles import Rolle
from notifications.models import Message
from notifications.services import message_sweep
from notifications.tasks import message_deliver_task
from soknader import services
from soknader.models import InnsendtSoknadPdf
from soknader.services.innsending import innsendt_pdf_ensure
from tests.factories import staff_user
from tests.notifications.conftest import celery_broker
from tests.notifications.test_broker_down import silent_broker

from .factories import draft_complete

pytestmark = pytest.mark.django_db


def test_a_submit_with_a_hung_broker_waits_once_and_the_sweep_sends_later(
    django_capture_on_commit_callbacks, settings
):
    staff_user(Rolle.PROGRAMLEDER, email="programleder@omstilling.no")
    draft = draft_complete(epost="kari@a.example")
    socket_timeout = settings.CELERY_BROKER_TRANSPORT_OPTIONS["socket_timeout"]

    with silent_broker() as url, celery_broker(url):
        started = time.perf_counter()
        with django_capture_on_commit_callbacks(execute=True):
            submitted = services.soknad_submit(soknad=draft)
        seconds = time.perf_counter() - started
        assert publish_breaker_open(message_deliver_task)  # further publishes skip
    submitted_at = timezone.now()

    # The receipt to two people, the PDF, the case's notices: each publish used to wait
    # for the socket's timeout in turn (3.2 s); now the first one waits and the rest skip.
    assert seconds < socket_timeout + 0.5, seconds
    rows = Message.objects.filter(template="receipt")
    assert rows.count() == 2
    assert set(Message.objects.values_list("status", flat=True)) == {Message.Status.QUEUED}
    assert mail.outbox == []

    # Nothing is lost: the broker is back, the sweep sends every row, the PDF is made on read.
    later = submitted_at + timedelta(minutes=2)
    with (
        celery_broker("memory://", eager=True),
        time_machine.travel(later, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        swept = message_sweep()
    assert swept == Message.objects.count()
    assert set(Message.objects.values_list("status", flat=True)) == {Message.Status.SENT}
    assert {"kari@a.example", "ola@bedrift.example"} <= {m.to[0] for m in mail.outbox}
    assert not InnsendtSoknadPdf.objects.exists()
    pdf = innsendt_pdf_ensure(innsendt=submitted.innsendt_kopi)
    assert bytes(pdf.innhold).startswith(b"%PDF")
