"""Intake problems: raw payloads that could not become messages, and trying them again."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from brandwache.audit.actions import record_audit
from brandwache.audit.models import AuditEntry
from brandwache.cases.models import Message
from brandwache.intake import pipeline
from brandwache.intake.models import RawMessage
from brandwache.web.paging import peek_page
from brandwache.web.views.common import acting_user, client_ip, permission_required

VIEW_PERM = "intake.view_rawmessage"
CHANGE_PERM = "intake.change_rawmessage"
# One click retries this many; the page stays responsive even after a long outage.
REPROCESS_BATCH = 200
EXTENSIONS = {"message/rfc822": "eml", "application/json": "json"}


@permission_required(VIEW_PERM)
def problems(request: HttpRequest) -> HttpResponse:
    raws = (
        RawMessage.objects.filter(status=RawMessage.Status.FAILED)
        .defer("payload")
        .order_by("-received_at", "-pk")
    )
    page = peek_page(raws, request.GET.get("page"))
    return render(
        request,
        "web/intake_problems.html",
        {"page": page, "can_change": request.user.has_perm(CHANGE_PERM), "nav": "intake"},
    )


@require_POST
@permission_required(CHANGE_PERM)
def reprocess(request: HttpRequest, pk: int) -> HttpResponse:
    raw = get_object_or_404(RawMessage, pk=pk)
    message = _reprocess(request, raw)
    if message is not None:
        messages.success(
            request,
            _("The message was processed and is now on case %(reference)s.")
            % {"reference": message.case.reference},
        )
    else:
        messages.error(request, _("Still not processable: %(reason)s") % {"reason": raw.error})
    return redirect("web:intake_problems")


@require_POST
@permission_required(CHANGE_PERM)
def reprocess_all(request: HttpRequest) -> HttpResponse:
    pks = list(
        RawMessage.objects.filter(status=RawMessage.Status.FAILED)
        .order_by("received_at", "pk")
        .values_list("pk", flat=True)[:REPROCESS_BATCH]
    )
    done = failed = 0
    for pk in pks:
        if _reprocess(request, RawMessage.objects.get(pk=pk)) is None:
            failed += 1
        else:
            done += 1
    messages.info(
        request,
        ngettext(
            "%(done)s of %(total)s message processed.",
            "%(done)s of %(total)s messages processed.",
            len(pks),
        )
        % {"done": done, "total": len(pks)},
    )
    if failed:
        messages.warning(
            request,
            ngettext(
                "%(count)s message still fails; its reason is shown in the list.",
                "%(count)s messages still fail; their reasons are shown in the list.",
                failed,
            )
            % {"count": failed},
        )
    return redirect("web:intake_problems")


def _reprocess(request: HttpRequest, raw: RawMessage) -> Message | None:
    message = pipeline.reprocess(raw, actor=acting_user(request))
    record_audit(
        acting_user(request),
        AuditEntry.Action.RAW_MESSAGE_REPROCESSED,
        raw,
        ip=client_ip(request),
        outcome="processed" if message is not None else raw.error[:500],
    )
    return message


@permission_required(CHANGE_PERM)
def raw_payload(request: HttpRequest, pk: int) -> HttpResponse:
    """The payload exactly as received, for a lead to inspect; never shown inline."""
    raw = get_object_or_404(RawMessage, pk=pk)
    record_audit(
        acting_user(request), AuditEntry.Action.RAW_PAYLOAD_DOWNLOADED, raw, ip=client_ip(request)
    )
    extension = EXTENSIONS.get(raw.content_type, "bin")
    response = HttpResponse(bytes(raw.payload), content_type="application/octet-stream")
    response["Content-Disposition"] = (
        f'attachment; filename="raw-{raw.channel}-{raw.pk}.{extension}"'
    )
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
