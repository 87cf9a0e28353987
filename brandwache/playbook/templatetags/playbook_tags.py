"""The playbook panel on the case page and the warning inside the reply form."""

from __future__ import annotations

from typing import Any

from django import template

from brandwache.cases.models import Case
from brandwache.playbook.complaints import complaint_status
from brandwache.playbook.display import gesture_label, personal_rows, playbook_rows
from brandwache.playbook.drafts import DraftReport, check_draft
from brandwache.playbook.forms import GestureForm
from brandwache.playbook.models import GoodwillGesture, ReplyReview

register = template.Library()

# Cases in these states are past the point where the customer got their remedy.
SETTLED = {Case.Status.RESOLVED, Case.Status.CLOSED}


def checks_context(report: DraftReport) -> dict[str, Any]:
    return {
        "report": report,
        "playbook_rows": playbook_rows(report) if report.complaint.is_complaint else [],
        "personal_rows": personal_rows(report),
    }


def _draft(context: template.Context) -> str:
    form = context.get("reply_form")
    if form is not None and form.is_bound:
        return str(form.data.get("text", ""))
    return ""


def _report(context: template.Context, case: Case) -> DraftReport:
    """The report the reply view handed in, else one on the draft in the reply form."""
    report = context.get("reply_check")
    if isinstance(report, DraftReport):
        return report
    user = getattr(context.get("request"), "user", None)
    return check_draft(case, _draft(context), user)


@register.inclusion_tag("playbook/reply_checks.html", takes_context=True)
def reply_checks(context: template.Context, case: Case) -> dict[str, Any]:
    """The live checks of the draft, under the reply form."""
    return {**checks_context(_report(context, case)), "case": case}


@register.inclusion_tag("playbook/panel.html", takes_context=True)
def playbook_panel(context: template.Context, case: Case) -> dict[str, Any]:
    """Complaint or not, the playbook, the last reply's review and the goodwill gestures."""
    can_write = bool(context.get("can_write"))
    complaint = complaint_status(case)
    gestures = list(GoodwillGesture.objects.filter(case=case).order_by("created_at", "pk"))
    last_review = ReplyReview.objects.filter(case=case).order_by("-created_at", "-pk").first()
    return {
        "case": case,
        "complaint": complaint,
        "can_write": can_write,
        "last_review": last_review,
        "gestures": [gesture_label(g) for g in gestures],
        "offer_gesture": can_write and complaint.is_complaint and case.status in SETTLED,
        "gesture_form": GestureForm(auto_id="id_gesture_%s"),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("playbook/reply_warning.html", takes_context=True)
def reply_warning(context: template.Context) -> dict[str, Any]:
    """Why the reply was held back, and the box to send it anyway (inside the reply form)."""
    report = context.get("reply_check")
    warnings = report.warnings() if isinstance(report, DraftReport) else []
    return {"warnings": warnings, "form": context.get("reply_form")}
