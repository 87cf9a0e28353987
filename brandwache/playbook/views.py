"""The playbook's endpoints: checks of a draft (JSON), goodwill gestures, complaint marks.

Each needs an agent with write access to the case; all are POST with the CSRF token.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from brandwache.cases.access import case_for_user
from brandwache.cases.actions import CaseActionError
from brandwache.playbook.actions import mark_complaint, record_gesture
from brandwache.playbook.display import gesture_label
from brandwache.playbook.drafts import check_draft
from brandwache.playbook.forms import ComplaintMarkForm, DraftForm, GestureForm
from brandwache.playbook.templatetags.playbook_tags import checks_context
from brandwache.web.views.common import (
    acting_user,
    agent_required,
    client_ip,
    flash_form_errors,
)


def _back(case: object) -> HttpResponse:
    response = redirect(case)
    response["Location"] += "#playbook"
    return response


@require_POST
@agent_required
def check(request: HttpRequest, reference: str) -> JsonResponse:
    """The checks of the draft as data and as the panel's HTML, for the page's script."""
    case = case_for_user(request.user, reference, write=True)
    form = DraftForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"error": _("The draft could not be read.")}, status=400)
    report = check_draft(case, form.cleaned_data["text"], acting_user(request))
    html = render_to_string("playbook/checks.html", checks_context(report), request=request)
    return JsonResponse({**report.as_dict(), "html": html})


@require_POST
@agent_required
def gesture(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_for_user(request.user, reference, write=True)
    form = GestureForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return _back(case)
    data = form.cleaned_data
    try:
        recorded = record_gesture(
            case,
            acting_user(request),
            kind=data["kind"],
            value=data["value"],
            currency=data["currency"],
            note=data["note"],
            ip=client_ip(request),
        )
    except CaseActionError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Recorded: %(gesture)s offered.") % {"gesture": gesture_label(recorded)}
        )
    return _back(case)


@require_POST
@agent_required
def complaint(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_for_user(request.user, reference, write=True)
    form = ComplaintMarkForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return _back(case)
    is_complaint = form.cleaned_data["is_complaint"]
    mark_complaint(case, acting_user(request), is_complaint, ip=client_ip(request))
    messages.success(
        request,
        _("This case is handled as a complaint.")
        if is_complaint
        else _("This case is no longer handled as a complaint."),
    )
    return _back(case)
