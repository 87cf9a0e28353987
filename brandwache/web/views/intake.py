"""Intake problems: raw payloads that could not be processed, and trying them again.

Two kinds of raw item fail here: messages from the mail and form channels, which become
messages on cases (`intake.pipeline`), and public posts from listening sources, which
become posts and mentions (`listening.posts`). `retry` sends each down its own path.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from brandwache.audit.actions import record_audit
from brandwache.audit.models import AuditEntry
from brandwache.intake import pipeline
from brandwache.intake.models import RawMessage
from brandwache.listening import posts
from brandwache.listening.models import Source
from brandwache.listening.webhook import REFUSED_BODY_KEY
from brandwache.web import timeline
from brandwache.web.paging import peek_page
from brandwache.web.views.common import acting_user, client_ip, permission_required

VIEW_PERM = "intake.view_rawmessage"
CHANGE_PERM = "intake.change_rawmessage"
# One click retries this many; the page stays responsive even after a long outage.
REPROCESS_BATCH = 200
EXTENSIONS = {"message/rfc822": "eml", "application/json": "json"}
# Raw items of these channels are public posts of a listening source.
LISTENING_CHANNELS = frozenset(Source.Kind.values)


def is_post(raw: RawMessage) -> bool:
    return raw.channel in LISTENING_CHANNELS


def is_refused_body(raw: RawMessage) -> bool:
    return is_post(raw) and REFUSED_BODY_KEY in (raw.metadata or {})


@dataclass(frozen=True)
class Retried:
    processed: bool
    summary: str  # what the lead is told, in their language


def retry(raw: RawMessage, actor: AbstractBaseUser | None) -> Retried:
    """Process a failed raw item again on its channel's path: a post through listening,
    everything else through the mail pipeline. A refused webhook body is not tried."""
    if is_refused_body(raw):
        return Retried(False, not_reprocessable())
    if not is_post(raw):
        message = pipeline.reprocess(raw, actor=actor)
        if message is None:
            return Retried(False, still_failing(raw.error))
        return Retried(
            True,
            _("The message was processed and is now on case %(reference)s.")
            % {"reference": message.case.reference},
        )
    if raw.status == RawMessage.Status.PROCESSED:
        return Retried(True, _("The post was processed already."))
    try:
        outcome = posts.reprocess(raw)
    except (KeyError, Source.DoesNotExist):
        pipeline.mark_attempt(raw, RawMessage.Status.FAILED, "Its listening source is gone.")
        return Retried(False, still_failing(raw.error))
    if raw.status != RawMessage.Status.PROCESSED:
        return Retried(False, still_failing(raw.error))
    mentions = ngettext("%(count)s mention", "%(count)s mentions", outcome.mentions) % {
        "count": outcome.mentions
    }
    cases = ngettext("%(count)s case", "%(count)s cases", outcome.cases) % {"count": outcome.cases}
    return Retried(
        True,
        _("The post was processed: %(mentions)s, %(cases)s.")
        % {"mentions": mentions, "cases": cases},
    )


def still_failing(reason: str) -> str:
    return _("Still not processable: %(reason)s") % {"reason": reason}


def not_reprocessable() -> str:
    return _(
        "This is a webhook request that was refused as a whole, not a post; it cannot be "
        "processed again. The sender has to send the posts again."
    )


@permission_required(VIEW_PERM)
def problems(request: HttpRequest) -> HttpResponse:
    raws = (
        RawMessage.objects.filter(status=RawMessage.Status.FAILED)
        .defer("payload")
        .order_by("-received_at", "-pk")
    )
    page = peek_page(raws, request.GET.get("page"))
    rows = _rows(page.items)
    return render(
        request,
        "web/intake_problems.html",
        {
            "page": page,
            "rows": rows,
            "can_change": request.user.has_perm(CHANGE_PERM),
            "any_reprocessable": page.has_next or any(row.reprocessable for row in rows),
            "nav": "intake",
        },
    )


@dataclass(frozen=True)
class Row:
    """One failed raw item as the list shows it."""

    raw: RawMessage
    channel: str
    kind: str  # "message", "post" or "refused_body"
    details: list[tuple[str, Any]]
    reference: str

    @property
    def reprocessable(self) -> bool:
        return self.kind != "refused_body"

    @property
    def not_reprocessable(self) -> str:
        return "" if self.reprocessable else not_reprocessable()


def _rows(raws: list[RawMessage]) -> list[Row]:
    source_ids = {
        raw.metadata.get("source")
        for raw in raws
        if is_post(raw) and isinstance(raw.metadata, dict)
    }
    names = dict(
        Source.objects.filter(pk__in=[pk for pk in source_ids if isinstance(pk, int)]).values_list(
            "pk", "name"
        )
    )
    rows = []
    for raw in raws:
        metadata = raw.metadata if isinstance(raw.metadata, dict) else {}
        if not is_post(raw):
            rows.append(
                Row(
                    raw,
                    timeline.channel_label(raw.channel),
                    "message",
                    list(metadata.items()),
                    raw.external_id,
                )
            )
            continue
        source = metadata.get("source")
        details: list[tuple[str, Any]] = [
            (_("listening source"), names.get(source, _("deleted (no. %(pk)s)") % {"pk": source}))
        ]
        details += [
            (key, value)
            for key, value in metadata.items()
            if key not in ("source", REFUSED_BODY_KEY)
        ]
        # The stored key is "<source pk>:<id>"; the id alone is what the source calls it.
        reference = raw.external_id.split(":", 1)[-1]
        rows.append(
            Row(
                raw,
                str(Source.Kind(raw.channel).label),
                "refused_body" if is_refused_body(raw) else "post",
                details,
                reference,
            )
        )
    return rows


@require_POST
@permission_required(CHANGE_PERM)
def reprocess(request: HttpRequest, pk: int) -> HttpResponse:
    raw = get_object_or_404(RawMessage, pk=pk)
    result = _reprocess(request, raw)
    if result.processed:
        messages.success(request, result.summary)
    else:
        messages.error(request, result.summary)
    return redirect("web:intake_problems")


@require_POST
@permission_required(CHANGE_PERM)
def reprocess_all(request: HttpRequest) -> HttpResponse:
    pks = list(
        RawMessage.objects.filter(status=RawMessage.Status.FAILED)
        .exclude(Q(channel__in=LISTENING_CHANNELS) & Q(metadata__has_key=REFUSED_BODY_KEY))
        .order_by("received_at", "pk")
        .values_list("pk", flat=True)[:REPROCESS_BATCH]
    )
    done = failed = 0
    for pk in pks:
        if _reprocess(request, RawMessage.objects.get(pk=pk)).processed:
            done += 1
        else:
            failed += 1
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


def _reprocess(request: HttpRequest, raw: RawMessage) -> Retried:
    """`retry` with an audit entry for every attempt made."""
    result = retry(raw, acting_user(request))
    if is_refused_body(raw):
        return result  # nothing was tried
    record_audit(
        acting_user(request),
        AuditEntry.Action.RAW_MESSAGE_REPROCESSED,
        raw,
        ip=client_ip(request),
        outcome="processed" if result.processed else raw.error[:500],
    )
    return result


@permission_required(CHANGE_PERM)
def raw_payload(request: HttpRequest, pk: int) -> HttpResponse:
    """The payload exactly as received, for a lead to inspect; never shown inline."""
    raw = get_object_or_404(RawMessage, pk=pk)
    record_audit(
        acting_user(request), AuditEntry.Action.RAW_PAYLOAD_DOWNLOADED, raw, ip=client_ip(request)
    )
    payload = bytes(raw.payload)
    extension = EXTENSIONS.get(raw.content_type, "bin")
    if is_refused_body(raw) and not _is_json(payload):
        extension = "bin"  # the body is kept as sent, whatever it was
    response = HttpResponse(payload, content_type="application/octet-stream")
    response["Content-Disposition"] = (
        f'attachment; filename="raw-{raw.channel}-{raw.pk}.{extension}"'
    )
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


def _is_json(payload: bytes) -> bool:
    try:
        json.loads(payload)
    except ValueError:
        return False
    return True
