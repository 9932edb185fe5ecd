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


def webhook_max_age_seconds() -> int:
    """A signed webhook payload older than this (or as far ahead) is refused as a replay."""
    return int(getattr(settings, "NOTIFICATIONS_WEBHOOK_MAX_AGE", 300))


def site_url() -> str:
    return settings.SITE_URL.rstrip("/")
