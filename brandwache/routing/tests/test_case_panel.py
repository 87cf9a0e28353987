"""The Paten panel on the case page."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from brandwache.cases import actions
from brandwache.routing.tests.conftest import away, email_case, in_days
from conftest import make_user

pytestmark = pytest.mark.django_db

BUTTON = "An den Paten übergeben</button>"


def panel(client, case) -> str:
    page = client.get(case.get_absolute_url()).content.decode()
    start = page.index('<section class="card paten"')
    return page[start : page.index("</section>", start)]


def test_it_shows_pate_deputy_and_the_button(agent_client, billing_pate):
    case = email_case(category="billing")
    html = panel(agent_client, case)
    assert "paula" in html and "dario" in html and "Abrechnung" in html
    assert BUTTON in html
    assert reverse("routing:hand_to_pate", args=[case.reference]) in html


def test_an_away_pate_is_marked_with_the_day_they_are_back(agent_client, billing_pate, pate):
    away(pate, last=4)
    html = panel(agent_client, email_case(category="billing"))
    assert f"abwesend bis {in_days(4):%d.%m.%Y}" in html
    assert "An die Stellvertretung übergeben</button>" in html


def test_with_both_away_there_is_no_button(agent_client, billing_pate, pate, deputy):
    away(pate)
    away(deputy)
    html = panel(agent_client, email_case(category="billing"))
    assert "beide abwesend" in html and "<button" not in html


def test_no_button_once_the_available_pate_holds_the_case(agent_client, agent, billing_pate, pate):
    case = email_case(category="billing")
    actions.assign_case(case, agent, owner=pate, team=None)
    html = panel(agent_client, case)
    assert "paula hat diesen Fall." in html and "<button" not in html


def test_readers_see_the_pate_but_no_button(client, billing_pate):
    reader = make_user("rita")
    reader.user_permissions.add(Permission.objects.get(codename="view_case"))
    client.force_login(reader)
    html = panel(client, email_case(category="billing"))
    assert "paula" in html and "<button" not in html


def test_a_case_without_category_or_pate_says_so(agent_client, billing_pate):
    assert "Noch keine Kategorie" in panel(agent_client, email_case())
    html = panel(agent_client, email_case(category="delivery"))
    assert "Für „Lieferung oder Wartezeit“ gibt es noch keinen Paten." in html
