"""The decision letter is made by a worker after the decision commits: the decision itself
renders no PDF. When the broker does not take the task, the sweep makes the letter later,
once, with its e-mail."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from workflow.models import Brev
from workflow.services import vedtak_brev_sweep

from .conftest import innstilling_data, templates_sent
from .test_flow_cases import APPLICANT, _refresh

pytestmark = [pytest.mark.django_db, pytest.mark.letters_queued]


def _delegated_grant(world, perform):
    sak, process = world.submit()
    perform(process, "kontroll", world.programleder, {"utfall": "komplett"})
    perform(process, "vurdering", world.programleder, innstilling_data(world, belop=80_000))
    perform(process, "delegert_vedtak", world.programleder, {})
    _refresh(sak)
    return sak


def test_a_decision_hands_its_letter_to_the_worker(world, perform, monkeypatch):
    queued = []
    monkeypatch.setattr(
        "workflow.tasks.vedtak_brev_task.apply_async",
        lambda args, retry: queued.append(tuple(args)),
    )
    sak = _delegated_grant(world, perform)
    assert queued == [(sak.vedtak.pk, world.programleder.pk)]
    assert not Brev.objects.filter(sak=sak).exists()
    assert "decision_letter" not in templates_sent(APPLICANT)


def test_the_sweep_makes_a_letter_whose_task_never_ran(world, perform, monkeypatch):
    def broker_down(args, retry):
        raise ConnectionError("broker down")

    monkeypatch.setattr("workflow.tasks.vedtak_brev_task.apply_async", broker_down)
    sak = _delegated_grant(world, perform)  # the decision stands although the broker failed
    assert sak.vedtak.innvilget and not Brev.objects.filter(sak=sak).exists()
    assert vedtak_brev_sweep() == 0  # too soon: the task may still run
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        assert vedtak_brev_sweep() == 1
        assert vedtak_brev_sweep() == 0
    assert sak.brev.get().type == "tilsagnsbrev"
    assert templates_sent(APPLICANT).count("decision_letter") == 1
