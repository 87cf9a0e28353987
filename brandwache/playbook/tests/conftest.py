"""Cases for the playbook tests, built with the real case actions."""

from __future__ import annotations

import pytest

from brandwache.cases import actions
from brandwache.cases.models import Case, Message, Team
from brandwache.contacts.actions import IdentityRef
from brandwache.contacts.models import Identity
from brandwache.intake.channels.base import ParsedMessage
from brandwache.playbook import standards
from brandwache.triage.models import Triage

COMPLAINT = (
    "Meine Rechnung vom März ist doppelt belastet worden, CHF 49.90 zu viel. "
    "Ich erwarte die Rückerstattung."
)


@pytest.fixture(autouse=True)
def quiet_neighbours(settings) -> None:
    """No background triage or automatic customer updates: these tests set what they need."""
    settings.BRANDWACHE_TRIAGE = False
    settings.BRANDWACHE_CUSTOMER_UPDATES = False


def receive(
    text: str = COMPLAINT,
    *,
    subject: str = "Doppelte Belastung",
    sender: str = "petra.muster@example.ch",
    name: str = "Petra Muster",
    team: Team | None = None,
    category: str = "",
    case_reference: str = "",
) -> Message:
    """An inbound e-mail; opens a case (handed to `team` when given)."""
    message = actions.record_inbound_message(
        ParsedMessage(
            channel="email",
            sender=IdentityRef(Identity.Kind.EMAIL, sender, name),
            subject=subject,
            text=text,
            category=category,
            case_reference=case_reference,
        ),
        None,
    )
    if team is not None:
        actions.assign_case(message.case, None, owner=None, team=team)
    return message


def triage_as(message: Message, kind: str) -> Triage:
    """The row the triage stores for an inbound message, with the kind it found."""
    return Triage.objects.create(
        message=message,
        case=message.case,
        language="de",
        language_confidence=0.99,
        relevance="relevant",
        relevance_confidence=0.9,
        sentiment="negative",
        sentiment_confidence=0.8,
        kind=kind,
        kind_confidence=0.8,
        model_version="test",
    )


@pytest.fixture
def complaint_case(team) -> Case:
    """A complaint (so says its triage) of the agent's team."""
    message = receive(team=team)
    triage_as(message, "complaint")
    return Case.objects.get(pk=message.case_id)


@pytest.fixture
def question_case(team) -> Case:
    message = receive("Wann öffnet Ihre Filiale in Bern am Samstag?", subject="Öffnungszeiten")
    triage_as(message, "question")
    case = Case.objects.get(pk=message.case_id)
    actions.assign_case(case, None, owner=None, team=team)
    return case


@pytest.fixture
def standard_text():
    """A knowledge-base text as the agent would insert it, registered as a standard text."""
    text = (
        "Guten Tag Frau Muster\n\nVielen Dank für Ihre Nachricht. Wir haben Ihr Anliegen "
        "erhalten und kümmern uns so rasch wie möglich darum.\n\nFreundliche Grüsse\nAnna"
    )

    def provider(case, user):
        return [text]

    standards.register(provider)
    yield text
    standards.unregister(provider)
