"""The time the SLA engine acts at: now, unless a caller pins it.

Case actions stamp their rows with the real time; the clocks take theirs from
here, so tests (and a replay of an old timeline) can run real actions at a
chosen instant: `with pinned(friday_16h): record_reply(...)`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime

from django.utils import timezone

_pinned: ContextVar[datetime | None] = ContextVar("sla_pinned_time", default=None)


def current_time() -> datetime:
    return _pinned.get() or timezone.now()


@contextmanager
def pinned(at: datetime) -> Iterator[datetime]:
    """Inside the block the engine acts at `at` (an aware datetime)."""
    if timezone.is_naive(at):
        raise ValueError("pin an aware datetime")
    token = _pinned.set(at)
    try:
        yield at
    finally:
        _pinned.reset(token)
