"""The SLA screens: cases about to miss a promise, and the report for team leads."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone

from brandwache.cases.access import visible_cases
from brandwache.cases.models import Case
from brandwache.sla.display import Calendars, annotate_cases
from brandwache.sla.models import SlaClock
from brandwache.sla.report import ReportFilter, build_report, report_csv
from brandwache.sla.soon import HOURS_CHOICES, breaching_soon, within_hours
from brandwache.sla.timesource import current_time
from brandwache.web.paging import Page, peek_page
from brandwache.web.views.common import agent_required, permission_required

PER_PAGE = 50
REPORT_PERMISSION = "cases.view_all_cases"


@agent_required
def soon(request: HttpRequest) -> HttpResponse:
    now = current_time()
    within = within_hours(request.GET.get("hours"))
    calendars = Calendars.for_request(request)
    cases = breaching_soon(visible_cases(request.user), now, within, calendars)
    ids = peek_page(cases.values_list("pk", flat=True), request.GET.get("page"), PER_PAGE)
    rows = Case.objects.select_related("owner", "team").in_bulk(ids.items)
    page = Page(
        items=[rows[pk] for pk in ids.items if pk in rows], number=ids.number, has_next=ids.has_next
    )
    annotate_cases(page.items, now, calendars=calendars)
    return render(
        request,
        "sla/soon.html",
        {
            "nav": "sla_soon",
            "page": page,
            "hours": int(within.total_seconds() // 3600),
            "hours_choices": HOURS_CHOICES,
            "kinds": dict(SlaClock.Kind.choices),
        },
    )


@permission_required(REPORT_PERMISSION)
def report(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate(current_time())
    report_filter, form = ReportFilter.from_params(request.GET, today)
    return render(
        request,
        "sla/report.html",
        {
            "nav": "sla_report",
            "form": form,
            "report": build_report(report_filter),
            # The table shown, also when the form asked for something impossible.
            "csv_query": urlencode(report_filter.as_params()),
        },
    )


@permission_required(REPORT_PERMISSION)
def report_download(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate(current_time())
    report_filter, form = ReportFilter.from_params(request.GET, today)
    if not form.is_valid():
        # A download of another period than asked for would be read as the one asked for.
        problems = " ".join(str(error) for errors in form.errors.values() for error in errors)
        return HttpResponseBadRequest(problems, content_type="text/plain; charset=utf-8")
    body = report_csv(build_report(report_filter))
    name = f"sla-{report_filter.by}-{report_filter.start:%Y%m%d}-{report_filter.end:%Y%m%d}.csv"
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
