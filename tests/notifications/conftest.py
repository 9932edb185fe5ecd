import contextlib

import pytest

from config.celery import app as celery_app
from felles.publisering import publish_breaker_reset


@contextlib.contextmanager
def celery_broker(url: str, *, eager: bool = False, queue: str | None = None):
    """Point the Celery app at another broker (and queue) for a while; pools are reset.

    Timeouts and retries stay those of config/settings.py: the tests measure them.
    """
    conf = celery_app.conf
    saved = (conf.broker_url, conf.task_always_eager, conf.task_routes)

    def reset():
        publish_breaker_reset()  # a new broker: its breaker starts closed
        celery_app._pool = None
        celery_app.amqp._producer_pool = None
        celery_app.amqp.__dict__.pop("router", None)
        celery_app.amqp.flush_routes()

    conf.broker_url, conf.task_always_eager = url, eager
    conf.task_routes = {"notifications.tasks.*": {"queue": queue}} if queue else None
    reset()
    try:
        yield
    finally:
        conf.broker_url, conf.task_always_eager, conf.task_routes = saved
        reset()


@pytest.fixture(autouse=True)
def eager_celery(settings):
    """Tasks run in-process in these tests unless a test points at a real broker."""
    settings.SITE_URL = "https://omstilling.example"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with celery_broker("memory://", eager=True):
        yield


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run a block like a request: its after-commit work (enqueue → eager send) runs at the end."""

    @contextlib.contextmanager
    def block():
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            yield callbacks

    return block
