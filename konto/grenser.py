"""Counters in the shared Django cache: at most `limit` hits per `window` seconds per key."""

from django.core.cache import cache


def hit_within_limit(key: str, *, limit: int, window: int) -> bool:
    """Count one hit; True while within the limit, False when over it."""
    cache_key = f"konto:grense:{key}"
    if cache.add(cache_key, 1, timeout=window):
        return True
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=window)
        return True
    return count <= limit
