"""Clocks rebuilt from a case's timeline, each event at the time it happened.

For cases that existed before service levels were switched on, and for data
written with back-dated timestamps (the demo). The clocks are thrown away and
the timeline runs through the engine again; whatever became due since is then
settled quietly: history rows, but no notifications, mail or timeline entries
for reminders and escalations that are long past.

The case's priority and category are followed through their change events; a
case that absorbed others by merging sees their events too, so only its first
"case opened" counts.
"""

from __future__ import annotations

import copy
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from brandwache.cases.models import Case, CaseEvent
from brandwache.sla.clocks import handle_event
from brandwache.sla.models import SlaClock
from brandwache.sla.passes import PassResult, settle_quietly

Kind = CaseEvent.Kind
FOLLOWED = {
    Kind.STATUS_CHANGED: "status",
    Kind.PRIORITY_CHANGED: "priority",
    Kind.CATEGORY_CHANGED: "category",
}


def rebuild(case: Case, *, now: datetime | None = None) -> PassResult:
    """Replace the case's clocks by those its timeline gives, settled up to `now`."""
    now = now or timezone.now()
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        SlaClock.objects.filter(case=case).delete()
        Case.objects.filter(pk=case.pk).update(sla_due_at=None)
        case.sla_due_at = None
        events = list(
            case.events.exclude(kind=Kind.VIEWED)
            .select_related("actor", "message")
            .order_by("created_at", "pk")
        )
        then = _as_opened(case, events)
        opened = False
        for event in events:
            if event.kind == Kind.CREATED:
                if opened:
                    continue  # a merged case's own opening
                opened = True
            field = FOLLOWED.get(event.kind)
            if field and isinstance(event.data, dict) and event.data.get("new") is not None:
                setattr(then, field, event.data["new"])
            handle_event(event, then, now=event.created_at)
        clocks = list(SlaClock.objects.filter(case=case).select_related("policy__calendar", "case"))
        return settle_quietly(clocks, now)


def _as_opened(case: Case, events: list[CaseEvent]) -> Case:
    """A copy of the case as it was when opened (never saved)."""
    then = copy.copy(case)
    then.status = Case.Status.NEW
    for kind, field in FOLLOWED.items():
        if kind == Kind.STATUS_CHANGED:
            continue
        first = next((e for e in events if e.kind == kind and isinstance(e.data, dict)), None)
        if first is not None and first.data.get("old") is not None:
            setattr(then, field, first.data["old"])
    return then
