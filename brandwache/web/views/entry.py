"""New entry: an agent writes down a phone call, letter or fax; it goes through intake."""

from __future__ import annotations

import uuid
from datetime import datetime

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from brandwache.cases.access import case_for_user
from brandwache.intake import pipeline
from brandwache.intake.channels.formpayload import encode_payload
from brandwache.intake.models import RawMessage
from brandwache.web.forms import NewEntryForm, Scan
from brandwache.web.views.common import acting_user, agent_required, client_ip


def entry_payload(data: dict[str, object]) -> bytes:
    """The JSON the manual channels read (see `intake/channels/manual.py`)."""
    scan, occurred_at = data["scan"], data["occurred_at"]
    assert scan is None or isinstance(scan, Scan)
    assert isinstance(occurred_at, datetime)
    names = ("name", "email", "phone", "postal", "subject", "text", "case_reference")
    fields = {name: str(data[name]) for name in names}
    fields |= {"occurred_at": occurred_at.isoformat(), "category": ""}
    return encode_payload(fields, [scan] if scan is not None else [])


def _page(
    request: HttpRequest, form: NewEntryForm, *, status: int = 200, rejection: str = ""
) -> HttpResponse:
    context = {"form": form, "rejection": rejection, "nav": "new_entry"}
    return render(request, "web/new_entry.html", context, status=status)


@agent_required
def new_entry(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        # "Record a phone call instead" on a case page links here with the case filled in.
        reference = request.GET.get("case", "")[:20]
        return _page(request, NewEntryForm(initial={"case_reference": reference}))
    form = NewEntryForm(request.POST, request.FILES)
    if form.is_valid() and form.cleaned_data["case_reference"]:
        # The entry may only join a case the agent could open themselves.
        try:
            case_for_user(request.user, form.cleaned_data["case_reference"], write=True)
        except Http404:
            form.add_error(
                "case_reference", _("There is no case with this reference that you can see.")
            )
    if not form.is_valid():
        return _page(request, form, status=400)
    data = form.cleaned_data
    result = pipeline.ingest(
        data["kind"],
        entry_payload(data),
        metadata={
            "entry_id": str(data["entry_id"]),
            "user": request.user.get_username(),
            "ip": client_ip(request),
        },
        actor=acting_user(request),
    )
    if result.message is not None:
        case = result.message.case
        if result.created:
            messages.success(
                request,
                _("The entry was recorded on case %(reference)s.") % {"reference": case.reference},
            )
        return redirect(case)
    if result.raw.status == RawMessage.Status.PENDING:
        # The same form is being processed by a first click right now.
        messages.info(request, _("This entry is being recorded already."))
        return redirect("web:inbox")
    # The raw entry is kept (see intake problems); a corrected form needs a new id.
    form = NewEntryForm(
        data={**request.POST.dict(), "entry_id": str(uuid.uuid4())},
    )
    form.is_valid()
    return _page(request, form, status=422, rejection=result.raw.error)
