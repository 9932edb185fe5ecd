"""Celery tasks of the project app: thin, they take ids and call one service."""

from celery import shared_task


@shared_task(name="plp.tasks.fase_opprett_task", acks_late=True, ignore_result=True)
def fase_opprett_task(sak_id: int) -> None:
    """Open the phase (and the project) an accepted grant funds."""
    from plp.services import fase_opprett
    from workflow.models import Sak

    fase_opprett(sak=Sak.objects.get(pk=sak_id))


@shared_task(ignore_result=True)
def fase_opprett_sweep_task() -> int:
    """Phases of accepted grants whose task never ran (the broker was down): opened now."""
    from plp.services import fase_opprett_sweep

    return fase_opprett_sweep()


@shared_task(ignore_result=True)
def oppstart_sweep_task() -> int:
    """Phases not started by their start deadline, and phases past their last payout
    deadline with money left: the notice, then the lapse."""
    from plp.services import oppstart_sweep, rest_sweep

    return oppstart_sweep() + rest_sweep()


def fase_opprett_enqueue(sak_id: int) -> None:
    """Hand the new phase to a worker; if the broker does not answer, the sweep opens it."""
    from felles.publisering import task_publish

    task_publish(task=fase_opprett_task, args=[sak_id], what=f"project phase of case {sak_id}")


@shared_task(ignore_result=True)
def prosjektsak_oppgaver_sweep_task() -> int:
    """Open cases of projects without an inbox task (opened before cases had one) get one."""
    from plp.services.saksflyt import prosjektsak_oppgaver_sweep

    return prosjektsak_oppgaver_sweep()
