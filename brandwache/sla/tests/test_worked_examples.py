"""The examples from the issue, on the real 2026 calendar of canton Zurich."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from brandwache.sla.calendar import BusinessCalendar

ZURICH = ZoneInfo("Europe/Zurich")
FIVE_HOURS = timedelta(hours=5)


def office_hours() -> BusinessCalendar:
    weekdays = ("mon", "tue", "wed", "thu", "fri")
    return BusinessCalendar.weekly(
        "Europe/Zurich",
        {day: [["08:00", "17:00"]] for day in weekdays},
        country="CH",
        subdivision="ZH",
    )


def test_a_case_received_friday_afternoon_is_due_monday_noon() -> None:
    received = datetime(2026, 11, 20, 16, 0, tzinfo=ZURICH)  # a Friday

    due = office_hours().add_business_time(received, FIVE_HOURS)

    assert due == datetime(2026, 11, 23, 12, 0, tzinfo=ZURICH)


def test_a_monday_holiday_moves_the_deadline_to_tuesday_noon() -> None:
    # Whit Monday 2026 is 25 May, a public holiday in canton Zurich.
    received = datetime(2026, 5, 22, 16, 0, tzinfo=ZURICH)

    due = office_hours().add_business_time(received, FIVE_HOURS)

    assert due == datetime(2026, 5, 26, 12, 0, tzinfo=ZURICH)


def test_easter_monday_2027_is_skipped_as_well() -> None:
    # Good Friday 2027 (26 March) is a holiday too: Thursday 16:00 runs to Tuesday 30 March.
    received = datetime(2027, 3, 25, 16, 0, tzinfo=ZURICH)

    due = office_hours().add_business_time(received, FIVE_HOURS)

    assert due == datetime(2027, 3, 30, 12, 0, tzinfo=ZURICH)


def test_a_target_across_the_spring_dst_change_is_exact() -> None:
    # Clocks go from 02:00 to 03:00 on Sunday 29 March 2026.
    received = datetime(2026, 3, 27, 16, 0, tzinfo=ZURICH)  # 15:00 UTC, winter time
    calendar = office_hours()

    due = calendar.add_business_time(received, FIVE_HOURS)

    assert due == datetime(2026, 3, 30, 10, 0, tzinfo=UTC)  # 12:00 summer time
    assert due - received == timedelta(days=2, hours=19)  # one real hour less over the weekend
    assert calendar.business_time_between(received, due) == FIVE_HOURS


def test_a_target_across_the_autumn_dst_change_is_exact() -> None:
    # Clocks go from 03:00 back to 02:00 on Sunday 25 October 2026.
    received = datetime(2026, 10, 23, 16, 0, tzinfo=ZURICH)  # 14:00 UTC, summer time
    calendar = office_hours()

    due = calendar.add_business_time(received, FIVE_HOURS)

    assert due == datetime(2026, 10, 26, 11, 0, tzinfo=UTC)  # 12:00 winter time
    assert due - received == timedelta(days=2, hours=21)
    assert calendar.business_time_between(received, due) == FIVE_HOURS


def test_a_business_hour_on_a_dst_weekend_is_a_wall_clock_hour() -> None:
    weekend_desk = BusinessCalendar.weekly("Europe/Zurich", {"sun": [["08:00", "16:00"]]})
    sunday = datetime(2026, 3, 29, 0, 0, tzinfo=ZURICH)

    opened = weekend_desk.next_opening(sunday)

    assert opened == datetime(2026, 3, 29, 8, 0, tzinfo=ZURICH)
    assert weekend_desk.business_time_between(sunday, sunday + timedelta(days=1)) == timedelta(
        hours=8
    )


def test_a_day_open_around_the_clock_counts_the_real_hours_of_a_dst_day() -> None:
    always = BusinessCalendar.weekly("Europe/Zurich", {"sun": [["00:00", "24:00"]]})
    spring = datetime(2026, 3, 29, 0, 0, tzinfo=ZURICH)
    autumn = datetime(2026, 10, 25, 0, 0, tzinfo=ZURICH)

    assert always.business_time_between(spring, spring + timedelta(days=1)) == timedelta(hours=23)
    assert always.business_time_between(autumn, autumn + timedelta(days=1)) == timedelta(hours=25)


def test_an_interval_starting_in_the_skipped_hour_opens_when_the_clocks_jump() -> None:
    night_desk = BusinessCalendar.weekly("Europe/Zurich", {"sun": [["02:30", "04:00"]]})

    ((opens, closes),) = night_desk.intervals_on(datetime(2026, 3, 29).date())

    assert opens == datetime(2026, 3, 29, 3, 0, tzinfo=ZURICH)  # 01:00 UTC, the jump
    assert closes - opens == timedelta(hours=1)


def test_a_deadline_may_land_exactly_on_closing_time() -> None:
    received = datetime(2026, 11, 20, 16, 0, tzinfo=ZURICH)

    due = office_hours().add_business_time(received, timedelta(hours=1))

    assert due == datetime(2026, 11, 20, 17, 0, tzinfo=ZURICH)


def test_a_split_day_skips_the_lunch_break() -> None:
    split = BusinessCalendar.weekly(
        "Europe/Zurich", {"mon": [["08:00", "12:00"], ["13:00", "17:00"]]}
    )
    monday = datetime(2026, 11, 23, 11, 0, tzinfo=ZURICH)

    due = split.add_business_time(monday, timedelta(hours=2))

    assert due == datetime(2026, 11, 23, 14, 0, tzinfo=ZURICH)
    assert not split.is_open(datetime(2026, 11, 23, 12, 30, tzinfo=ZURICH))
    assert split.next_opening(datetime(2026, 11, 23, 12, 30, tzinfo=ZURICH)) == datetime(
        2026, 11, 23, 13, 0, tzinfo=ZURICH
    )
