"""What the screens show of a case's clocks: a badge, a countdown, the clock that sets the pace.

Read-only: one query loads the clocks of a whole page of cases. Remaining and
overdue times are business time in the clock's calendar, because that is what
the promise counts ("noch 2 Std." on a Friday evening means two hours of the
next opening, not two hours of the night).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import TextChoices
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from brandwache.cases.models import Case
from brandwache.sla.calendar import ZERO, BusinessCalendar
from brandwache.sla.models import BusinessCalendar as StoredCalendar
from brandwache.sla.models import ClosedDay, SlaClock, SlaPolicy

# A running clock this close to its deadline (business time) is "due soon"; the
# breaching-soon view lists the same cases by default.
DUE_SOON = timedelta(hours=1)


class Badge(TextChoices):
    ON_TIME = "on_time", _("On time")
    DUE_SOON = "due_soon", _("Due soon")
    OVERDUE = "overdue", _("Overdue")
    PAUSED = "paused", _("Paused")
    MET = "met", _("Met")
    MET_LATE = "met_late", _("Met late")


class Calendars:
    """Every stored business calendar as a value, loaded once (two queries) when first asked.

    One instance serves a whole request (see `for_request`): the nav badge and the
    page's countdowns share it.
    """

    def __init__(self) -> None:
        self._values: dict[int | None, BusinessCalendar | None] | None = None

    def _load(self) -> dict[int | None, BusinessCalendar | None]:
        if self._values is None:
            closed: dict[int, list[date]] = {}
            for calendar_id, day in ClosedDay.objects.values_list("calendar_id", "date"):
                closed.setdefault(calendar_id, []).append(day)
            values: dict[int | None, BusinessCalendar | None] = {None: None}
            for stored in StoredCalendar.objects.all():
                # The model's own builder, given the closed days loaded above for all at once.
                values[stored.pk] = stored._build(closed_dates=closed.get(stored.pk, ()))
                if stored.is_default:
                    values[None] = values[stored.pk]
            self._values = values
        return self._values

    def get(self, calendar_id: int | None) -> BusinessCalendar | None:
        """The calendar with this id, None meaning the default; None if there is none."""
        values = self._load()
        return values.get(calendar_id, values[None])

    def for_policy(self, policy: SlaPolicy) -> BusinessCalendar | None:
        return self.get(policy.calendar_id)

    def items(self) -> list[tuple[int | None, BusinessCalendar | None]]:
        return list(self._load().items())

    @classmethod
    def for_request(cls, request: HttpRequest | None) -> Calendars:
        """The request's instance, made on first use; a fresh one without a request."""
        if request is None:
            return cls()
        found = getattr(request, "_sla_calendars", None)
        if found is None:
            found = cls()
            request._sla_calendars = found  # type: ignore[attr-defined]
        return found


@dataclass(frozen=True)
class Countdown:
    """Business time left (negative: overdue) and how long it keeps changing in real time."""

    left: timedelta
    # Real seconds from now during which the desk stays open, so the remaining time
    # falls (or the overdue time grows) one second per second; 0 while it stands still.
    runs_for: int

    @property
    def overdue(self) -> bool:
        return self.left <= ZERO

    @property
    def seconds(self) -> int:
        return math.floor(self.left.total_seconds())

    @property
    def text(self) -> str:
        return countdown_text(self.left)


@dataclass(frozen=True)
class CaseSla:
    badge: Badge
    pace: SlaClock | None  # the running clock due first, or the paused one
    countdown: Countdown | None
    due_at: datetime | None

    @property
    def label(self) -> str:
        return str(self.badge.label)


def duration_text(value: timedelta, *, round_up: bool) -> str:
    """Hours and minutes of business time, e.g. "2 Std. 10 Min."; days would mislead."""
    seconds = abs(value.total_seconds())
    total = math.ceil(seconds / 60) if round_up else max(1, math.floor(seconds / 60))
    hours, minutes = divmod(total, 60)
    if not hours:
        return gettext("%(minutes)d min") % {"minutes": minutes}
    if not minutes:
        return gettext("%(hours)d h") % {"hours": hours}
    return gettext("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": minutes}


def countdown_text(left: timedelta) -> str:
    if left > ZERO:
        return gettext("%(time)s left") % {"time": duration_text(left, round_up=True)}
    return gettext("overdue for %(time)s") % {"time": duration_text(left, round_up=False)}


def open_for(calendar: BusinessCalendar, now: datetime) -> int:
    """Seconds until the desk closes if it is open at `now`, else 0."""
    day = now.astimezone(calendar.zone).date()
    for opens, closes in calendar.intervals_on(day):
        if opens <= now < closes:
            return math.floor((closes - now).total_seconds())
    return 0


def countdown(clock: SlaClock, calendar: BusinessCalendar | None, now: datetime) -> Countdown:
    """The countdown of a running clock (to its due time) or a paused one (target minus used)."""
    if clock.state == SlaClock.State.PAUSED or clock.due_at is None:
        return Countdown(left=max(ZERO, clock.target - clock.used), runs_for=0)
    if calendar is None:  # no calendar at all: plain time is the best there is
        return Countdown(left=clock.due_at - now, runs_for=0)
    left = calendar.business_time_between(now, clock.due_at)
    if left <= ZERO and clock.due_at > now:
        left = clock.due_at - now  # due at the next opening: still a moment to go
    return Countdown(left=left, runs_for=open_for(calendar, now))


def case_sla(
    clocks: Sequence[SlaClock], now: datetime, calendars: Calendars, soon: timedelta = DUE_SOON
) -> CaseSla | None:
    """The badge of one case from its clocks; None when no promise applies to it."""
    running = [c for c in clocks if c.state in SlaClock.RUNNING_STATES and c.due_at is not None]
    if running:
        pace = min(running, key=lambda clock: (clock.due_at, clock.pk))
        left = countdown(pace, calendars.for_policy(pace.policy), now)
        if left.overdue or pace.state == SlaClock.State.BREACHED:
            badge = Badge.OVERDUE
        elif left.left <= soon:
            badge = Badge.DUE_SOON
        else:
            badge = Badge.ON_TIME
        return CaseSla(badge, pace, left, pace.due_at)
    paused = [clock for clock in clocks if clock.state == SlaClock.State.PAUSED]
    if paused:
        pace = min(paused, key=lambda clock: (clock.target - clock.used, clock.pk))
        return CaseSla(Badge.PAUSED, pace, countdown(pace, None, now), None)
    met = [clock for clock in clocks if clock.state == SlaClock.State.MET]
    if met:
        late = any(clock.breached_at is not None for clock in met)
        return CaseSla(Badge.MET_LATE if late else Badge.MET, None, None, None)
    return None


def clocks_of(case_ids: Iterable[int]) -> dict[int, list[SlaClock]]:
    """The clocks of these cases with their policies, in one query."""
    found: dict[int, list[SlaClock]] = {}
    for clock in SlaClock.objects.filter(case_id__in=list(case_ids)).select_related("policy"):
        found.setdefault(clock.case_id, []).append(clock)
    return found


def annotate_cases(
    cases: Sequence[Case], now: datetime, *, calendars: Calendars | None = None
) -> None:
    """Set `case.sla` (a `CaseSla` or None) on each case of a page."""
    calendars = calendars or Calendars()
    clocks = clocks_of(case.pk for case in cases)
    for case in cases:
        case.sla = case_sla(clocks.get(case.pk, []), now, calendars)  # type: ignore[attr-defined]
