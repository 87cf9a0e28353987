"""Look-ups that every case of a batch repeats, read once per batch.

Opening a case asks for the active routing rules, the active SLA policies and the business
calendar; each is a query (the calendar with its closed days and holidays, a few
milliseconds) that gives the same answer for every case of one import. Inside
`with one_batch():` the first answer is kept until the block ends; outside it every call
reads afresh, so a change in the admin is seen by the next request as before.

    with one_batch():
        for message in batch:
            record_inbound_message(...)   # rules, policies, calendar read once
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

_memo: ContextVar[dict[Hashable, Any] | None] = ContextVar("batch_memo", default=None)


@contextmanager
def one_batch() -> Iterator[None]:
    """Keep the look-ups made inside the block for the rest of it (nested: the outer one)."""
    if _memo.get() is not None:
        yield
        return
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def remembered[T](key: Hashable, load: Callable[[], T]) -> T:
    """`load()`, once per batch for the same key; every time outside a batch."""
    memo = _memo.get()
    if memo is None:
        return load()
    if key not in memo:
        memo[key] = load()
    return memo[key]  # type: ignore[no-any-return]
