"""The one place that reads the environment.

Defaults serve `make run` on a laptop with no external service. Production
sets DJANGO_DEBUG=0 and the secrets below; a missing secret stops start-up.
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("OMSTILLING_VAR_DIR", BASE_DIR / "var"))

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def get(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def get_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no; got {raw!r}.")


def get_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def require(name: str, *, debug: bool, dev_default: str, why: str) -> str:
    """A secret: optional with DEBUG on (falls back to dev_default), required with DEBUG off."""
    value = os.environ.get(name)
    if value:
        return value
    if debug:
        return dev_default
    raise ImproperlyConfigured(f"{name} is not set. It is required when DJANGO_DEBUG is off: {why}")
