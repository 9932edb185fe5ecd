"""Start the Django settings in a fresh interpreter with exactly the environment given.

Settings are read once per process, so every variation of the environment needs its own
interpreter; the test process's own environment (DATABASE_URL, REDIS_URL, ...) must not leak in.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

_PROBE = """
import json
from django.conf import settings

db = settings.DATABASES["default"]
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "SECRET_KEY": settings.SECRET_KEY,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "SITE_URL": settings.SITE_URL,
    "DB_ENGINE": db["ENGINE"],
    "DB_NAME": str(db["NAME"]),
    "DB_HOST": db.get("HOST", ""),
    "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
    "CELERY_BROKER_TRANSPORT_OPTIONS": settings.CELERY_BROKER_TRANSPORT_OPTIONS,
    "CELERY_RESULT_BACKEND": settings.CELERY_RESULT_BACKEND,
    "EMAIL_BACKEND": settings.EMAIL_BACKEND,
    "EMAIL_HOST": getattr(settings, "EMAIL_HOST", None),
    "EMAIL_PORT": getattr(settings, "EMAIL_PORT", None),
    "MEDIA_ROOT": str(settings.MEDIA_ROOT),
}))
"""


def base_env(var_dir: Path, **variables: str) -> dict[str, str]:
    """Only what an interpreter needs to run, the var dir, and the variables under test."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/root"),
        "LANG": "C.UTF-8",
        "PYTHONDONTWRITEBYTECODE": "1",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "OMSTILLING_VAR_DIR": str(var_dir),
    }
    env.update(variables)
    return env


def run_python(env: dict[str, str], *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def settings_with(env: dict[str, str]) -> dict:
    """The settings that start with this environment; fails the test with stderr if they do not."""
    result = run_python(env, "-c", _PROBE)
    assert result.returncode == 0, f"settings did not start:\n{result.stderr}"
    return json.loads(result.stdout.strip().splitlines()[-1])


def startup_error(env: dict[str, str]) -> str:
    """The last line `manage.py check` prints when start-up stops (it must stop)."""
    result = run_python(env, "manage.py", "check")
    assert result.returncode != 0, f"start-up did not stop:\n{result.stdout}"
    return result.stderr.strip().splitlines()[-1]
