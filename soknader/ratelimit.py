"""Counters in the Django cache: at most `limit` hits per `window` seconds per key."""

from django.core.cache import cache


def rate_limit_hit(key: str, *, limit: int, window: int) -> bool:
    """Count one hit; True when it is within the limit, False when over it."""
    cache_key = f"ratelimit:{key}"
    if cache.add(cache_key, 1, timeout=window):
        return True
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=window)
        return True
    return count <= limit


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "unknown")
