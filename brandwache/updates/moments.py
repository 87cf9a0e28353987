"""Which timeline events are moments the customer hears about, and how they read to them."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from brandwache.cases.models import Case, CaseEvent, Message
from brandwache.updates.models import Moment

STATUS_MOMENTS = {
    Case.Status.WAITING_THIRD_PARTY: Moment.WAITING_THIRD_PARTY,
    Case.Status.RESOLVED: Moment.RESOLVED,
}

# The wording on the customer's status page: what happened, never who or why internally.
CUSTOMER_WORDING: dict[str, Promise] = {
    Moment.RECEIVED: _("Your message has arrived."),
    Moment.ASSIGNED: _("A named person is taking care of your concern personally."),
    Moment.WAITING_THIRD_PARTY: _("We asked another party and are waiting for their answer."),
    Moment.RESOLVED: _("Your concern has been resolved."),
}


def _first_inbound(event: CaseEvent) -> bool:
    message = event.message
    if message is None or message.direction != Message.Direction.INBOUND:
        return False
    earlier = Message.objects.filter(case_id=event.case_id, direction=Message.Direction.INBOUND)
    return not earlier.exclude(pk=message.pk).exists()


def moment_for(event: CaseEvent, case: Case) -> str | None:
    """The moment an event stands for, or None when the customer need not hear of it."""
    data = event.data if isinstance(event.data, dict) else {}
    if event.kind == CaseEvent.Kind.MESSAGE_RECEIVED:
        # Not CREATED: the case is opened before its first message exists.
        return Moment.RECEIVED if _first_inbound(event) else None
    if event.kind == CaseEvent.Kind.ASSIGNED:
        before = data.get("before") if isinstance(data.get("before"), dict) else {}
        named = case.owner_id is not None and data.get("owner")
        return Moment.ASSIGNED if named and before.get("owner") != case.owner_id else None
    if event.kind == CaseEvent.Kind.STATUS_CHANGED:
        return STATUS_MOMENTS.get(str(data.get("new")))
    return None
