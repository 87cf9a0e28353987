"""The SLA report: promises met and missed per policy, team, owner, Pate or ISO week.

What is counted is the clock history, not the clocks: a clock is one row per
case and kind, and the next-update clock starts again after every reply, so
only its history holds every promise it made. Each promise is decided once:

- **met**: a `met` event that was not late (answered before the deadline passed);
- **breached**: a `breached` event (the worker saw the deadline pass), whether
  the promise was then kept late, is still open, or was cancelled.

A promise counts in the period (and ISO week, local time) it was decided in.
Policy, team, owner and Pate are those of the clock and case as they are now.
Everything is one aggregate query per table; no row is read per clock.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from io import StringIO
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import TruncWeek
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from brandwache.people import person_name
from brandwache.sla.models import SlaClock, SlaClockEvent

History = SlaClockEvent.Kind
DEFAULT_WEEKS = 8
GROUPS = {
    "policy": _("Policy"),
    "team": _("Team"),
    "owner": _("Owner"),
    "pate": _("Pate of the category"),
    "week": _("ISO week"),
}
# Spreadsheets run cells that start like a formula; names come from admins, but still.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# The dates a report may ask for. Far wider than any promise recorded, yet far enough from
# the ends of the calendar (years 1 and 9999) that a day in any time zone stays a valid date.
FIRST_DAY = date(1970, 1, 1)
LAST_DAY = date(2999, 12, 31)


def default_start(today: date) -> date:
    """The Monday of the week eight weeks back, so the default covers eight whole weeks."""
    return today - timedelta(days=today.weekday(), weeks=DEFAULT_WEEKS - 1)


def within_report_range(value: date) -> None:
    if not FIRST_DAY <= value <= LAST_DAY:
        raise forms.ValidationError(
            _("Choose a date from %(first)s to %(last)s."),
            code="out_of_range",
            params={
                "first": date_format(FIRST_DAY, "SHORT_DATE_FORMAT"),
                "last": date_format(LAST_DAY, "SHORT_DATE_FORMAT"),
            },
        )


class ReportForm(forms.Form):
    start = forms.DateField(label=_("From"), required=False, validators=[within_report_range])
    end = forms.DateField(label=_("To"), required=False, validators=[within_report_range])
    kind = forms.ChoiceField(
        label=_("Clock"),
        required=False,
        choices=[("", _("All clocks")), *SlaClock.Kind.choices],
    )
    by = forms.ChoiceField(label=_("Per"), required=False, choices=list(GROUPS.items()))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            raise forms.ValidationError(_("The start date lies after the end date."))
        return data


@dataclass(frozen=True)
class ReportFilter:
    start: date
    end: date  # inclusive
    kind: str = ""
    by: str = "policy"

    @classmethod
    def from_params(cls, params: Any, today: date) -> tuple[ReportFilter, ReportForm]:
        """The filter the parameters ask for; the whole default report if any is wrong."""
        form = ReportForm(params)
        data = form.cleaned_data if form.is_valid() else {}
        report_filter = cls(
            start=data.get("start") or default_start(today),
            end=data.get("end") or today,
            kind=data.get("kind") or "",
            by=data.get("by") or "policy",
        )
        return report_filter, form

    def as_params(self) -> dict[str, str]:
        """The parameters that ask for this very report (for the CSV link)."""
        params = {"start": self.start.isoformat(), "end": self.end.isoformat(), "by": self.by}
        return {**params, "kind": self.kind} if self.kind else params


@dataclass(frozen=True)
class Row:
    label: str
    met: int
    breached: int

    @property
    def total(self) -> int:
        return self.met + self.breached

    @property
    def compliance(self) -> float | None:
        """Share of promises met, in percent; None when nothing was decided."""
        return 100 * self.met / self.total if self.total else None


@dataclass(frozen=True)
class Report:
    filter: ReportFilter
    rows: list[Row]
    total: Row

    @property
    def group_label(self) -> str:
        return str(GROUPS[self.filter.by])


def decided(report_filter: ReportFilter) -> QuerySet[SlaClockEvent]:
    """Every promise decided in the period: met in time, or breached."""
    zone = timezone.get_current_timezone()
    start = datetime.combine(report_filter.start, time(0), zone)
    end = datetime.combine(report_filter.end + timedelta(days=1), time(0), zone)
    events = SlaClockEvent.objects.filter(at__gte=start, at__lt=end).filter(
        Q(kind=History.BREACHED) | Q(kind=History.MET, data__late=False)
    )
    if report_filter.kind:
        events = events.filter(clock__kind=report_filter.kind)
    return events


def group_expression(by: str) -> Any:
    """What the events are grouped by, as a database expression."""
    if by == "week":
        return TruncWeek("at", tzinfo=timezone.get_current_timezone())
    if by == "pate":
        from brandwache.routing.models import TopicOwner

        pate = TopicOwner.objects.filter(category=OuterRef("clock__case__category"))
        return Subquery(pate.values("pate_id")[:1])
    return F(
        {
            "policy": "clock__policy__name",
            "team": "clock__case__team__name",
            "owner": "clock__case__owner_id",
        }[by]
    )


def build_report(report_filter: ReportFilter) -> Report:
    events = decided(report_filter)
    counts = {
        "met": Count("pk", filter=Q(kind=History.MET)),
        "breached": Count("pk", filter=Q(kind=History.BREACHED)),
    }
    grouped = (
        events.annotate(group=group_expression(report_filter.by))
        .values("group")
        .annotate(**counts)
        .order_by()
    )
    rows = label_rows(report_filter.by, list(grouped))
    total = events.aggregate(**counts)
    return Report(report_filter, rows, Row(gettext("Total"), total["met"], total["breached"]))


def label_rows(by: str, found: list[dict[str, Any]]) -> list[Row]:
    """Readable labels, in a sensible order: weeks by date, the rest by name, blanks last."""
    if by == "week":
        found.sort(key=lambda item: item["group"])
        return [Row(week_label(item["group"]), item["met"], item["breached"]) for item in found]
    if by in ("owner", "pate"):
        users = get_user_model().objects.in_bulk([i["group"] for i in found if i["group"]])
        names = {pk: person_name(user) for pk, user in users.items()}
        blank = gettext("Nobody")
    else:
        names = {}
        blank = gettext("No team") if by == "team" else "–"
    rows = [
        Row(
            names.get(item["group"], str(item["group"])) if item["group"] else blank,
            item["met"],
            item["breached"],
        )
        for item in found
    ]
    return sorted(rows, key=lambda row: (row.label == blank, row.label.casefold()))


def week_label(start: datetime | date) -> str:
    """ "2026-W47 (16.11.–22.11.)": the ISO week and its Monday to Sunday."""
    day = timezone.localtime(start).date() if isinstance(start, datetime) else start
    year, week, _weekday = day.isocalendar()
    sunday = day + timedelta(days=6)
    span = f"{date_format(day, 'd.m.')}–{date_format(sunday, 'd.m.')}"
    return f"{year}-W{week:02d} ({span})"


def csv_cell(value: object) -> str:
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def report_csv(report: Report) -> str:
    """The table as CSV: group, met, breached, total, compliance in percent."""
    out = StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            report.group_label,
            gettext("Met"),
            gettext("Breached"),
            gettext("Total"),
            gettext("Compliance (%)"),
        ]
    )
    for row in [*report.rows, report.total]:
        share = "" if row.compliance is None else f"{row.compliance:.1f}"
        writer.writerow([csv_cell(row.label), row.met, row.breached, row.total, share])
    return out.getvalue()
