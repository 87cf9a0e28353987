"""Handing a case to its Pate: the action, the button's view, and who may press it."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from brandwache.cases import actions
from brandwache.cases.actions import CaseActionError
from brandwache.cases.models import Case, CaseEvent
from brandwache.routing.actions import hand_to_pate
from brandwache.routing.tests.conftest import away, email_case
from brandwache.web.timeline import describe
from conftest import make_user

pytestmark = pytest.mark.django_db


def url(case: Case) -> str:
    return reverse("routing:hand_to_pate", args=[case.reference])


def flashed(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def last_assignment(case: Case) -> CaseEvent:
    return case.events.filter(kind=CaseEvent.Kind.ASSIGNED).latest("pk")


def test_the_action_gives_the_case_to_the_pate_and_the_pates_team(
    billing_pate, agent, pate, pate_team
):
    case = email_case(category="billing")
    hand_to_pate(case, agent, ip="192.0.2.7")
    case.refresh_from_db()
    assert (case.owner, case.team) == (pate, pate_team)
    event = last_assignment(case)
    assert (event.actor, event.ip_address) == (agent, "192.0.2.7")
    assert event.data["reason"] == "handed_to_pate" and event.data["deputy"] is False
    assert describe(event).endswith("An den Paten übergeben.")


def test_while_the_pate_is_away_the_deputy_gets_it(billing_pate, agent, pate, deputy):
    away(pate)
    case = email_case(category="billing")
    responsible = hand_to_pate(case, agent)
    case.refresh_from_db()
    assert case.owner == deputy == responsible.available
    assert describe(last_assignment(case)).endswith("An die Stellvertretung des Paten übergeben.")


def test_without_a_pates_team_the_case_keeps_its_team(billing_pate, agent, pate, team):
    billing_pate.team = None
    billing_pate.save()
    case = email_case(category="billing")
    actions.assign_case(case, agent, owner=agent, team=team)
    hand_to_pate(case, agent)
    case.refresh_from_db()
    assert (case.owner, case.team) == (pate, team)


@pytest.mark.parametrize(
    ("setup", "reason"),
    [
        ("no category", "keine Kategorie"),
        ("no pate", "hat keinen Paten"),
        ("both away", "beide abwesend"),
        ("already with the pate", "hat diesen Fall bereits"),
    ],
)
def test_the_action_refuses_with_a_clear_reason(billing_pate, agent, pate, deputy, setup, reason):
    category = {"no category": "", "no pate": "delivery"}.get(setup, "billing")
    case = email_case(category=category)
    if setup == "both away":
        away(pate)
        away(deputy)
    if setup == "already with the pate":
        hand_to_pate(case, agent)
    before = case.events.count()
    with pytest.raises(CaseActionError, match=reason):
        hand_to_pate(case, agent)
    assert case.events.count() == before


def test_the_button_hands_the_case_over_and_says_to_whom(agent_client, billing_pate, pate):
    case = email_case(category="billing")
    response = agent_client.post(url(case), follow=True)
    assert response.redirect_chain == [(case.get_absolute_url(), 302)]
    assert flashed(response) == ["An paula übergeben, den Paten."]
    case.refresh_from_db()
    assert case.owner == pate


def test_a_refusal_is_shown_on_the_case_page(agent_client, billing_pate):
    case = email_case(category="delivery")
    response = agent_client.post(url(case), follow=True)
    assert flashed(response) == ["Die Kategorie „Lieferung oder Wartezeit“ hat keinen Paten."]


def test_the_button_only_takes_posts(agent_client, billing_pate):
    assert agent_client.get(url(email_case(category="billing"))).status_code == 405


def test_people_without_write_access_cannot_hand_over(
    client, billing_pate, outsider, colleague, team
):
    case = email_case(category="billing")
    actions.assign_case(case, None, owner=None, team=team)
    reader = make_user("rita")
    reader.user_permissions.add(Permission.objects.get(codename="view_case"))
    team.members.add(reader)  # sees the case, may not change it
    expected = {outsider: 403, reader: 403, colleague: 404}  # colleague: not their team's case
    for user, status in expected.items():
        client.force_login(user)
        assert client.post(url(case)).status_code == status
    client.logout()
    assert client.post(url(case)).status_code == 302  # to the login page
    case.refresh_from_db()
    assert case.owner is None


def test_the_form_on_the_case_page_carries_the_csrf_token(agent, billing_pate, pate):
    case = email_case(category="billing")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(agent)
    assert browser.post(url(case)).status_code == 403
    page = browser.get(case.get_absolute_url()).content.decode()
    form = re.search(rf'<form method="post" action="{url(case)}">(.*?)</form>', page, re.S)
    assert form is not None
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.group(1))
    assert browser.post(url(case), {"csrfmiddlewaretoken": token.group(1)}).status_code == 302
    case.refresh_from_db()
    assert case.owner == pate
