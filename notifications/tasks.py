"""Celery tasks: thin, they take ids and call one service."""

import logging

from celery import shared_task

from notifications import services

logger = logging.getLogger(__name__)


@shared_task(bind=True, acks_late=True, max_retries=None, ignore_result=True)
def message_deliver_task(self, message_id: int) -> None:
    """Send one outbox row. The row counts the attempts; the service decides when to give up."""
    try:
        services.message_deliver(message_id=message_id)
    except services.TemporarySendError as exc:
        raise self.retry(countdown=exc.retry_in, exc=exc) from exc


@shared_task(ignore_result=True)
def outbox_sweep_task() -> int:
    """Re-enqueue e-mails whose task was lost (broker down, worker died)."""
    return services.message_sweep()


@shared_task(ignore_result=True)
def reminder_sweep_task() -> int:
    return services.reminder_sweep()


@shared_task(ignore_result=True)
def digest_daily_task() -> int:
    return services.digest_send_daily()
