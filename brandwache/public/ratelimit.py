"""How often one address may send the public form.

The recent submissions per address (IPv6: per /64) are counted in the database
by `brandwache.ratelimit` (a sliding window, atomic under concurrent requests).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.cache import cache

from brandwache.ratelimit.limits import address_key, hit

log = logging.getLogger(__name__)


def allow_submission(ip: str | None, *, now: float | None = None) -> bool:
    """Count one submission from `ip`; False when it is over the limit of the window.

    A limit or window of 0 turns the check off.
    """
    return hit(
        address_key("public:webform", ip),
        limit=settings.BRANDWACHE_WEBFORM_RATE_LIMIT,
        window=settings.BRANDWACHE_WEBFORM_RATE_WINDOW_SECONDS,
        now=now,
    )


def allow_status_link_request(ip: str | None, case_id: int) -> bool:
    """New status links: a few an hour per address, and per case whoever asks."""
    per_address = hit(address_key("public:status-link", ip), limit=5, window=3600)
    return per_address and hit(f"public:status-link:case:{case_id}", limit=3, window=3600)


def count_spam(ip: str | None) -> int:
    """Count a spam-trap hit in the log; the running total is kept until a quiet day."""
    key = "public:webform:spam-trap-hits"
    hits = int(cache.get(key, 0)) + 1
    cache.set(key, hits, timeout=24 * 3600)
    log.warning("web form spam trap hit from %s (%d recently)", ip or "unknown", hits)
    return hits
