"""A real Celery worker and beat, started as the deployment starts them (`celery -A config ...`).

The first tests need no server: the filesystem:// broker under OMSTILLING_VAR_DIR and a file://
result backend. The Redis test does the same against REDIS_URL (CI sets it).
"""

import subprocess
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings

from tests.settings_probe import PYTHON, REPO, base_env, run_python

STARTUP_TIMEOUT = 60
RESULT_TIMEOUT = 60

_SEND_HEALTH_CHECK = """
import sys
import django

django.setup()
from config.tasks import health_check

print(health_check.apply_async(queue=sys.argv[1]).get(timeout=float(sys.argv[2])))
"""


@contextmanager
def celery_process(env: dict[str, str], log: Path, *args: str):
    """`celery -A config <args>` in the background, stopped (warm shutdown) on exit."""
    with log.open("w") as out:
        process = subprocess.Popen(
            [PYTHON, "-m", "celery", "-A", "config", *args],
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def health_check_through_worker(env: dict[str, str], tmp_path: Path) -> str:
    """Start a worker on a queue of its own, send health_check to it, return the answer."""
    queue = f"health-{uuid.uuid4().hex}"
    log = tmp_path / "worker.log"
    worker_args = ("worker", "--pool=solo", "-Q", queue, "-n", f"{queue}@%h", "--loglevel=INFO")
    with celery_process(env, log, *worker_args, "--without-mingle", "--without-gossip"):
        sent = run_python(
            env, "-c", _SEND_HEALTH_CHECK, queue, str(RESULT_TIMEOUT), timeout=RESULT_TIMEOUT + 30
        )
    assert sent.returncode == 0, f"{sent.stderr}\n--- worker log ---\n{log.read_text()}"
    assert "config.tasks.health_check" in log.read_text()
    return sent.stdout.strip().splitlines()[-1]


def test_worker_answers_health_check_with_the_filesystem_broker(tmp_path):
    results = tmp_path / "results"
    results.mkdir()
    env = base_env(tmp_path, CELERY_RESULT_BACKEND=f"file://{results}")

    assert health_check_through_worker(env, tmp_path) == "ok"
    assert any(results.iterdir()), "the result was not stored in the file:// backend"


@pytest.mark.redis
def test_worker_answers_health_check_through_redis(tmp_path):
    env = base_env(tmp_path, REDIS_URL=settings.REDIS_URL, CELERY_RESULT_BACKEND=settings.REDIS_URL)

    assert health_check_through_worker(env, tmp_path) == "ok"


def test_beat_starts_with_the_filesystem_broker(tmp_path):
    log = tmp_path / "beat.log"

    def started() -> bool:
        # The schedule file is opened only after the start-up line is logged.
        schedule = list(tmp_path.glob("celerybeat-schedule*"))
        return "beat: Starting..." in log.read_text() and bool(schedule)

    with celery_process(base_env(tmp_path), log, "beat", "--loglevel=INFO") as beat:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not started():
            assert beat.poll() is None, f"beat exited with {beat.returncode}:\n{log.read_text()}"
            assert time.monotonic() < deadline, f"beat did not start:\n{log.read_text()}"
            time.sleep(0.2)

    assert "filesystem://" in log.read_text()
