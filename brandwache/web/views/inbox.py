"""The inbox: every case the agent may see, filtered, searched and sorted by GET parameters."""

from __future__ import annotations

from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from brandwache.cases.access import visible_cases
from brandwache.cases.models import Case, Team
from brandwache.intake.channels.base import all_channels
from brandwache.sla.display import Calendars, annotate_cases
from brandwache.sla.timesource import current_time
from brandwache.web.forms import agent_users
from brandwache.web.inbox_query import SORTS, STATUS_LABELS, InboxFilter
from brandwache.web.paging import Page, peek_page
from brandwache.web.views.common import agent_required

PER_PAGE = 50


@agent_required
def inbox(request: HttpRequest) -> HttpResponse:
    filters = InboxFilter.from_params(request.GET)
    cases = filters.apply(visible_cases(request.user), request.user)
    # Sort and cut the page on the narrow id column first, then load just those rows
    # with their contact, owner and team: a full sort then moves ids, not whole rows.
    ids = peek_page(cases.values_list("pk", flat=True), request.GET.get("page"), PER_PAGE)
    rows = Case.objects.select_related("contact", "owner", "team").in_bulk(ids.items)
    page = Page(
        items=[rows[pk] for pk in ids.items if pk in rows], number=ids.number, has_next=ids.has_next
    )
    # Contacts without a name are shown by an identity: one query for the whole page.
    unnamed = [
        case.contact for case in page.items if case.contact and not case.contact.display_name
    ]
    prefetch_related_objects(unnamed, "identities")
    # SLA badge and countdown: one query for the page's clocks (calendars shared with the nav).
    annotate_cases(page.items, current_time(), calendars=Calendars.for_request(request))
    return render(
        request,
        "web/inbox.html",
        {
            "nav": "inbox",
            "page": page,
            "filters": filters,
            "status_choices": [*STATUS_LABELS.items(), *Case.Status.choices],
            "channel_choices": sorted(
                ((channel.key, str(channel.label)) for channel in all_channels()),
                key=lambda item: item[1],
            ),
            "agents": agent_users(),
            "teams": Team.objects.all(),
            "sort_choices": [(key, sort.label) for key, sort in SORTS.items()],
        },
    )
