"""Reading working hours and guarding the inputs of the arithmetic."""

from datetime import UTC, datetime, time, timedelta

import pytest

from brandwache.sla.calendar import (
    BusinessCalendar,
    CalendarError,
    format_working_hours,
    parse_working_hours,
)


def test_it_reads_split_days_and_leaves_missing_weekdays_closed() -> None:
    week = parse_working_hours({"mon": [["08:00", "12:00"], ["13:00", "17:00"]]})

    assert week[0] == ((time(8), time(12)), (time(13), time(17)))
    assert week[1:] == ((),) * 6


def test_it_writes_back_what_it_read() -> None:
    stored = {"sat": [["09:00", "13:00"]], "sun": [["18:00", "24:00"]]}

    assert format_working_hours(parse_working_hours(stored)) == stored


@pytest.mark.parametrize(
    ("hours", "code"),
    [
        ([["08:00", "17:00"]], "format"),
        ({"monday": [["08:00", "17:00"]]}, "weekday"),
        ({"mon": [["8:00", "17:00"]]}, "time"),
        ({"mon": [["08:00", "25:00"]]}, "time"),
        ({"mon": [["17:00", "08:00"]]}, "order"),
        ({"mon": [["08:00", "12:00"], ["11:00", "17:00"]]}, "overlap"),
        ({"mon": [["13:00", "17:00"], ["08:00", "12:00"]]}, "overlap"),
        ({"mon": ["08:00", "17:00"]}, "format"),
    ],
)
def test_it_rejects_malformed_working_hours(hours: object, code: str) -> None:
    with pytest.raises(CalendarError) as raised:
        parse_working_hours(hours)
    assert raised.value.code == code


def test_a_calendar_without_any_working_time_is_rejected() -> None:
    with pytest.raises(CalendarError) as raised:
        BusinessCalendar.weekly("Europe/Zurich", {})
    assert raised.value.code == "empty"


def test_an_unknown_time_zone_is_rejected() -> None:
    with pytest.raises(CalendarError) as raised:
        BusinessCalendar.weekly("Europe/Atlantis", {"mon": [["08:00", "17:00"]]})
    assert raised.value.code == "time_zone"


def test_naive_datetimes_and_negative_durations_are_refused() -> None:
    desk = BusinessCalendar.weekly("Europe/Zurich", {"mon": [["08:00", "17:00"]]})
    aware = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

    with pytest.raises(ValueError, match="aware"):
        desk.is_open(datetime(2026, 11, 23, 9, 0))
    with pytest.raises(ValueError, match="negative"):
        desk.add_business_time(aware, timedelta(hours=-1))


def test_a_desk_closed_for_years_raises_instead_of_looping() -> None:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    closed_for_good = [start.date() + timedelta(days=n) for n in range(4 * 366)]
    desk = BusinessCalendar.weekly(
        "Europe/Zurich", {"mon": [["08:00", "17:00"]]}, closed_dates=closed_for_good
    )

    with pytest.raises(CalendarError) as raised:
        desk.next_opening(start)
    assert raised.value.code == "never_open"


def test_a_thousand_business_hours_on_a_three_day_week_round_trip() -> None:
    desk = BusinessCalendar.weekly(
        "Europe/Zurich",
        {day: [["08:00", "12:00"], ["13:00", "17:00"]] for day in ("mon", "tue", "wed")},
        country="CH",
        subdivision="ZH",
    )
    start = datetime(2026, 1, 5, 7, 0, tzinfo=UTC)

    due = desk.add_business_time(start, timedelta(hours=1000))

    # 24 business hours a week, holidays on top: more than 41 weeks later.
    assert due - start > timedelta(weeks=41)
    assert desk.business_time_between(start, due) == timedelta(hours=1000)
