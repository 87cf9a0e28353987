"""Routing rules on what the triage found: language, sentiment, kind and urgency signals."""

from __future__ import annotations

import pytest

from brandwache.cases import actions
from brandwache.cases.models import Case, CaseEvent, Team
from brandwache.contacts.actions import IdentityRef
from brandwache.contacts.models import Identity
from brandwache.intake.channels.base import ParsedMessage
from brandwache.routing.engine import Findings, decide
from brandwache.routing.models import RoutingRule
from brandwache.routing.tests.conftest import email_case
from brandwache.triage.corrections import correct_label
from brandwache.triage.models import Triage
from conftest import make_user

pytestmark = pytest.mark.django_db

LAWYER = (
    "Seit drei Monaten buchen Sie die Rechnung doppelt ab. Wenn das Geld nicht bis Freitag "
    "zurück ist, schalte ich meinen Anwalt ein."
)
THANKS = "Vielen Dank für die schnelle Hilfe am Schalter in Olten, das war super freundlich."


@pytest.fixture
def legal(db) -> Team:
    return Team.objects.create(name="Rechtsdienst")


@pytest.fixture
def service(db) -> Team:
    return Team.objects.create(name="Kundendienst")


def triaged_case(capture, text: str, subject: str = "Rechnung", category: str = "") -> Case:
    """A case opened by e-mail whose first message the triage analysed in the background."""
    with capture(execute=True):
        case = email_case(text, subject=subject, category=category)
    case.refresh_from_db()
    assert Triage.objects.filter(case=case).count() == 1
    return case


def rule_names(case: Case) -> list[str]:
    events = case.events.filter(kind=CaseEvent.Kind.ASSIGNED).order_by("pk")
    return [event.data.get("rule", "") for event in events]


def test_a_legal_threat_moves_the_new_case_to_the_legal_team(
    django_capture_on_commit_callbacks, legal, service
):
    RoutingRule.objects.create(
        order=10, name="Anwalt", urgency_signal="legal", action="team", team=legal
    )
    RoutingRule.objects.create(order=100, name="Alle", action="team", team=service)

    # With its category given on the form, the triage changes no category: its findings
    # alone start routing again.
    case = triaged_case(django_capture_on_commit_callbacks, LAWYER, category="billing")

    assert case.category == "billing" and case.priority == Case.Priority.URGENT
    assert case.team == legal
    # Opened, the case went to the catch-all rule; the triage's finding then moved it.
    assert rule_names(case) == ["Alle", "Anwalt"]


def test_without_the_signal_the_rule_does_not_hold(
    django_capture_on_commit_callbacks, legal, service
):
    RoutingRule.objects.create(
        order=10, name="Anwalt", urgency_signal="legal", action="team", team=legal
    )
    RoutingRule.objects.create(order=100, name="Alle", action="team", team=service)

    case = triaged_case(django_capture_on_commit_callbacks, THANKS, subject="Danke")

    assert case.team == service
    assert rule_names(case) == ["Alle"]


def test_praise_in_english_goes_to_the_person_named_in_the_rule(
    django_capture_on_commit_callbacks, service
):
    host = make_user("hanna", "Agents")
    RoutingRule.objects.create(
        order=10,
        name="Lob auf Englisch",
        language="en",
        message_kind="praise",
        sentiment="positive",
        action="owner",
        owner=host,
        team=service,
    )

    case = triaged_case(
        django_capture_on_commit_callbacks,
        "Thank you so much for the quick help at the Olten counter, the staff were lovely.",
        subject="Thanks",
        category="service",
    )

    triage = Triage.objects.get(case=case)
    assert (triage.language, triage.kind, triage.sentiment) == ("en", "praise", "positive")
    assert (case.owner, case.team) == (host, service)


def test_before_the_triage_a_rule_on_its_findings_cannot_hold(legal):
    RoutingRule.objects.create(
        order=10, name="Anwalt", urgency_signal="legal", action="team", team=legal
    )

    case = email_case(LAWYER)  # the background triage has not run

    assert case.team is None
    assert not Triage.objects.filter(case=case).exists()


def test_findings_of_a_later_message_do_not_route_again(
    django_capture_on_commit_callbacks, legal, service
):
    RoutingRule.objects.create(
        order=10, name="Anwalt", urgency_signal="legal", action="team", team=legal
    )
    RoutingRule.objects.create(order=100, name="Alle", action="team", team=service)
    case = triaged_case(django_capture_on_commit_callbacks, THANKS, subject="Danke")

    follow_up = ParsedMessage(
        channel="email",
        sender=IdentityRef(Identity.Kind.EMAIL, "petra.muster@example.ch", "Petra Muster"),
        subject="Nachtrag",
        text=LAWYER,
        case_reference=case.reference,
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.record_inbound_message(follow_up, None).case_id == case.pk

    case.refresh_from_db()
    assert Triage.objects.filter(case=case).count() == 2
    assert case.team == service


def test_an_owned_case_is_not_routed_by_the_findings(
    django_capture_on_commit_callbacks, legal, agent
):
    RoutingRule.objects.create(order=100, name="Alle", action="owner", owner=agent)
    RoutingRule.objects.create(
        order=10, name="Anwalt", urgency_signal="legal", action="team", team=legal
    )

    case = triaged_case(django_capture_on_commit_callbacks, LAWYER)

    assert case.owner == agent
    assert rule_names(case) == ["Alle"]


def test_an_agents_correction_counts_for_the_rules(
    django_capture_on_commit_callbacks, service, agent
):
    case = triaged_case(django_capture_on_commit_callbacks, THANKS, subject="Danke")
    triage = Triage.objects.get(case=case)
    complaints = RoutingRule.objects.create(
        name="Beschwerden", message_kind="complaint", action="team", team=service
    )
    assert decide(case, [complaints], "", Findings.of(triage)) is None

    correct_label(triage, "kind", "complaint", agent)

    decision = decide(case, [complaints], "", Findings.of(triage))
    assert decision is not None and decision.team == service
