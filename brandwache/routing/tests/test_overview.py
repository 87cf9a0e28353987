"""The Paten overview page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from brandwache.cases import actions
from brandwache.routing.tests.conftest import away, email_case, in_days

pytestmark = pytest.mark.django_db

URL = reverse("routing:paten")


def test_it_lists_every_category_with_its_pate_and_the_open_load(
    agent_client, agent, billing_pate, pate, deputy
):
    away(deputy, last=2)
    held = email_case(category="billing")
    actions.assign_case(held, agent, owner=pate, team=None)
    email_case(category="billing")
    done = email_case(category="billing")
    actions.change_status(done, agent, "resolved")
    page = agent_client.get(URL).content.decode()
    rows = {
        row.split("</th>")[0].rsplit(">", 1)[-1]: row for row in page.split('<th scope="row">')[1:]
    }
    billing = rows["Rechnung oder Zahlung"]
    assert "paula" in billing and "1 offener Fall" in billing
    assert f"abwesend bis {in_days(2):%d.%m.%Y}" in billing
    assert "<td>2</td>\n          <td>1</td>" in billing  # two open, one of them without owner
    assert "Noch kein Pate." in rows["Lieferung oder Wartezeit"]


def test_it_names_nobody_when_pate_and_deputy_are_away(agent_client, billing_pate, pate, deputy):
    away(pate)
    away(deputy)
    assert "niemand (beide abwesend)" in agent_client.get(URL).content.decode()


def test_only_agents_see_it(client, outsider):
    assert client.get(URL).status_code == 302
    client.force_login(outsider)
    assert client.get(URL).status_code == 403
