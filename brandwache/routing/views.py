"""The hand-to-Pate button and the Paten overview; thin adapters around actions and queries."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from brandwache.cases.access import case_for_user
from brandwache.cases.actions import CaseActionError
from brandwache.people import person_name
from brandwache.routing.actions import hand_to_pate
from brandwache.routing.overview import paten_overview
from brandwache.web.views.common import acting_user, agent_required, client_ip


@require_POST
@agent_required
def hand_over(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_for_user(request.user, reference, write=True)
    try:
        responsible = hand_to_pate(case, acting_user(request), ip=client_ip(request))
    except CaseActionError as error:
        messages.error(request, str(error))
        return redirect(case)
    person = person_name(responsible.available) if responsible.available else "?"
    if responsible.is_deputy_standing_in:
        text = _("Handed to %(person)s, the deputy of the Pate.") % {"person": person}
    else:
        text = _("Handed to %(person)s, the Pate.") % {"person": person}
    messages.success(request, text)
    return redirect(case)


@agent_required
def overview(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    context = {"rows": paten_overview(today), "today": today, "nav": "paten"}
    return render(request, "routing/paten.html", context)
