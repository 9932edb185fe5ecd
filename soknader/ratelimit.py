"""Counters in the shared cache: at most `limit` hits per `window` seconds per key.

The cache is shared by every process (Redis in production, a folder in var/ for `make run`),
so a limit holds across workers and restarts. A cache that does not answer lets the
request through: a limit is a brake on abuse, not a reason to refuse everyone.
"""

import hashlib
import logging

from django.core.cache import cache

from felles import klient

logger = logging.getLogger(__name__)


def _cache_key(key: str) -> str:
    # Keys hold e-mail addresses and client addresses: hashed, they are short and safe for
    # every cache backend.
    return "ratelimit:" + hashlib.sha256(key.encode()).hexdigest()[:40]


def rate_limit_hit(key: str, *, limit: int, window: int) -> bool:
    """Count one hit; True when it is within the limit, False when over it.

    `add` then `incr` are each atomic in the cache, so two processes counting at once
    never both see the same count."""
    cache_key = _cache_key(key)
    try:
        if cache.add(cache_key, 1, timeout=window):
            return limit >= 1
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add and incr
            cache.add(cache_key, 1, timeout=window)
            return limit >= 1
    except Exception as exc:  # the cache is down: let the request through
        logger.warning("Rate limit %s not counted, the cache did not answer: %s", key, exc)
        return True
    return count <= limit


def rate_limit_reached(key: str, *, limit: int) -> bool:
    """True when `key` has already been hit `limit` times in its window (counts nothing)."""
    try:
        return (cache.get(_cache_key(key)) or 0) >= limit
    except Exception as exc:
        logger.warning("Rate limit %s not read, the cache did not answer: %s", key, exc)
        return False


def client_address(request) -> str:
    """The client's address as the trusted reverse proxy reports it (felles.klient), or
    "unknown" for a request without one."""
    return klient.client_address(request) or "unknown"
