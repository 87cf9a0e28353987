"""The case's category: shown by its label, changed on the case page, recorded on the timeline."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from brandwache.cases import actions
from brandwache.cases.models import Case, CaseEvent
from brandwache.web.tests.conftest import email_case

pytestmark = pytest.mark.django_db


def set_category(client, case: Case, category: str, *, follow: bool = False):
    url = reverse("web:case_category", args=[case.reference])
    return client.post(url, {"category": category}, follow=follow)


def flashed(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_the_agent_changes_the_category_and_the_timeline_names_both_in_german(
    agent_client, agent, team
):
    case = email_case(team=team, category="billing")
    response = set_category(agent_client, case, "delivery", follow=True)
    case.refresh_from_db()
    assert case.category == "delivery"
    event = case.events.get(kind=CaseEvent.Kind.CATEGORY_CHANGED)
    assert (event.actor, event.ip_address) == (agent, "127.0.0.1")
    assert (event.data["old"], event.data["new"]) == ("billing", "delivery")
    assert "Kategorie auf „Lieferung oder Wartezeit“ gesetzt." in flashed(response)
    html = response.content.decode()
    assert "Kategorie von „Rechnung oder Zahlung“ auf „Lieferung oder Wartezeit“ geändert." in html
    assert "<dd>Lieferung oder Wartezeit</dd>" in html
    assert '<option value="delivery" selected>Lieferung oder Wartezeit</option>' in html


def test_the_category_is_shown_in_english_for_an_english_reader(agent_client, team):
    case = email_case(team=team, category="service")
    agent_client.post(reverse("set_language"), {"language": "en"})
    html = agent_client.get(case.get_absolute_url()).content.decode()
    assert "<dd>Customer service or staff</dd>" in html
    assert "<dd>service</dd>" not in html


def test_removing_the_category_is_recorded_too(agent_client, team):
    case = email_case(team=team, category="billing")
    response = set_category(agent_client, case, "", follow=True)
    case.refresh_from_db()
    assert case.category == ""
    assert "Kategorie entfernt." in flashed(response)
    assert "Kategorie von „Rechnung oder Zahlung“ auf „(keine)“ geändert." in (
        response.content.decode()
    )


def test_a_category_that_is_not_configured_is_refused(agent_client, billing_case):
    response = set_category(agent_client, billing_case, "made-up", follow=True)
    billing_case.refresh_from_db()
    assert billing_case.category == ""
    assert not billing_case.events.filter(kind=CaseEvent.Kind.CATEGORY_CHANGED).exists()
    assert any(text.startswith("Kategorie:") for text in flashed(response))


def test_an_unknown_stored_key_is_shown_as_it_is_and_kept_when_saved_unchanged(agent_client, team):
    case = email_case(team=team, category="altlast")
    html = agent_client.get(case.get_absolute_url()).content.decode()
    assert "<dd>altlast</dd>" in html
    assert '<option value="altlast" selected>altlast</option>' in html
    set_category(agent_client, case, "altlast")
    case.refresh_from_db()
    assert case.category == "altlast"
    assert not case.events.filter(kind=CaseEvent.Kind.CATEGORY_CHANGED).exists()


def test_own_labels_from_the_setting_are_offered_and_shown(agent_client, team, settings):
    settings.BRANDWACHE_CATEGORIES = ["rail=Bahnreisen", "billing"]
    case = email_case(team=team)
    set_category(agent_client, case, "rail")
    html = agent_client.get(case.get_absolute_url()).content.decode()
    assert "<dd>Bahnreisen</dd>" in html
    assert '<option value="billing">Rechnung oder Zahlung</option>' in html
    assert '<option value="delivery">' not in html


def test_the_inbox_shows_the_category_label(agent_client, team):
    email_case(team=team, category="product")
    html = agent_client.get(reverse("web:inbox")).content.decode()
    assert "<td>Qualität von Produkt oder Leistung</td>" in html


def test_a_colleague_of_another_team_cannot_change_the_category(client, colleague, team):
    case = email_case(team=team, category="billing")
    client.force_login(colleague)
    assert set_category(client, case, "other").status_code == 404
    case.refresh_from_db()
    assert case.category == "billing"


def test_a_merged_case_keeps_its_category(agent_client, agent, team):
    source = email_case(sender="a@example.ch", team=team, category="billing")
    target = email_case(sender="a@example.ch", team=team)
    actions.merge_cases(source, target, agent)
    set_category(agent_client, source, "other")
    source.refresh_from_db()
    assert source.category == "billing"
