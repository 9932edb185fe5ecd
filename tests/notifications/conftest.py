import contextlib

import pytest

from config.celery import app as celery_app


@contextlib.contextmanager
def celery_broker(url: str, *, eager: bool = False):
    """Point the Celery app at another broker for a while (connection pools reset)."""
    conf = celery_app.conf
    saved = (conf.broker_url, conf.task_always_eager, conf.broker_connection_timeout)

    def reset():
        celery_app._pool = None
        celery_app.amqp._producer_pool = None

    conf.broker_url, conf.task_always_eager = url, eager
    conf.broker_connection_timeout = 1
    reset()
    try:
        yield
    finally:
        conf.broker_url, conf.task_always_eager, conf.broker_connection_timeout = saved
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
