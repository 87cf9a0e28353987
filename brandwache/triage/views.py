"""Agents correct (or confirm) a triage label with one click on the case page."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from brandwache.cases.access import case_for_user
from brandwache.cases.actions import CaseActionError
from brandwache.triage.corrections import correct_label
from brandwache.triage.models import LABEL_NAMES, Triage
from brandwache.web.views.common import acting_user, agent_required, client_ip


@require_POST
@agent_required
def correct(request: HttpRequest, pk: int) -> HttpResponse:
    triage = Triage.objects.select_related("case", "message").filter(pk=pk).first()
    if triage is None:
        raise Http404
    # Raises 404 for a case the agent may not see and 403 for one they may only read.
    case = case_for_user(request.user, triage.case.reference, write=True)
    label = request.POST.get("label", "")
    # Urgency is a set: one checkbox per signal, none ticked for none.
    value = (
        ",".join(request.POST.getlist("value"))
        if label == "urgency"
        else request.POST.get("value", "")
    )
    try:
        correct_label(triage, label, value, acting_user(request), ip=client_ip(request))
    except CaseActionError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Thank you: “%(label)s” is recorded and used in the next training.")
            % {"label": LABEL_NAMES.get(label, label)},
        )
    return redirect(case)
