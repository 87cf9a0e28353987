"""Cases about to miss a promise: due within the next business hours, or already overdue.

"Within N business hours" depends on the calendar (at 16:30 on a Friday one
business hour ends on Monday at 08:30). The horizon is worked out once per
stored calendar; the cases are then found through the index on
`Case.sla_due_at` (the earliest due time of a case's running clocks). With
several calendars whose horizons differ, a correlated subquery checks each
candidate's running clocks against their own calendar's horizon.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet

from brandwache.cases.models import Case
from brandwache.sla.display import DUE_SOON, Calendars
from brandwache.sla.models import SlaClock

# The choices of the view; any whole number of hours up to MAX_HOURS is accepted.
HOURS_CHOICES = (1, 2, 4, 9, 18)
MAX_HOURS = 90  # two working weeks


def within_hours(value: str | None) -> timedelta:
    """The `hours` GET parameter, or the default when it is missing or nonsense."""
    try:
        hours = int(value or "")
    except ValueError:
        return DUE_SOON
    return timedelta(hours=hours) if 1 <= hours <= MAX_HOURS else DUE_SOON


def horizons(now: datetime, within: timedelta, calendars: Calendars) -> dict[int | None, datetime]:
    """Per stored calendar (None: the default one), the instant `within` business time ends."""
    # Without any calendar, policies count plain time.
    return {
        calendar_id: calendar.add_business_time(now, within) if calendar else now + within
        for calendar_id, calendar in calendars.items()
    }


def breaching_soon(
    cases: QuerySet[Case],
    now: datetime,
    within: timedelta,
    calendars: Calendars | None = None,
) -> QuerySet[Case]:
    """The cases among `cases` due within `within` business time or overdue, earliest first."""
    limits = horizons(now, within, calendars or Calendars())
    latest = max(limits.values())
    soon = cases.filter(sla_due_at__lte=latest)
    if len(set(limits.values())) > 1:
        own_limit = Q()
        for calendar_id, limit in limits.items():
            own_limit |= Q(policy__calendar_id=calendar_id, due_at__lte=limit)
        clocks = SlaClock.objects.filter(
            own_limit, case=OuterRef("pk"), state__in=SlaClock.RUNNING_STATES
        )
        soon = soon.filter(Exists(clocks))
    return soon.order_by("sla_due_at", "pk")
