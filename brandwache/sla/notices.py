"""What a reminder, a breach and an escalation say, in the desk's language.

Titles and texts name the case reference and the deadline only, never the
customer or the subject: they also go out by e-mail.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import override, pgettext_lazy

from brandwache.cases.models import Case
from brandwache.sla.models import SlaClock

# Inside sentences ("the deadline for the first response passed"); a context of their
# own, because other apps translate the same words as field labels.
CLOCK_NAMES = {
    SlaClock.Kind.FIRST_RESPONSE: pgettext_lazy("sla notice", "first response"),
    SlaClock.Kind.NEXT_UPDATE: pgettext_lazy("sla notice", "next update to the customer"),
    SlaClock.Kind.RESOLUTION: pgettext_lazy("sla notice", "resolution"),
}
ROLES = {
    "owner": pgettext_lazy("sla notice", "owner of the case"),
    "deputy": pgettext_lazy("sla notice", "deputy of the Pate"),
    "pate": pgettext_lazy("sla notice", "Pate"),
    "team_lead": pgettext_lazy("sla notice", "team lead"),
}


def _when(at: datetime | None) -> str:
    if at is None:
        return "?"
    return formats.date_format(timezone.localtime(at), "SHORT_DATETIME_FORMAT")


def reminder(case: Case, clock: SlaClock, percent: int) -> tuple[str, str]:
    with override(settings.LANGUAGE_CODE):
        values = {
            "reference": case.reference,
            "clock": CLOCK_NAMES[clock.kind],
            "due": _when(clock.due_at),
            "percent": percent,
        }
        return (
            _("%(reference)s: %(clock)s due %(due)s") % values,
            _("%(percent)s %% of the time for the %(clock)s has passed; it is due %(due)s.")
            % values,
        )


def breach(case: Case, clock: SlaClock) -> tuple[str, str]:
    with override(settings.LANGUAGE_CODE):
        values = {
            "reference": case.reference,
            "clock": CLOCK_NAMES[clock.kind],
            "due": _when(clock.breached_at),
        }
        return (
            _("%(reference)s: deadline for the %(clock)s passed") % values,
            _("The %(clock)s was due %(due)s.") % values,
        )


def escalation(case: Case, clock: SlaClock, level: int, levels: int, who: str) -> tuple[str, str]:
    with override(settings.LANGUAGE_CODE):
        values = {
            "reference": case.reference,
            "clock": CLOCK_NAMES[clock.kind],
            "due": _when(clock.breached_at),
            "level": level,
            "levels": levels,
            "role": ROLES.get(who, who),
        }
        return (
            _("%(reference)s escalated to you: %(clock)s overdue") % values,
            _(
                "The %(clock)s was due %(due)s. Escalation step %(level)s of %(levels)s; "
                "you are told as %(role)s."
            )
            % values,
        )
