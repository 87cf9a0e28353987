"""Background work of the cases app, run by the task worker (immediately in tests)."""

from __future__ import annotations

from django.tasks import task

from brandwache.cases.delivery import deliver


@task()
def deliver_message(message_id: int) -> str:
    """One attempt to send a queued outbound message; see `delivery.py` for the states."""
    return deliver(message_id)
