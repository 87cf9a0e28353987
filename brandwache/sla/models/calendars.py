"""Stored business calendars; the arithmetic lives in the pure `calendar` module."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from brandwache.sla import calendar

# Mon–Fri 08:00–17:00, the hours most desks start from.
OFFICE_HOURS = {key: [["08:00", "17:00"]] for key in calendar.WEEKDAY_KEYS[:5]}

# Which field a calendar problem belongs to, and how to tell the user.
PROBLEMS: dict[str, tuple[str, Any]] = {
    "format": (
        "working_hours",
        _(
            "Enter working hours per weekday, "
            'e.g. {"mon": [["08:00", "12:00"], ["13:00", "17:00"]]}.'
        ),
    ),
    "weekday": ("working_hours", _("Use the weekdays mon, tue, wed, thu, fri, sat and sun.")),
    "time": ("working_hours", _("Enter times as HH:MM in whole minutes, e.g. 08:00 or 24:00.")),
    "order": ("working_hours", _("Every working interval must start before it ends.")),
    "overlap": ("working_hours", _("Working intervals of a day must be in order and not overlap.")),
    "empty": ("working_hours", _("Enter at least one working interval.")),
    "time_zone": ("time_zone", _("Enter a time zone such as Europe/Zurich.")),
    "country": ("country", _("Choose Switzerland, Germany or Austria.")),
    "subdivision": ("subdivision", _("This canton or state is not known for the chosen country.")),
}


def default_working_hours() -> dict[str, list[list[str]]]:
    return {key: [list(pair) for pair in day] for key, day in OFFICE_HOURS.items()}


class BusinessCalendar(models.Model):
    """Opening hours, time zone and holidays that business-time targets are measured in."""

    class Country(models.TextChoices):
        SWITZERLAND = "CH", _("Switzerland")
        GERMANY = "DE", _("Germany")
        AUSTRIA = "AT", _("Austria")

    name = models.CharField(_("name"), max_length=100, unique=True)
    time_zone = models.CharField(_("time zone"), max_length=64, default="Europe/Zurich")
    country = models.CharField(
        _("country"), max_length=2, choices=Country.choices, default=Country.SWITZERLAND
    )
    subdivision = models.CharField(
        _("canton or state"),
        max_length=20,
        blank=True,
        help_text=_("Code as used for public holidays, e.g. ZH, BY or 9; empty for national ones."),
    )
    working_hours = models.JSONField(
        _("working hours"),
        default=default_working_hours,
        help_text=_(
            'Per weekday a list of intervals in local time, e.g. {"mon": [["08:00", "12:00"], '
            '["13:00", "17:00"]]}; missing weekdays are closed.'
        ),
    )
    is_default = models.BooleanField(
        _("default"), default=False, help_text=_("Used where no other calendar is chosen.")
    )

    class Meta:
        verbose_name = _("business calendar")
        verbose_name_plural = _("business calendars")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="sla_one_default_calendar"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def default(cls) -> BusinessCalendar | None:
        """The calendar used where no other is chosen (one is created on install)."""
        return cls.objects.filter(is_default=True).first()

    def clean(self) -> None:
        try:
            self._build(closed_dates=())
        except calendar.CalendarError as error:
            field, message = PROBLEMS.get(error.code, ("working_hours", str(error)))
            raise ValidationError({field: message}, code=error.code) from None

    def as_calendar(self) -> calendar.BusinessCalendar:
        """The calendar as a value for business-time arithmetic, with its closed days."""
        return self._build(closed_dates=self.closed_days.values_list("date", flat=True))

    def _build(self, closed_dates: Any) -> calendar.BusinessCalendar:
        return calendar.BusinessCalendar(
            time_zone=self.time_zone,
            working_hours=calendar.parse_working_hours(self.working_hours),
            country=self.country or None,
            subdivision=self.subdivision or None,
            closed_dates=frozenset(closed_dates),
        )


class ClosedDay(models.Model):
    """A day the desk is closed beyond public holidays, e.g. a company outing."""

    calendar = models.ForeignKey(
        BusinessCalendar,
        verbose_name=_("calendar"),
        on_delete=models.CASCADE,
        related_name="closed_days",
    )
    date = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("closed day")
        verbose_name_plural = _("closed days")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["calendar", "date"], name="sla_closed_day_once")
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.reason}".strip()
