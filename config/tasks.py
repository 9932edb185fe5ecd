"""Tasks that belong to the deployment itself rather than to a domain app."""

from celery import shared_task


@shared_task(name="config.tasks.health_check")
def health_check() -> str:
    """Answers "ok" when a worker takes tasks from the broker and stores results."""
    return "ok"
