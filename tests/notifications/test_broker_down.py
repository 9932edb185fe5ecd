"""A change made while the broker refuses connections commits; its e-mail waits for the sweep."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from handlingsplan.models import Postering
from handlingsplan.roles import Rolle
from handlingsplan.services import pot_reallocate
from notifications.models import Message
from notifications.services import message_sweep
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

    # The clock runs here: the client's connection timeout needs time to pass.
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
