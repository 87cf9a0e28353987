"""How often one address may send the public form, counted in Django's cache.

The cache keeps the times of the recent submissions per address (a sliding
window), so it works the same on every cache backend: `incr` would reset the
expiry on some of them.
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging
import time

from django.conf import settings
from django.core.cache import cache

log = logging.getLogger(__name__)


def _bucket(ip: str | None) -> str:
    if ip is None:
        return "unknown"
    address = ipaddress.ip_address(ip)
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        # One household or phone usually holds a whole /64.
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def _key(ip: str | None) -> str:
    digest = hashlib.sha256(_bucket(ip).encode()).hexdigest()[:32]
    return f"public:webform:rate:{digest}"


def allow_submission(ip: str | None, *, now: float | None = None) -> bool:
    """Count one submission from `ip`; False when it is over the limit of the window.

    A limit or window of 0 turns the check off.
    """
    limit = settings.BRANDWACHE_WEBFORM_RATE_LIMIT
    window = settings.BRANDWACHE_WEBFORM_RATE_WINDOW_SECONDS
    if limit <= 0 or window <= 0:
        return True
    now = time.time() if now is None else now
    key = _key(ip)
    recent = [stamp for stamp in cache.get(key, []) if stamp > now - window]
    if len(recent) >= limit:
        return False
    recent.append(now)
    cache.set(key, recent, timeout=window)
    return True


def count_spam(ip: str | None) -> int:
    """Count a spam-trap hit in the log; the running total is kept until a quiet day."""
    key = "public:webform:spam-trap-hits"
    hits = int(cache.get(key, 0)) + 1
    cache.set(key, hits, timeout=24 * 3600)
    log.warning("web form spam trap hit from %s (%d recently)", ip or "unknown", hits)
    return hits
