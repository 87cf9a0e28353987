"""Triage of inbound messages in the background, and what its findings change on the case."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.tasks import task

from brandwache.cases import actions
from brandwache.cases.models import Case, CaseEvent, Message
from brandwache.triage.models import Triage
from brandwache.triage.signals import message_triaged

if TYPE_CHECKING:
    from brandwache.triage.analysis import Analysis

log = logging.getLogger(__name__)

PRIORITY_ORDER = [
    Case.Priority.LOW,
    Case.Priority.NORMAL,
    Case.Priority.HIGH,
    Case.Priority.URGENT,
]
# Legal threats and safety problems need someone now; the others within the day.
PRIORITY_FOR_SIGNAL = {
    "legal": Case.Priority.URGENT,
    "safety": Case.Priority.URGENT,
    "cancellation": Case.Priority.HIGH,
    "public": Case.Priority.HIGH,
    "storm": Case.Priority.HIGH,
}


def queue_triage(*, event: CaseEvent, case: Case, **_kwargs: object) -> None:
    """Receiver of `cases.signals.event_recorded`: analyse each inbound message after commit."""
    if event.kind != CaseEvent.Kind.MESSAGE_RECEIVED or event.message_id is None:
        return
    if not settings.BRANDWACHE_TRIAGE:
        return
    message = event.message
    if message is None or message.direction != Message.Direction.INBOUND:
        return
    message_id = message.pk
    transaction.on_commit(lambda: triage_message.enqueue(message_id))


@task()
def triage_message(message_id: int) -> str:
    """Analyse one inbound message once, store the result and apply it to the case."""
    message = Message.objects.select_related("case").filter(pk=message_id).first()
    if message is None or message.direction != Message.Direction.INBOUND:
        return "not an inbound message"
    if Triage.objects.filter(message_id=message_id).exists():
        return "already analysed"
    # Imported here: loading the model is only worth it where messages are analysed.
    from brandwache.triage.analysis import analyse

    analysis = analyse(message.text, subject=message.subject)
    with transaction.atomic():
        triage = store(message, analysis)
        apply_to_case(message.case, triage)
        message_triaged.send(sender=Triage, triage=triage, case=message.case)
    return f"{triage.kind}/{triage.sentiment}"


def store(message: Message, analysis: Analysis) -> Triage:
    category = analysis.category
    return Triage.objects.create(
        message=message,
        case_id=message.case_id,
        language=analysis.language.value,
        language_confidence=analysis.language.confidence,
        relevance=analysis.relevance.value,
        relevance_confidence=analysis.relevance.confidence,
        sentiment=analysis.sentiment.value,
        sentiment_confidence=analysis.sentiment.confidence,
        kind=analysis.kind.value,
        kind_confidence=analysis.kind.confidence,
        category=category.value if category else "",
        category_confidence=category.confidence if category else 0.0,
        urgency=[{"kind": s.kind, "evidence": s.evidence} for s in analysis.urgency],
        model_version=analysis.model_version[:100],
    )


def apply_to_case(case: Case, triage: Triage) -> None:
    """Raise the priority on urgency signals and fill an empty category; never lower or overwrite.

    Both go through the case actions, so SLA policies and routing rules that look at priority and
    category follow, and the timeline says the triage did it.
    """
    case.refresh_from_db(fields=["priority", "category", "merged_into"])
    if case.merged_into_id is not None:
        return
    wanted = [PRIORITY_FOR_SIGNAL.get(str(item.get("kind")), "") for item in triage.urgency]
    wanted = [priority for priority in wanted if priority]
    if wanted:
        highest = max(wanted, key=PRIORITY_ORDER.index)
        if PRIORITY_ORDER.index(highest) > PRIORITY_ORDER.index(case.priority):
            actions.change_priority(case, None, highest, reason="triage")
    threshold = settings.BRANDWACHE_TRIAGE_CATEGORY_CONFIDENCE
    if not case.category and triage.category and triage.category_confidence >= threshold:
        actions.change_category(case, None, triage.category, reason="triage")
