"""Celery tasks of the case flow: thin, they take ids and call one service."""

import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task(ignore_result=True)
def tilsagn_bortfall_task() -> int:
    """Commitments not accepted in time lapse; their flows follow."""
    from workflow.services import tilsagn_lapse_sweep

    return tilsagn_lapse_sweep()


@shared_task(ignore_result=True)
def workflow_timers_task() -> int:
    """viewflow's database-backed timers (the board's vote deadline) fire from here."""
    from viewflow.workflow.timers import fire_due_timers

    return fire_due_timers()


@shared_task(name="workflow.tasks.vedtak_brev_task", acks_late=True, ignore_result=True)
def vedtak_brev_task(vedtak_id: int, by_id: int | None = None) -> None:
    """Render the decision letter and send it with the decision e-mail."""
    from workflow.services import vedtak_brev_send

    vedtak_brev_send(vedtak_id=vedtak_id, by_id=by_id)


@shared_task(ignore_result=True)
def vedtak_brev_sweep_task() -> int:
    """Letters of decisions whose task never ran (the broker was down): made now."""
    from workflow.services import omgjoring_brev_sweep, vedtak_brev_sweep

    return vedtak_brev_sweep() + omgjoring_brev_sweep()


def vedtak_brev_enqueue(vedtak_id: int, by_id: int | None) -> None:
    """Hand the letter to a worker; if the broker does not answer, the sweep makes it."""
    from felles.publisering import task_publish

    task_publish(task=vedtak_brev_task, args=[vedtak_id, by_id], what=f"letter {vedtak_id}")


@shared_task(name="workflow.tasks.omgjoring_brev_task", acks_late=True, ignore_result=True)
def omgjoring_brev_task(omgjoring_id: int, by_id: int | None = None) -> None:
    """Render the letter cancelling a grant and send it."""
    from workflow.services import omgjoring_brev_send

    omgjoring_brev_send(omgjoring_id=omgjoring_id, by_id=by_id)


def omgjoring_brev_enqueue(omgjoring_id: int, by_id: int | None) -> None:
    from felles.publisering import task_publish

    task_publish(
        task=omgjoring_brev_task, args=[omgjoring_id, by_id], what=f"cancellation {omgjoring_id}"
    )
