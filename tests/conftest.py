import pytest
from django.db import connection, transaction


def pytest_collection_modifyitems(config, items):
    """Tests that need PostgreSQL or Redis are skipped, with the reason, without them."""
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"]
    skips = {}
    if not engine.endswith("postgresql"):
        skips["postgres"] = pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL (CI does)")
    if not settings.REDIS_URL:
        skips["redis"] = pytest.mark.skip(reason="needs Redis: set REDIS_URL (CI does)")
    for item in items:
        for marker, skip in skips.items():
            if marker in item.keywords:
                item.add_marker(skip)


@pytest.fixture(autouse=True, scope="session")
def _cache_of_the_test_process():
    """Tests count in their own process's memory, never in the Redis or the folder that a
    running app (or the Celery broker beside it) uses: tests empty the cache."""
    from django.test import override_settings

    with override_settings(
        CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    ):
        yield


@pytest.fixture
def is_postgres():
    return connection.vendor == "postgresql"


@pytest.fixture(autouse=True)
def _etter_commit_as_in_production(monkeypatch):
    """In a test wrapped in a transaction nothing ever commits, so work scheduled with
    felles.transaksjon.etter_commit runs when the outermost atomic block that is not the
    test's own exits: where production would commit."""
    original_exit = transaction.Atomic.__exit__

    def exit_then_run(self, exc_type, exc_value, traceback):
        result = original_exit(self, exc_type, exc_value, traceback)
        blocks = connection.atomic_blocks
        if exc_type is None and blocks and all(b._from_testcase for b in blocks):
            pending = [e for e in connection.run_on_commit if getattr(e[1], "_etter_commit", 0)]
            connection.run_on_commit = [e for e in connection.run_on_commit if e not in pending]
            for _sids, func, _robust in pending:
                func()
        return result

    monkeypatch.setattr(transaction.Atomic, "__exit__", exit_then_run)


@pytest.fixture(autouse=True)
def _worker_makes_letters_at_once(request, monkeypatch):
    """A decision letter is made by a worker after commit; tests see it made at once, as a
    worker would make it. Tests marked `letters_queued` keep the real hand-over."""
    if request.node.get_closest_marker("letters_queued"):
        return
    from workflow.services import omgjoring_brev_send, vedtak_brev_send

    monkeypatch.setattr(
        "workflow.tasks.vedtak_brev_enqueue",
        lambda vedtak_id, by_id: vedtak_brev_send(vedtak_id=vedtak_id, by_id=by_id),
    )
    monkeypatch.setattr(
        "workflow.tasks.omgjoring_brev_enqueue",
        lambda pk, by_id: omgjoring_brev_send(omgjoring_id=pk, by_id=by_id),
    )


@pytest.fixture(autouse=True)
def _each_test_starts_in_bokmal():
    """A request in English leaves English active in the test's thread; each test starts in
    the site's language, as each request in production does."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
