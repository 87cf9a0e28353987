"""The timeline says in words what other apps did on a case."""

from __future__ import annotations

import pytest
from django.utils import translation

from brandwache.cases import actions
from brandwache.cases.models import Case, CaseEvent
from brandwache.intake.pipeline import ingest
from brandwache.web.timeline import describe

pytestmark = pytest.mark.django_db


@pytest.fixture
def case() -> Case:
    result = ingest("phone", b'{"phone": "+41 44 123 45 67", "text": "Anruf wegen Rechnung"}')
    assert result.message is not None
    return result.message.case


def test_changes_made_by_the_triage_say_so(case):
    actions.change_priority(case, None, Case.Priority.URGENT, reason="triage")
    actions.change_priority(case, None, Case.Priority.LOW)
    by_triage, by_hand = case.events.filter(kind=CaseEvent.Kind.PRIORITY_CHANGED).order_by("pk")
    with translation.override("de"):
        assert describe(by_triage).endswith("Von der Triage gesetzt.")
        assert "Triage" not in describe(by_hand)


def test_corrections_escalations_and_gestures_read_as_sentences(case):
    correction = actions.record_event(
        case, CaseEvent.Kind.LABEL_CORRECTED, label="kind", predicted="question", value="complaint"
    )
    breach = actions.record_event(
        case, CaseEvent.Kind.ESCALATED, clock="first_response", step="breach", to=["petra"]
    )
    escalation = actions.record_event(
        case,
        CaseEvent.Kind.ESCALATED,
        clock="resolution",
        step="escalation",
        level=2,
        to=["lead", "deputy"],
    )
    gesture = actions.record_event(
        case, CaseEvent.Kind.GESTURE_RECORDED, gesture_kind="voucher", value="20.00", currency="CHF"
    )
    with translation.override("en"):
        assert describe(correction) == (
            "Triage label “kind” set to “complaint” (predicted: “question”)."
        )
        assert describe(breach) == "Deadline passed (First response): petra informed."
        assert describe(escalation) == ("Escalated (Resolution), level 2: lead, deputy informed.")
        assert describe(gesture) == "Goodwill gesture recorded: Voucher CHF 20.00."
    with translation.override("de"):
        assert describe(breach).startswith("Frist überschritten")
