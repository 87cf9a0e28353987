"""Properties that must hold for every calendar, instant and duration."""

from datetime import UTC, date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from brandwache.sla.calendar import BusinessCalendar, subdivisions

# Zones with DST at 02:00, none at all, a change at midnight and a half-hour change.
ZONES = ["Europe/Zurich", "Europe/Berlin", "Europe/Vienna", "UTC", "America/Santiago"]
ZONES += ["Australia/Lord_Howe"]
TICK = timedelta(microseconds=1)


@st.composite
def days(draw: st.DrawFn) -> tuple[tuple[time, time], ...]:
    """Zero to three intervals on quarter hours, possibly ending at 24:00."""
    count = draw(st.integers(0, 3))
    points = sorted(draw(st.sets(st.integers(0, 96), min_size=2 * count, max_size=2 * count)))
    minutes = [15 * p for p in points]

    def wall(m: int) -> time:
        return time(0) if m == 1440 else time(m // 60, m % 60)

    return tuple((wall(a), wall(b)) for a, b in zip(minutes[::2], minutes[1::2], strict=True))


@st.composite
def calendars(draw: st.DrawFn) -> BusinessCalendar:
    week = tuple(draw(days()) for _ in range(7))
    if not any(week):
        week = (((time(8), time(17)),), *week[1:])
    country = draw(st.sampled_from([None, "CH", "DE", "AT"]))
    subdivision = None
    if country and draw(st.booleans()):
        subdivision = draw(st.sampled_from(subdivisions(country)))
    closed = draw(st.frozensets(st.dates(date(2026, 1, 1), date(2027, 12, 31)), max_size=20))
    return BusinessCalendar(
        time_zone=draw(st.sampled_from(ZONES)),
        working_hours=week,
        country=country,
        subdivision=subdivision,
        closed_dates=closed,
    )


instants = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.just(UTC)
)
durations = st.timedeltas(min_value=timedelta(0), max_value=timedelta(hours=400))

checked = settings(deadline=None, max_examples=100)


@checked
@given(calendars(), instants, durations)
def test_measuring_an_added_duration_gives_it_back(
    calendar: BusinessCalendar, start: datetime, duration: timedelta
) -> None:
    due = calendar.add_business_time(start, duration)

    assert due >= start
    assert calendar.business_time_between(start, due) == duration


@checked
@given(calendars(), instants, instants, instants)
def test_business_time_is_additive_over_any_middle_point(
    calendar: BusinessCalendar, a: datetime, b: datetime, c: datetime
) -> None:
    whole = calendar.business_time_between(a, c)

    assert whole == calendar.business_time_between(a, b) + calendar.business_time_between(b, c)
    assert whole == -calendar.business_time_between(c, a)


@checked
@given(calendars(), instants, instants, durations, durations)
def test_deadlines_never_move_backwards(
    calendar: BusinessCalendar, s1: datetime, s2: datetime, d1: timedelta, d2: timedelta
) -> None:
    (s1, s2), (d1, d2) = sorted([s1, s2]), sorted([d1, d2])

    assert calendar.add_business_time(s1, d1) <= calendar.add_business_time(s1, d2)
    assert calendar.add_business_time(s1, d1) <= calendar.add_business_time(s2, d1)
    assert calendar.business_time_between(s1, s2) >= timedelta(0)


@checked
@given(calendars(), instants, durations)
def test_a_deadline_is_inside_open_hours_or_exactly_at_a_closing_time(
    calendar: BusinessCalendar, start: datetime, duration: timedelta
) -> None:
    due = calendar.add_business_time(start, duration)

    open_just_before = calendar.business_time_between(due - TICK, due) == TICK
    assert calendar.is_open(due) or (duration > timedelta(0) and open_just_before)


@checked
@given(calendars(), instants)
def test_a_zero_duration_gives_the_start_if_open_else_the_next_opening(
    calendar: BusinessCalendar, start: datetime
) -> None:
    due = calendar.add_business_time(start, timedelta(0))

    assert due == calendar.next_opening(start)
    assert calendar.is_open(due)
    assert calendar.business_time_between(start, due) == timedelta(0)
    if calendar.is_open(start):
        assert due == start
    else:
        assert not calendar.is_open(due - TICK)


@checked
@given(calendars(), instants, durations, durations.filter(lambda d: d > timedelta(0)))
def test_adding_in_two_steps_equals_adding_once(
    calendar: BusinessCalendar, start: datetime, first: timedelta, second: timedelta
) -> None:
    in_steps = calendar.add_business_time(calendar.add_business_time(start, first), second)

    assert in_steps == calendar.add_business_time(start, first + second)
