"""How a case looks to its customer: a plain status and the answers they were sent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from brandwache.cases.models import Case, Message

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
        .order_by("created_at", "id")
        .values_list("text", "sent_at", "created_at", "author__first_name")
    )
    return [
        PublicReply(text=text, sent_at=sent_at or created_at, first_name=first_name or "")
        for text, sent_at, created_at, first_name in rows
    ]
