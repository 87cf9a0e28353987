"""Stored calendars: the default one, validation on clean, closed days and the admin."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse
from django.utils import translation

from brandwache.sla.models import BusinessCalendar, ClosedDay

ZURICH = ZoneInfo("Europe/Zurich")

pytestmark = pytest.mark.django_db


def test_install_creates_a_default_calendar_for_zurich_office_hours() -> None:
    stored = BusinessCalendar.default()
    assert stored is not None
    calendar = stored.as_calendar()

    due = calendar.add_business_time(
        datetime(2026, 5, 22, 16, 0, tzinfo=ZURICH), timedelta(hours=5)
    )

    assert (stored.time_zone, stored.country, stored.subdivision) == ("Europe/Zurich", "CH", "ZH")
    assert due == datetime(2026, 5, 26, 12, 0, tzinfo=ZURICH)  # over Whit Monday
    assert not calendar.is_open(datetime(2026, 11, 21, 10, 0, tzinfo=ZURICH))  # a Saturday


def test_closed_days_of_a_stored_calendar_are_skipped() -> None:
    stored = BusinessCalendar.objects.create(name="Berlin", time_zone="Europe/Berlin", country="DE")
    ClosedDay.objects.create(calendar=stored, date=date(2026, 11, 23), reason="Betriebsausflug")

    due = stored.as_calendar().add_business_time(
        datetime(2026, 11, 20, 16, 0, tzinfo=ZoneInfo("Europe/Berlin")), timedelta(hours=5)
    )

    assert due == datetime(2026, 11, 24, 12, 0, tzinfo=ZoneInfo("Europe/Berlin"))


def test_a_second_default_calendar_is_refused() -> None:
    with pytest.raises(IntegrityError):
        BusinessCalendar.objects.create(name="Wien", time_zone="Europe/Vienna", is_default=True)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"working_hours": {"mon": [["17:00", "08:00"]]}}, "working_hours"),
        ({"working_hours": {"montag": [["08:00", "17:00"]]}}, "working_hours"),
        ({"working_hours": {}}, "working_hours"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"subdivision": "BY"}, "subdivision"),
    ],
)
def test_clean_names_the_field_that_is_wrong(changes: dict, field: str) -> None:
    stored = BusinessCalendar(name="Test", **changes)

    with pytest.raises(ValidationError) as raised:
        stored.full_clean()

    assert list(raised.value.message_dict) == [field]


def test_validation_messages_are_in_german() -> None:
    stored = BusinessCalendar(name="Test", working_hours={"mon": [["17:00", "08:00"]]})

    with translation.override("de"), pytest.raises(ValidationError) as raised:
        stored.full_clean()

    assert raised.value.message_dict["working_hours"] == [
        "Jedes Arbeitsintervall muss vor seinem Ende beginnen."
    ]


def test_split_working_hours_pass_clean() -> None:
    BusinessCalendar(
        name="Split",
        subdivision="BE",
        working_hours={"mon": [["08:00", "12:00"], ["13:00", "17:00"]]},
    ).full_clean()


def test_an_admin_can_edit_calendars_with_their_closed_days(client) -> None:
    admin = User.objects.create_superuser("root", "root@example.ch", "pw-for-tests-only")
    client.force_login(admin)
    stored = BusinessCalendar.default()

    page = client.get(reverse("admin:sla_businesscalendar_change", args=[stored.pk]))

    assert page.status_code == 200
    assert b"closed_days-TOTAL_FORMS" in page.content
