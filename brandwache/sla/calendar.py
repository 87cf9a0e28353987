"""Business calendars and exact business-time arithmetic.

A `BusinessCalendar` says when a desk is open: working intervals per weekday in
local wall-clock time (split days such as 08:00–12:00 and 13:00–17:00 are fine),
a time zone, public holidays from the `holidays` package (CH per canton, DE per
state, AT per state) and extra closed dates.

How time is counted
-------------------
Opening and closing times are *wall-clock* times of the local day: "08:00" is
08:00 on the office clock, in winter and in summer. Each local day's intervals
are turned into real instants with `zoneinfo`, and business time is the real
time elapsed inside those instants. For office hours this means a business hour
is a wall-clock hour, also on DST weekends (the clocks change at night, so an
08:00–17:00 day has nine real hours either side of the change). Only an
interval that contains the change itself differs from its wall-clock length:
it loses the skipped hour in spring and counts the repeated hour twice in
autumn, because that is the time that actually passes. A boundary that falls
into the skipped hour is moved to the moment the clocks jump; one in the
repeated hour means its first occurrence.

Intervals are half-open: a desk open 08:00–17:00 is open at 08:00 and closed at
17:00. A deadline may land exactly on a closing time (Friday 16:00 plus one
business hour is Friday 17:00, not Monday 08:00).

The functions walk day by day and never minute by minute, so a target of
thousands of business hours costs a few hundred cheap day steps; holiday sets
are computed once per country, subdivision and year.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays

# Countries the desk supports; the subdivisions are whatever `holidays` knows for them.
COUNTRIES = ("CH", "DE", "AT")
WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# A calendar that stays closed this long is broken (or closed for good); stop looking.
MAX_CLOSED_DAYS = 3 * 366
END_OF_DAY = "24:00"
ZERO = timedelta(0)

type Interval = tuple[time, time]
"""Start and end wall-clock time of one working interval; an end of `time(0)` means 24:00."""

type WeeklyHours = tuple[tuple[Interval, ...], ...]
"""Seven tuples of intervals, Monday first."""


class CalendarError(ValueError):
    """A calendar definition that cannot work; `code` names the problem for translated messages."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def subdivisions(country: str) -> tuple[str, ...]:
    """The subdivision codes (cantons, states) the holiday source knows for `country`."""
    return tuple(holidays.country_holidays(country).subdivisions)


@lru_cache(maxsize=512)
def public_holidays(country: str, subdivision: str | None, year: int) -> frozenset[date]:
    """Public holidays of one year, cached: the same few calendars ask for the same years."""
    return frozenset(holidays.country_holidays(country, subdiv=subdivision or None, years=year))


def _end_minutes(end: time) -> int:
    return 24 * 60 if end == time(0) else end.hour * 60 + end.minute


def _check_day(day: Sequence[Interval], name: str) -> None:
    previous_end = -1
    for start, end in day:
        if start.second or start.microsecond or end.second or end.microsecond:
            raise CalendarError("time", f"{name}: times are whole minutes")
        start_minutes, end_minutes = start.hour * 60 + start.minute, _end_minutes(end)
        if start_minutes >= end_minutes:
            raise CalendarError("order", f"{name}: {start:%H:%M} is not before the end")
        if start_minutes < previous_end:
            raise CalendarError("overlap", f"{name}: intervals overlap or are not in order")
        previous_end = end_minutes


def _parse_time(text: object, name: str) -> time:
    if text == END_OF_DAY:
        return time(0)
    if not isinstance(text, str) or len(text) != 5 or text[2] != ":":
        raise CalendarError("time", f"{name}: {text!r} is not a time like 08:00")
    try:
        return time(int(text[:2]), int(text[3:]))
    except ValueError:
        raise CalendarError("time", f"{name}: {text!r} is not a time like 08:00") from None


def parse_working_hours(data: object) -> WeeklyHours:
    """Read working hours stored as JSON: `{"mon": [["08:00", "12:00"], ["13:00", "17:00"]]}`.

    Missing weekdays are closed; "24:00" ends an interval at midnight. Raises
    `CalendarError` for anything else.
    """
    if not isinstance(data, Mapping):
        raise CalendarError("format", "working hours are an object keyed by weekday")
    unknown = set(data) - set(WEEKDAY_KEYS)
    if unknown:
        raise CalendarError("weekday", f"unknown weekdays: {', '.join(sorted(map(str, unknown)))}")
    week: list[tuple[Interval, ...]] = []
    for key in WEEKDAY_KEYS:
        raw = data.get(key, [])
        if not isinstance(raw, list) or not all(
            isinstance(pair, list) and len(pair) == 2 for pair in raw
        ):
            raise CalendarError("format", f"{key}: a list of [start, end] pairs")
        day = tuple((_parse_time(a, key), _parse_time(b, key)) for a, b in raw)
        _check_day(day, key)
        week.append(day)
    return tuple(week)


def format_working_hours(week: WeeklyHours) -> dict[str, list[list[str]]]:
    """The JSON form of `week`, the inverse of `parse_working_hours` (closed days left out)."""
    return {
        key: [[f"{a:%H:%M}", END_OF_DAY if b == time(0) else f"{b:%H:%M}"] for a, b in day]
        for key, day in zip(WEEKDAY_KEYS, week, strict=True)
        if day
    }


def _to_instant(day: date, wall: time, zone: ZoneInfo) -> datetime:
    """The UTC instant of a wall-clock time on a local day (see the module notes on DST)."""
    local = datetime.combine(day, wall, tzinfo=zone)
    naive = local.replace(tzinfo=None)
    instant = local.astimezone(UTC)
    if instant.astimezone(zone).replace(tzinfo=None) == naive:
        return instant
    # Skipped by a spring change: find the second the clocks jumped. Read with the later
    # offset the wall time lies before the jump, read with the earlier one after it.
    low = int(local.replace(fold=1).astimezone(UTC).timestamp())
    high = int(instant.timestamp())
    while high - low > 1:
        middle = (low + high) // 2
        if datetime.fromtimestamp(middle, zone).replace(tzinfo=None) >= naive:
            high = middle
        else:
            low = middle
    return datetime.fromtimestamp(high, UTC)


@dataclass(frozen=True, slots=True)
class BusinessCalendar:
    """When a desk is open, and how much of that lies between two instants.

    All arguments and results are aware datetimes; results are in UTC.
    """

    time_zone: str
    working_hours: WeeklyHours
    country: str | None = None
    subdivision: str | None = None
    closed_dates: frozenset[date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        try:
            ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise CalendarError("time_zone", f"unknown time zone {self.time_zone!r}") from None
        if len(self.working_hours) != 7:
            raise CalendarError("format", "working hours need seven weekdays")
        for key, day in zip(WEEKDAY_KEYS, self.working_hours, strict=True):
            _check_day(day, key)
        if not any(self.working_hours):
            raise CalendarError("empty", "a calendar needs at least one working interval")
        if self.country is None:
            if self.subdivision:
                raise CalendarError("subdivision", "a subdivision needs a country")
        elif self.country not in COUNTRIES:
            raise CalendarError("country", f"unsupported country {self.country!r}")
        elif self.subdivision and self.subdivision not in subdivisions(self.country):
            raise CalendarError(
                "subdivision", f"{self.country} has no subdivision {self.subdivision!r}"
            )

    @classmethod
    def weekly(
        cls,
        time_zone: str,
        hours: Mapping[str, Sequence[Sequence[str]]],
        *,
        country: str | None = None,
        subdivision: str | None = None,
        closed_dates: Iterable[date] = (),
    ) -> BusinessCalendar:
        """Build a calendar from the JSON-like form, e.g. `{"mon": [["08:00", "17:00"]]}`."""
        as_lists = {key: [list(pair) for pair in day] for key, day in hours.items()}
        return cls(
            time_zone=time_zone,
            working_hours=parse_working_hours(as_lists),
            country=country,
            subdivision=subdivision,
            closed_dates=frozenset(closed_dates),
        )

    # -- days ---------------------------------------------------------------------------

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)  # zoneinfo caches instances per key

    def is_closed_day(self, day: date) -> bool:
        """Whether `day` is a public holiday or an extra closed date."""
        if day in self.closed_dates:
            return True
        return self.country is not None and day in public_holidays(
            self.country, self.subdivision, day.year
        )

    def intervals_on(self, day: date) -> list[tuple[datetime, datetime]]:
        """The open intervals of one local day as UTC instants, empty on closed days."""
        if self.is_closed_day(day):
            return []
        zone = self.zone
        result = []
        for start, end in self.working_hours[day.weekday()]:
            opens = _to_instant(day, start, zone)
            if end == time(0):
                closes = _to_instant(day + timedelta(days=1), end, zone)
            else:
                closes = _to_instant(day, end, zone)
            if closes > opens:  # an interval inside a skipped hour has no time at all
                result.append((opens, closes))
        return result

    def _intervals_from(self, at: datetime) -> Iterator[tuple[datetime, datetime]]:
        """Open intervals that end after `at`, in order; stops if the desk never opens again."""
        day = at.astimezone(self.zone).date()
        closed_in_a_row = 0
        while closed_in_a_row <= MAX_CLOSED_DAYS:
            found = False
            for opens, closes in self.intervals_on(day):
                if closes > at:
                    found = True
                    yield opens, closes
            closed_in_a_row = 0 if found else closed_in_a_row + 1
            day += timedelta(days=1)
        raise CalendarError("never_open", f"closed for more than {MAX_CLOSED_DAYS} days")

    # -- queries ------------------------------------------------------------------------

    def is_open(self, at: datetime) -> bool:
        """Whether the desk is open at the instant `at`."""
        _require_aware(at)
        day = at.astimezone(self.zone).date()
        return any(opens <= at < closes for opens, closes in self.intervals_on(day))

    def next_opening(self, at: datetime) -> datetime:
        """The earliest instant at or after `at` when the desk is open (`at` itself if open)."""
        return self.add_business_time(at, ZERO)

    def add_business_time(self, start: datetime, duration: timedelta) -> datetime:
        """The instant at which `duration` of business time has passed since `start`.

        A zero duration gives `start` if the desk is open, else the next opening.
        """
        _require_aware(start)
        if duration < ZERO:
            raise ValueError("duration must not be negative")
        remaining = duration
        for opens, closes in self._intervals_from(start):
            begin = max(opens, start)
            available = closes - begin
            if available >= remaining:
                return (begin + remaining).astimezone(UTC)
            remaining -= available
        raise AssertionError("unreachable: _intervals_from raises when it runs out")

    def business_time_between(self, a: datetime, b: datetime) -> timedelta:
        """Business time from `a` to `b`; negative when `b` is before `a`."""
        _require_aware(a)
        _require_aware(b)
        if b < a:
            return -self.business_time_between(b, a)
        zone = self.zone
        day, last = a.astimezone(zone).date(), b.astimezone(zone).date()
        total = ZERO
        while day <= last:
            for opens, closes in self.intervals_on(day):
                overlap = min(closes, b) - max(opens, a)
                if overlap > ZERO:
                    total += overlap
            day += timedelta(days=1)
        return total


def _require_aware(at: datetime) -> None:
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("business time needs aware datetimes")
