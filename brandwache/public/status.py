"""How a case looks to its customer: a plain status and the answers they were sent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from brandwache.cases.models import Case, CaseEvent, Message

# Internal states the customer need not tell apart share one wording.
CUSTOMER_STATUS: dict[str, tuple[str | Promise, str | Promise]] = {
    Case.Status.NEW: (
        pgettext_lazy("customer status", "Received"),
        _("Your message has arrived and will be read by a person shortly."),
    ),
    Case.Status.OPEN: (
        pgettext_lazy("customer status", "In progress"),
        _("We are working on your concern."),
    ),
    Case.Status.WAITING_INTERNAL: (
        pgettext_lazy("customer status", "In progress"),
        _("We are working on your concern."),
    ),
    Case.Status.WAITING_CUSTOMER: (
        pgettext_lazy("customer status", "Waiting for your reply"),
        _("We have asked you something; please answer our last e-mail."),
    ),
    Case.Status.RESOLVED: (
        pgettext_lazy("customer status", "Resolved"),
        _("We consider your concern resolved. If something is still open, just reply."),
    ),
    Case.Status.CLOSED: (
        pgettext_lazy("customer status", "Closed"),
        _("This case is closed. A new message from you opens a new case."),
    ),
}


@dataclass(frozen=True)
class PublicReply:
    text: str
    sent_at: datetime
    first_name: str


def customer_status(case: Case) -> tuple[str | Promise, str | Promise]:
    return CUSTOMER_STATUS.get(case.status, CUSTOMER_STATUS[Case.Status.OPEN])


def public_replies(case: Case) -> list[PublicReply]:
    """What the company wrote to the customer: text and date, the writer's first name only."""
    rows = (
        case.messages.filter(direction=Message.Direction.OUTBOUND)
        .exclude(pk__in=_updates(case).exclude(message=None).values("message_id"))
        .order_by("created_at", "id")
        .values_list("text", "sent_at", "created_at", "author__first_name")
    )
    return [
        PublicReply(text=text, sent_at=sent_at or created_at, first_name=first_name or "")
        for text, sent_at, created_at, first_name in rows
    ]


@dataclass(frozen=True)
class PublicUpdate:
    wording: str | Promise
    sent_at: datetime


def _updates(case: Case) -> QuerySet[CaseEvent]:
    return CaseEvent.objects.filter(case=case, kind=CaseEvent.Kind.CUSTOMER_UPDATE)


def public_updates(case: Case) -> list[PublicUpdate]:
    """The short updates the customer was sent: which step, and when; nothing internal."""
    from brandwache.updates.moments import CUSTOMER_WORDING

    updates = []
    for data, created_at in (
        _updates(case).order_by("created_at", "id").values_list("data", "created_at")
    ):
        moment = data.get("moment") if isinstance(data, dict) else None
        if moment in CUSTOMER_WORDING:
            updates.append(PublicUpdate(wording=CUSTOMER_WORDING[moment], sent_at=created_at))
    return updates
