"""The playbook's writes: a review of every sent reply, goodwill gestures, agents' verdicts."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from brandwache.cases import actions
from brandwache.cases.actions import CaseActionError
from brandwache.cases.models import Case, CaseEvent, Message
from brandwache.playbook.detectors import DETECTOR_VERSION
from brandwache.playbook.drafts import check_draft
from brandwache.playbook.models import ComplaintMark, GoodwillGesture, ReplyReview


def review_reply(message: Message) -> ReplyReview:
    """Store the playbook checks of a sent reply (once; a second call returns the first)."""
    existing = ReplyReview.objects.filter(message=message).first()
    if existing is not None:
        return existing
    report = check_draft(message.case, message.text, message.author, before=message)
    found = {name: finding.found for name, finding in report.playbook.items()}
    personal = report.personal
    return ReplyReview.objects.create(
        case=message.case,
        message=message,
        actor=message.author,
        is_complaint=report.complaint.is_complaint,
        greeting_by_name=personal.greeting.found,
        refers_to_customer=personal.reference.found,
        standard_text=personal.standard.found,
        personalised=not personal.impersonal,
        evidence={
            name: finding.evidence
            for name, finding in {
                **report.playbook,
                "greeting_by_name": personal.greeting,
                "refers_to_customer": personal.reference,
                "unchanged_standard_text": personal.standard,
            }.items()
            if finding.found
        }
        | {"complaint_source": report.complaint.source},
        detector_version=DETECTOR_VERSION,
        **found,
    )


def review_sent_reply(*, event: CaseEvent, case: Case, **_kwargs: object) -> None:
    """Receiver of `cases.signals.event_recorded`: review each reply in the same transaction."""
    if event.kind != CaseEvent.Kind.REPLY_SENT or event.message_id is None:
        return
    message = event.message
    if message is not None and message.direction == Message.Direction.OUTBOUND:
        review_reply(message)


def mark_sent_anyway(message: Message) -> bool:
    """Note that the agent sent an impersonal reply after the warning; False if it was personal."""
    return bool(
        ReplyReview.objects.filter(message=message, personalised=False).update(sent_anyway=True)
    )


def record_gesture(
    case: Case,
    actor: AbstractBaseUser,
    *,
    kind: str,
    value: Decimal | None = None,
    currency: str = "",
    note: str = "",
    ip: str | None = None,
) -> GoodwillGesture:
    """Record a goodwill gesture offered to the customer and put it on the timeline."""
    if kind not in GoodwillGesture.Kind.values:
        raise CaseActionError(_("Unknown kind of gesture %(kind)s.") % {"kind": repr(kind)})
    if case.merged_into_id is not None:
        raise CaseActionError(_("This case was merged; record the gesture on the other case."))
    if value is not None and value < 0:
        raise CaseActionError(_("A gesture cannot have a negative value."))
    if value is not None and currency not in GoodwillGesture.Currency.values:
        raise CaseActionError(_("Choose the currency of the value."))
    with transaction.atomic():
        gesture = GoodwillGesture.objects.create(
            case=case,
            kind=kind,
            value=value,
            currency=currency if value is not None else "",
            note=note.strip()[:500],
            actor=actor,
        )
        actions.record_event(
            case,
            CaseEvent.Kind.GESTURE_RECORDED,
            actor,
            body=gesture.note,
            ip=ip,
            gesture=gesture.pk,
            gesture_kind=kind,
            value=f"{value:.2f}" if value is not None else None,
            currency=gesture.currency,
        )
    return gesture


def mark_complaint(
    case: Case, actor: AbstractBaseUser, is_complaint: bool, *, ip: str | None = None
) -> ComplaintMark:
    """An agent says whether a case is a complaint (counts while the case has no triage)."""
    return ComplaintMark.objects.create(
        case=case, is_complaint=is_complaint, actor=actor, ip_address=ip
    )
