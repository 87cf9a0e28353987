"""Rate limits that hold under concurrency: a sliding window per key, counted in the database.

Each hit first touches its key's row with an upsert, which takes the row's lock
on PostgreSQL and the write lock on SQLite until the transaction ends; only then
is the window read and written. So concurrent requests queue up for the key and
each sees the hits before it: 30 requests at once with a limit of 5 let 5 through.
"""

from __future__ import annotations

import hashlib
import ipaddress
import time
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.utils import timezone

from brandwache.ratelimit.models import RecentHits

_TABLE = RecentHits._meta.db_table
# Longer than any window a limit uses: a key not hit for this long counts nothing any more.
FORGET_AFTER = timedelta(days=2)


def address_key(prefix: str, ip: str | None) -> str:
    """A key per client address (IPv6: per /64, which one household or phone usually holds),
    hashed so the table holds no addresses."""
    if ip is None:
        bucket = "unknown"
    else:
        address = ipaddress.ip_address(ip)
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        if isinstance(address, ipaddress.IPv6Address):
            bucket = str(ipaddress.ip_network(f"{address}/64", strict=False))
        else:
            bucket = str(address)
    return f"{prefix}:{hashlib.sha256(bucket.encode()).hexdigest()[:32]}"


def _recent(stamps: list[object], now: float, window: int) -> list[float]:
    return [float(stamp) for stamp in stamps if float(stamp) > now - window]  # type: ignore[arg-type]


def exceeded(key: str, *, limit: int, window: int, now: float | None = None) -> bool:
    """Whether `key` already has `limit` hits in the window; counts nothing."""
    if limit <= 0 or window <= 0:
        return False
    now = time.time() if now is None else now
    stamps = RecentHits.objects.filter(key=key[:100]).values_list("stamps", flat=True).first()
    return len(_recent(stamps or [], now, window)) >= limit


def _lock(key: str, touched_at: datetime) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {_TABLE} (key, stamps, touched_at) VALUES (%s, '[]', %s) "  # noqa: S608
            "ON CONFLICT (key) DO UPDATE SET touched_at = excluded.touched_at",
            [key, touched_at],
        )


def hit(key: str, *, limit: int, window: int, now: float | None = None) -> bool:
    """Count one hit of `key`; False (and not counted) when `limit` hits were already
    counted in the last `window` seconds. A limit or window of 0 turns the check off."""
    if limit <= 0 or window <= 0:
        return True
    now = time.time() if now is None else now
    key = key[:100]
    touched_at = timezone.now()
    with transaction.atomic():
        _lock(key, touched_at)
        row = RecentHits.objects.get(key=key)
        recent = _recent(row.stamps, now, window)
        allowed = len(recent) < limit
        if allowed:
            recent.append(now)
        RecentHits.objects.filter(pk=row.pk).update(stamps=recent)
    RecentHits.objects.filter(touched_at__lt=touched_at - FORGET_AFTER).delete()
    return allowed


def reset(key: str) -> None:
    RecentHits.objects.filter(key=key[:100]).delete()
