"""The case page (header, cross-channel timeline, action forms) and attachment downloads."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from brandwache.cases import actions
from brandwache.cases.access import case_for_user
from brandwache.cases.models import Attachment, Case
from brandwache.web.forms import (
    AssignForm,
    CategoryForm,
    MergeForm,
    NoteForm,
    PriorityForm,
    ReplyForm,
    StatusForm,
    SubjectForm,
)
from brandwache.web.timeline import timeline
from brandwache.web.views.common import acting_user, agent_required, client_ip


@agent_required
def case_detail(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_for_user(request.user, reference)
    actions.record_view(case, acting_user(request), ip=client_ip(request))
    return render_case(request, case)


def render_case(
    request: HttpRequest, case: Case, *, reply_form: ReplyForm | None = None, **extra: object
) -> HttpResponse:
    """The case page; a reply form handed in (with the agent's draft) replaces the empty one."""
    identities = list(case.contact.identities.order_by("kind", "pk")) if case.contact else []
    can_write = request.user.has_perm("cases.change_case") and case.merged_into_id is None
    context: dict[str, object] = {
        "case": case,
        "identities": identities,
        "reply_to": next((i.value for i in identities if i.kind == "email"), None),
        "events": timeline(case),
        "can_write": can_write,
        "nav": "inbox",
    }
    if can_write:
        context |= {
            "reply_form": reply_form or ReplyForm(),
            "note_form": NoteForm(auto_id="id_note_%s"),
            "assign_form": AssignForm(initial={"owner": case.owner_id, "team": case.team_id}),
            "status_form": StatusForm(initial={"status": case.status}),
            "priority_form": PriorityForm(initial={"priority": case.priority}),
            "category_form": CategoryForm(
                initial={"category": case.category}, current=case.category
            ),
            "merge_form": MergeForm(),
            "subject_form": SubjectForm(initial={"subject": case.subject}),
        }
    return render(request, "web/case.html", context | extra)


@agent_required
def attachment(request: HttpRequest, reference: str, pk: int) -> FileResponse:
    """A file of a message on a case the user may see, always as a download."""
    case = case_for_user(request.user, reference)
    item = Attachment.objects.filter(pk=pk, message__case=case).first()
    if item is None:
        raise Http404("No such attachment.")
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        raise Http404("The attachment's file is missing.") from None
    who, ip = acting_user(request), client_ip(request)
    actions.record_view(case, who, ip=ip, attachment=item.pk, filename=item.filename)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=item.filename,
        content_type=item.content_type or "application/octet-stream",
    )
    # Even if a browser ignored the download header, an uploaded page could run nothing.
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
