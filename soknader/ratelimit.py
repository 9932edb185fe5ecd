"""Counters in the shared cache: at most `limit` hits per `window` seconds per key.

The cache is shared by every process (Redis in production, a folder in var/ for `make run`),
so a limit holds across workers and restarts. A cache that does not answer lets the
request through: a limit is a brake on abuse, not a reason to refuse everyone.
"""

import hashlib
import ipaddress
import logging

from django.conf import settings
from django.core.cache import cache

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


def _networks() -> list:
    return [ipaddress.ip_network(n, strict=False) for n in settings.TRUSTED_PROXIES]


def _parse(address: str):
    try:
        return ipaddress.ip_address(address.strip())
    except ValueError:
        return None


def client_address(request) -> str:
    """The client's address as the trusted reverse proxy reports it.

    X-Forwarded-For is read only when the connection comes from a trusted proxy
    (TRUSTED_PROXIES): from the right, each address a trusted proxy added is
    skipped, and the first one no trusted proxy stands for is the client. Anyone else can
    write any X-Forwarded-For, so from them only the connection's address counts."""
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    networks = _networks()
    remote_ip = _parse(remote)
    if remote_ip is None or not any(remote_ip in net for net in networks):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    client = remote
    for hop in reversed([part for part in forwarded.split(",") if part.strip()]):
        ip = _parse(hop)
        if ip is None:
            break
        client = str(ip)
        if not any(ip in net for net in networks):
            break
    return client
