"""Routing rules: conditions, order, Paten and their absences, and no loops."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.contrib.auth.models import User

from brandwache.cases import actions
from brandwache.cases.models import Case, CaseEvent, Team
from brandwache.cases.signals import event_recorded
from brandwache.intake.pipeline import ingest
from brandwache.routing.models import RoutingRule
from brandwache.routing.tests.conftest import away, email_case
from brandwache.web.timeline import describe
from conftest import make_user

pytestmark = pytest.mark.django_db


def rule(name: str, order: int = 100, **fields: object) -> RoutingRule:
    fields.setdefault("action", RoutingRule.Action.TEAM)
    return RoutingRule.objects.create(name=name, order=order, **fields)


def assignments(case: Case) -> list[CaseEvent]:
    return list(case.events.filter(kind=CaseEvent.Kind.ASSIGNED).order_by("pk"))


@pytest.fixture
def service(db) -> Team:
    return Team.objects.create(name="Kundendienst")


def test_a_new_case_goes_to_the_pate_of_its_category(pate_rule, pate, pate_team):
    case = email_case(category="billing")
    assert (case.owner, case.team) == (pate, pate_team)
    (event,) = assignments(case)
    assert event.actor is None
    assert event.data["reason"] == "routing_rule" and event.data["rule"] == "Rechnungen zum Paten"
    text = describe(event)
    assert "paula" in text and "Zuweisungsregel „Rechnungen zum Paten“" in text


def test_the_deputy_gets_the_case_while_the_pate_is_away(pate_rule, pate, deputy, pate_team):
    away(pate)
    case = email_case(category="billing")
    assert (case.owner, case.team) == (deputy, pate_team)
    assert assignments(case)[0].data["away"] == ["paula"]


def test_with_pate_and_deputy_away_the_case_waits_unassigned_in_the_team(
    pate_rule, pate, deputy, pate_team
):
    away(pate)
    away(deputy)
    case = email_case(category="billing")
    assert (case.owner, case.team) == (None, pate_team)
    assert assignments(case)[0].data["away"] == ["paula", "dario"]


def test_the_first_matching_rule_by_order_wins(team, service):
    rule("Alles an den Kundendienst", order=50, team=service)
    rule("E-Mails an die Abrechnung", order=20, channel="email", team=team)
    assert email_case().team == team
    fax = ingest(
        "fax",
        b'{"name": "Hans Beispiel", "phone": "+41 44 123 45 67", "text": "Fax wegen Rechnung"}',
    )
    assert fax.message.case.team == service


def test_equal_order_keeps_the_order_rules_were_created_in(team, service):
    rule("Zuerst angelegt", order=10, team=service)
    rule("Danach angelegt", order=10, team=team)
    assert email_case().team == service


def test_an_inactive_rule_is_skipped(team, service):
    rule("Abgeschaltet", order=1, team=service, active=False)
    rule("Aktiv", order=2, team=team)
    assert email_case().team == team


@pytest.mark.parametrize(
    ("condition", "matches"),
    [
        ({"channel": "email"}, True),
        ({"channel": "phone"}, False),
        ({"category": "billing"}, True),
        ({"category": "delivery"}, False),
        ({"priority": "normal"}, True),
        ({"priority": "urgent"}, False),
        ({"keywords": "betreibung, DOPPELT"}, True),
        ({"keywords": "Kündigung"}, False),
        ({"channel": "email", "category": "billing", "keywords": "März"}, True),
        ({"channel": "email", "category": "delivery", "keywords": "März"}, False),
    ],
)
def test_every_condition_of_a_rule_must_hold(team, condition, matches):
    rule("Prüfregel", team=team, **condition)
    case = email_case(category="billing")
    assert (case.team == team) is matches


def test_keywords_are_found_in_the_first_message_not_only_the_subject(team):
    rule("Kündigungen", keywords="kündigen", team=team)
    case = email_case("Ich möchte mein Abo kündigen.", subject="Frage")
    assert case.team == team
    other = email_case("Wo bleibt mein Paket?", subject="Frage")
    assert other.team is None


def test_a_later_reply_does_not_route_again(team, service):
    rule("Kündigungen", keywords="kündigen", team=team)
    case = email_case("Wo bleibt mein Paket?")
    actions.assign_case(case, None, owner=None, team=service)
    actions.record_inbound_message(
        _followup(case, "Dann will ich kündigen."),
        None,
    )
    case.refresh_from_db()
    assert case.team == service


def _followup(case: Case, text: str):
    from brandwache.contacts.actions import IdentityRef
    from brandwache.contacts.models import Identity
    from brandwache.intake.channels.base import ParsedMessage

    return ParsedMessage(
        channel="email",
        sender=IdentityRef(Identity.Kind.EMAIL, "petra.muster@example.ch", "Petra Muster"),
        subject=f"Re: Frage [{case.reference}]",
        text=text,
    )


def test_a_pate_rule_for_a_category_without_pate_lets_the_next_rule_decide(pate_rule, team):
    rule("Auffangregel", order=99, team=team)
    case = email_case(category="delivery")
    assert (case.owner, case.team) == (None, team)
    pate_rule.category = ""
    pate_rule.save()
    assert email_case(category="delivery").team == team


def test_a_named_person_who_is_away_is_not_given_the_case(team):
    nina = make_user("nina", "Agents")
    rule("An Nina", action=RoutingRule.Action.OWNER, owner=nina, team=team)
    assert email_case().owner == nina
    away(nina)
    case = email_case()
    assert (case.owner, case.team) == (None, team)


def test_a_category_set_later_routes_a_case_nobody_owns(pate_rule, pate, pate_team):
    case = email_case()
    assert case.owner is None and assignments(case) == []
    actions.change_category(case, None, "billing", reason="triage")
    case.refresh_from_db()
    assert (case.owner, case.team) == (pate, pate_team)


def test_a_category_change_leaves_an_owned_case_where_it_is(pate_rule, agent):
    case = email_case()
    actions.assign_case(case, agent, owner=agent, team=None)
    actions.change_category(case, agent, "billing")
    case.refresh_from_db()
    assert case.owner == agent and len(assignments(case)) == 1


def test_a_rule_that_changes_nothing_writes_no_event(team):
    rule("Abrechnung", team=team)
    case = email_case()
    actions.change_category(case, None, "billing")
    assert len(assignments(case)) == 1


def test_no_rules_no_assignment():
    case = email_case(category="billing")
    assert (case.owner, case.team, assignments(case)) == (None, None, [])


@pytest.fixture
def category_flipper() -> Iterator[None]:
    """Another app that answers every assignment by changing the category."""

    def flip(sender: object, *, event: CaseEvent, case: Case, **kwargs: object) -> None:
        if event.kind == CaseEvent.Kind.ASSIGNED:
            new = "delivery" if case.category == "billing" else "billing"
            actions.change_category(case, None, new)

    event_recorded.connect(flip, dispatch_uid="test.flip")
    yield
    event_recorded.disconnect(dispatch_uid="test.flip")


def test_routing_cannot_loop_when_its_own_assignment_triggers_more_changes(
    category_flipper, team, service
):
    rule("Abrechnung", category="billing", team=team)
    rule("Lieferung", category="delivery", team=service)
    case = email_case(category="billing")
    # Routed once when the case opened; the flipper's answer (a category change) did not
    # start routing again, which would have flipped back and forth without end.
    assert [event.data["team"] for event in assignments(case)] == ["Billing"]
    assert case.category == "delivery"


def test_a_phone_call_with_a_category_goes_to_the_pate_too(pate_rule, pate):
    result = ingest(
        "phone", b'{"phone": "+41 79 123 45 67", "text": "Rechnung", "category": "billing"}'
    )
    assert result.message.case.owner == pate


def test_a_deactivated_pate_gets_no_new_cases(pate_rule, pate, deputy):
    User.objects.filter(pk=pate.pk).update(is_active=False)
    assert email_case(category="billing").owner == deputy
