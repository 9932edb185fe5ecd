"""The client's address as the configured trusted reverse proxies report it: one rule for the
rate limits of the public pages and the staff login's throttle."""

import ipaddress

from django.conf import settings


def _parse(address: str):
    try:
        return ipaddress.ip_address(address.strip())
    except ValueError:
        return None


def client_address(request) -> str | None:
    """The client's address, or None when the request has none (one made in code).

    X-Forwarded-For is read only when the connection comes from a trusted proxy
    (TRUSTED_PROXIES): from the right, each address a trusted proxy added is skipped, and
    the first one no trusted proxy stands for is the client. Anyone else can write any
    X-Forwarded-For, so from them only the connection's address counts."""
    remote = request.META.get("REMOTE_ADDR") or ""
    remote_ip = _parse(remote)
    if remote_ip is None:
        return None
    networks = [
        ipaddress.ip_network(n, strict=False) for n in getattr(settings, "TRUSTED_PROXIES", [])
    ]
    if not any(remote_ip in net for net in networks):
        return remote
    client = remote
    for hop in reversed(
        [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    ):
        ip = _parse(hop)
        if ip is None:
            break
        client = str(ip)
        if not any(ip in net for net in networks):
            break
    return client
