"""Demo only: give what a scenario step wrote the time at which it "happened".

The actions stamp every row with the current time, so demo data written in one
second would look like it all arrived just now. After each step the rows it
created get the step's time, and at the end each case's clocks (first
response, last message, resolved, closed) are recomputed from its timeline.
Nothing outside the demo may rewrite timestamps like this.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from django.db.models import Max, Min, Model

from brandwache.cases.models import Case, CaseEvent, Message
from brandwache.contacts.models import Contact, Identity
from brandwache.intake.models import RawMessage
from brandwache.sla import replay

STAMPED_FIELDS: dict[type[Model], tuple[str, ...]] = {
    RawMessage: ("received_at", "processed_at"),
    Contact: ("created_at", "updated_at"),
    Identity: ("created_at",),
    Case: ("created_at",),
    Message: ("created_at", "sent_at"),
    CaseEvent: ("created_at",),
}


def _last_pk(model: type[Model]) -> int:
    return model._default_manager.aggregate(last=Max("pk"))["last"] or 0


@contextmanager
def happened_at(when: datetime) -> Iterator[None]:
    """Rows created inside the block get `when` as their timestamps."""
    marks = {model: _last_pk(model) for model in STAMPED_FIELDS}
    yield
    for model, fields in STAMPED_FIELDS.items():
        model._default_manager.filter(pk__gt=marks[model]).update(**dict.fromkeys(fields, when))


def _status_reached(case: Case, status: str) -> datetime | None:
    changes = CaseEvent.objects.filter(
        case=case, kind=CaseEvent.Kind.STATUS_CHANGED, data__new=status
    )
    return changes.aggregate(at=Max("created_at"))["at"]


def settle(case: Case) -> None:
    """Recompute the case's clocks from its (back-dated) messages and events."""
    case = Case.objects.get(pk=case.pk)
    messages = Message.objects.filter(case=case)
    events = CaseEvent.objects.filter(case=case)
    first_response = messages.filter(direction=Message.Direction.OUTBOUND).aggregate(
        at=Min("sent_at")
    )["at"]
    last_message = messages.aggregate(at=Max("sent_at"))["at"]
    updated = events.aggregate(at=Max("created_at"))["at"] or case.created_at
    closed = _status_reached(case, Case.Status.CLOSED)
    if case.merged_into_id is not None:
        merged = events.filter(kind=CaseEvent.Kind.MERGED).aggregate(at=Max("created_at"))["at"]
        closed = merged or closed
        last_message = last_message or case.last_message_at
    Case.objects.filter(pk=case.pk).update(
        first_response_at=first_response,
        last_message_at=last_message,
        resolved_at=_status_reached(case, Case.Status.RESOLVED),
        closed_at=closed,
        updated_at=updated,
    )
    # The service-level clocks follow the back-dated timeline too, so the demo inbox
    # shows what is overdue and what is on time (long-past reminders stay quiet).
    replay.rebuild(case)
