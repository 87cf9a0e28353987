"""Timeline lines that say why a moment brought the customer no automatic update."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _

from brandwache.cases.models import CaseEvent
from brandwache.updates.models import Moment, UpdateLog
from brandwache.web.timeline import channel_label

register = template.Library()

# Obvious from the timeline itself: the form's receipt event is right there.
QUIET_REASONS = {UpdateLog.Reason.FORM_RECEIPT}


def _note(record: UpdateLog) -> dict[str, str]:
    moment = Moment(record.moment).label
    if record.outcome == UpdateLog.Outcome.DUE:
        line = _(
            "Update to the customer due by %(channel)s (%(moment)s): there is no e-mail "
            "address, so please tell them personally."
        ) % {"channel": channel_label(record.channel), "moment": moment}
        return {"kind": "due", "line": line, "text": record.text}
    line = _("No update to the customer (%(moment)s): %(reason)s.") % {
        "moment": moment,
        "reason": UpdateLog.Reason(record.reason).label,
    }
    return {"kind": "skipped", "line": line, "text": ""}


@register.inclusion_tag("updates/timeline_notes.html")
def update_notes(event: CaseEvent) -> dict[str, Any]:
    """Uses the prefetched `customer_updates` of the event (see `web.timeline`)."""
    records = [
        record
        for record in event.customer_updates.all()
        if record.outcome != UpdateLog.Outcome.SENT and record.reason not in QUIET_REASONS
    ]
    return {"notes": [_note(record) for record in records]}
