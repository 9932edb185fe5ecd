"""Celery tasks of the case flow: thin, they call one service."""

from celery import shared_task


@shared_task(ignore_result=True)
def tilsagn_bortfall_task() -> int:
    """Commitments not accepted in time lapse; the flow follows through the hooks."""
    from soknader.behandling.vedtak import tilsagn_bortfall_sweep

    return tilsagn_bortfall_sweep()
