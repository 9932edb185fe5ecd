"""Handing a task to the Celery broker after commit, with a circuit breaker.

A request may publish several tasks (the receipt's e-mails, the PDF of what was sent, the
board's notices). A broker that is down or hung costs the first publish its timeout; the
breaker then stays open for CELERY_PUBLISH_PAUSE seconds and every publish in that time
returns at once, so a request pays one bounded wait however many tasks it has. Nothing is
lost: whatever was not published is still in the database (an outbox row still queued, a
letter not yet made, a PDF not yet rendered) and its sweep, or its first reader, does it.
"""

import logging
import threading
import time

from django.conf import settings

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_open_until: dict[str, float] = {}  # broker URL → monotonic time the breaker closes


def _broker(task) -> str:
    return str(task.app.conf.broker_url or "")


def publish_breaker_reset() -> None:
    """Close every breaker (a new broker configured, a test starting afresh)."""
    with _lock:
        _open_until.clear()


def publish_breaker_open(task) -> bool:
    """True while publishes to `task`'s broker are skipped after a failure."""
    with _lock:
        return time.monotonic() < _open_until.get(_broker(task), 0.0)


def task_publish(*, task, args: list, what: str) -> bool:
    """Publish `task(*args)`; True when the broker took it. False when the breaker is open
    or the broker failed (the breaker then opens); `what` names it in the log."""
    eager = task.app.conf.task_always_eager  # runs here: no broker to guard
    broker = _broker(task)
    if not eager and publish_breaker_open(task):
        logger.info("Broker unavailable a moment ago; %s is left for its sweep.", what)
        return False
    try:
        task.apply_async(args=args, retry=False)
    except Exception as exc:  # the broker, not the change, failed
        if not eager:
            with _lock:
                _open_until[broker] = time.monotonic() + settings.CELERY_PUBLISH_PAUSE
        logger.warning(
            "Could not publish %s; publishes pause for %s s and sweeps send later: %s",
            what,
            settings.CELERY_PUBLISH_PAUSE,
            exc,
        )
        return False
    return True
