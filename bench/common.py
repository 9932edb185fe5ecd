"""Shared set-up for the benchmarks: Django on a throw-away PostgreSQL database."""

import contextlib
import os
import threading
import time

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/omstilling_bench"


def setup_django() -> None:
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # Measure the web and service paths: tasks are published to an in-process broker and
    # not run inline (in production a worker renders PDFs and sends e-mail).
    os.environ.setdefault("CELERY_BROKER_URL", "memory://")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()


def is_postgres() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"


@contextlib.contextmanager
def throwaway_database():
    """A fresh, migrated test_<name> database, dropped afterwards; developers' data is untouched."""
    from django.db import connection

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        yield
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run_threads(n: int, work) -> tuple[float, list]:
    """Run work(i) in n threads started together; return (seconds, errors)."""
    from django.db import connection

    barrier = threading.Barrier(n + 1)
    errors = []

    def worker(i):
        try:
            barrier.wait()
            work(i)
        except Exception as exc:  # reported by the caller
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    barrier.wait()
    start = time.perf_counter()
    for t in threads:
        t.join()
    return time.perf_counter() - start, errors


def report(name: str, value: float, unit: str, detail: str = "") -> None:
    number = f"{value:,.1f}".replace(",", " ")
    print(f"{name:<58} {number:>12} {unit}  {detail}".rstrip(), flush=True)
