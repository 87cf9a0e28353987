"""Public holidays per canton and state, and extra closed days."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from brandwache.sla.calendar import BusinessCalendar, CalendarError, public_holidays

WEEKDAYS = {day: [["08:00", "17:00"]] for day in ("mon", "tue", "wed", "thu", "fri")}


def calendar(country: str, subdivision: str | None, **extra) -> BusinessCalendar:
    zone = {"CH": "Europe/Zurich", "DE": "Europe/Berlin", "AT": "Europe/Vienna"}[country]
    return BusinessCalendar.weekly(
        zone, WEEKDAYS, country=country, subdivision=subdivision, **extra
    )


def test_saint_josephs_day_closes_ticino_but_not_zurich() -> None:
    st_joseph = date(2026, 3, 19)  # a Thursday

    assert calendar("CH", "TI").intervals_on(st_joseph) == []
    assert calendar("CH", "ZH").intervals_on(st_joseph) != []


def test_corpus_christi_closes_bavaria_but_not_berlin() -> None:
    corpus_christi = date(2026, 6, 4)
    noon = datetime(2026, 6, 4, 12, 0, tzinfo=ZoneInfo("Europe/Berlin"))

    assert not calendar("DE", "BY").is_open(noon)
    assert calendar("DE", "BE").is_open(noon)
    assert corpus_christi in public_holidays("DE", "BY", 2026)


def test_austrias_national_day_is_closed_in_every_state() -> None:
    national_day = datetime(2026, 10, 26, 10, 0, tzinfo=ZoneInfo("Europe/Vienna"))  # a Monday

    assert not calendar("AT", None).is_open(national_day)
    assert not calendar("AT", "9").is_open(national_day)
    assert calendar("AT", "9").is_open(national_day + timedelta(days=1))


def test_a_national_calendar_leaves_out_cantonal_holidays() -> None:
    assert date(2026, 3, 19) not in public_holidays("CH", None, 2026)
    assert date(2026, 3, 19) in public_holidays("CH", "TI", 2026)


def test_holidays_are_computed_once_per_year() -> None:
    public_holidays.cache_clear()
    zurich = calendar("CH", "ZH")
    start = datetime(2026, 1, 5, 8, 0, tzinfo=ZoneInfo("Europe/Zurich"))

    zurich.business_time_between(start, start + timedelta(days=300))

    assert public_holidays.cache_info().misses == 1


def test_an_extra_closed_day_is_skipped() -> None:
    outing = date(2026, 11, 23)  # the Monday after
    zurich = calendar("CH", "ZH", closed_dates=[outing])
    friday = datetime(2026, 11, 20, 16, 0, tzinfo=ZoneInfo("Europe/Zurich"))

    due = zurich.add_business_time(friday, timedelta(hours=5))

    assert due == datetime(2026, 11, 24, 12, 0, tzinfo=ZoneInfo("Europe/Zurich"))
    assert zurich.is_closed_day(outing)


def test_an_unknown_canton_is_rejected() -> None:
    with pytest.raises(CalendarError) as raised:
        calendar("CH", "BY")
    assert raised.value.code == "subdivision"


def test_a_country_outside_the_region_is_rejected() -> None:
    with pytest.raises(CalendarError) as raised:
        BusinessCalendar.weekly("Europe/Rome", WEEKDAYS, country="IT")
    assert raised.value.code == "country"
