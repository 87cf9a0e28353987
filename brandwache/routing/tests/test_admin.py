"""The admin screens for Paten, absences and routing rules."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from brandwache.routing.models import Absence, RoutingRule, TopicOwner
from brandwache.routing.tests.conftest import away

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("root", "root@example.ch", "x"))
    return client


def test_every_screen_loads_for_a_superuser(admin_client, billing_pate, pate, pate_rule):
    absence = away(pate)
    for model, pk in [
        ("topicowner", billing_pate.pk),
        ("absence", absence.pk),
        ("routingrule", pate_rule.pk),
    ]:
        for page in ["", "add/", f"{pk}/change/"]:
            response = admin_client.get(f"/admin/routing/{model}/{page}")
            assert response.status_code == 200, (model, page)
    rules = admin_client.get("/admin/routing/routingrule/").content.decode()
    assert "Rechnung oder Zahlung" in rules and "An den Paten der Kategorie geben" in rules


def test_only_agents_are_offered_as_pate(admin_client, pate, outsider):
    form = admin_client.get("/admin/routing/topicowner/add/").content.decode()
    assert f'value="{pate.pk}"' in form and f'value="{outsider.pk}"' not in form


def test_the_admin_refuses_a_pate_as_their_own_deputy(admin_client, pate):
    response = admin_client.post(
        "/admin/routing/topicowner/add/",
        {"category": "billing", "pate": pate.pk, "deputy": pate.pk},
    )
    assert response.status_code == 200
    assert (
        "Die Stellvertretung muss eine andere Person als der Pate sein."
        in response.content.decode()
    )
    assert not TopicOwner.objects.exists()


def test_the_admin_offers_only_configured_categories(admin_client, pate, deputy):
    response = admin_client.post(
        "/admin/routing/topicowner/add/",
        {"category": "astrology", "pate": pate.pk, "deputy": deputy.pk},
    )
    assert response.status_code == 200 and not TopicOwner.objects.exists()
    response = admin_client.post(
        "/admin/routing/topicowner/add/",
        {"category": "billing", "pate": pate.pk, "deputy": deputy.pk},
    )
    assert response.status_code == 302 and TopicOwner.objects.get().category == "billing"


def test_rules_and_absences_are_saved_through_the_admin(admin_client, team, pate):
    response = admin_client.post(
        "/admin/routing/routingrule/add/",
        {
            "order": 5,
            "name": "Kündigungen",
            "active": "on",
            "keywords": "kündigen",
            "action": "team",
            "team": team.pk,
        },
    )
    assert response.status_code == 302
    assert RoutingRule.objects.get().keyword_list() == ["kündigen"]
    response = admin_client.post(
        "/admin/routing/absence/add/",
        {"user": pate.pk, "starts_on": "2026-07-10", "ends_on": "2026-07-01"},
    )
    assert response.status_code == 200 and not Absence.objects.exists()
