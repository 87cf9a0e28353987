"""The demo desk comes with Paten and rules, and the stories keep the owners they tell of."""

from __future__ import annotations

import pytest

from brandwache.cases.categories import category_choices
from brandwache.demo.data import load_demo
from brandwache.routing.models import RoutingRule, TopicOwner
from brandwache.routing.paten import responsible_for
from brandwache.routing.tests.conftest import email_case

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_pate_for_every_category_and_a_deputy_standing_in():
    load_demo()
    configured = {key for key, _label in category_choices()}
    assert set(TopicOwner.objects.values_list("category", flat=True)) == configured
    delivery = responsible_for("delivery")
    assert delivery.pate.username == "luca.frei" and delivery.available.username == "nina.baumann"
    assert RoutingRule.objects.filter(active=True).count() == 3
    case = email_case(category="delivery")
    assert case.owner.username == "nina.baumann" and case.team.name == "Bahnreisen"
