"""Signals other apps use to follow what happens on cases.

`event_recorded` is sent inside the action's transaction for every timeline
event written through `cases.actions`, after the event row exists. Receivers
(SLA clocks, routing, customer updates, triage) therefore change state in the
same transaction as the action itself; anything that leaves the database
(mail, notifications) must wait for `transaction.on_commit`.

Keyword arguments: `event` (the `CaseEvent`), `case` (its `Case`).
"""

from django.dispatch import Signal

event_recorded = Signal()
