"""Settings of the notifications app, each with a default that `make run` can live with."""

from datetime import timedelta

from django.conf import settings


def max_attempts() -> int:
    return int(getattr(settings, "NOTIFICATIONS_MAX_ATTEMPTS", 5))


def retry_base_seconds() -> int:
    return int(getattr(settings, "NOTIFICATIONS_RETRY_BASE_SECONDS", 30))


def retry_max_seconds() -> int:
    return int(getattr(settings, "NOTIFICATIONS_RETRY_MAX_SECONDS", 3600))


def requeue_after() -> timedelta:
    """A row still queued this long after it was due has lost its task (broker down)."""
    return timedelta(seconds=int(getattr(settings, "NOTIFICATIONS_REQUEUE_AFTER_SECONDS", 60)))


def sending_timeout() -> timedelta:
    """A row still `sending` this long lost its worker mid-send."""
    return timedelta(seconds=int(getattr(settings, "NOTIFICATIONS_SENDING_TIMEOUT_SECONDS", 600)))


def reminder_batch_size() -> int:
    return int(getattr(settings, "NOTIFICATIONS_REMINDER_BATCH_SIZE", 1000))


def site_url() -> str:
    return settings.SITE_URL.rstrip("/")
