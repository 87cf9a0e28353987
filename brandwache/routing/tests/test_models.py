"""What the configuration accepts: configured categories, a real deputy, sensible dates, rules
that name what their action needs."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from brandwache.routing.models import Absence, RoutingRule, TopicOwner

pytestmark = pytest.mark.django_db


def test_a_pate_needs_one_of_the_configured_categories(pate, deputy):
    topic = TopicOwner(category="astrology", pate=pate, deputy=deputy)
    with pytest.raises(ValidationError) as error:
        topic.full_clean()
    assert "category" in error.value.message_dict
    TopicOwner(category="billing", pate=pate, deputy=deputy).full_clean()


def test_a_category_added_to_the_settings_can_get_a_pate(settings, pate, deputy):
    settings.BRANDWACHE_CATEGORIES = ["billing", "rail=Bahnreisen"]
    TopicOwner(category="rail", pate=pate, deputy=deputy).full_clean()
    with pytest.raises(ValidationError):
        TopicOwner(category="delivery", pate=pate, deputy=deputy).full_clean()


def test_each_category_has_one_pate_at_most(billing_pate, pate, deputy):
    with pytest.raises(ValidationError) as error:
        TopicOwner(category="billing", pate=deputy, deputy=pate).full_clean()
    assert "category" in error.value.message_dict


def test_the_deputy_must_be_someone_else(pate):
    topic = TopicOwner(category="billing", pate=pate, deputy=pate)
    with pytest.raises(ValidationError) as error:
        topic.full_clean()
    assert "deputy" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        topic.save()


def test_an_absence_cannot_end_before_it_starts(pate):
    absence = Absence(user=pate, starts_on=date(2026, 7, 10), ends_on=date(2026, 7, 9))
    with pytest.raises(ValidationError) as error:
        absence.full_clean()
    assert "ends_on" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        absence.save()
    Absence(user=pate, starts_on=date(2026, 7, 10), ends_on=date(2026, 7, 10)).full_clean()


@pytest.mark.parametrize(
    ("action", "field"),
    [(RoutingRule.Action.TEAM, "team"), (RoutingRule.Action.OWNER, "owner")],
)
def test_a_rule_names_what_its_action_needs(action, field):
    with pytest.raises(ValidationError) as error:
        RoutingRule(name="Regel", action=action).full_clean()
    assert field in error.value.message_dict


def test_only_the_person_action_names_a_person(pate):
    rule = RoutingRule(name="Regel", action=RoutingRule.Action.PATE, owner=pate)
    with pytest.raises(ValidationError) as error:
        rule.full_clean()
    assert "owner" in error.value.message_dict


def test_rule_conditions_take_configured_values_only():
    rule = RoutingRule(
        name="Regel", action=RoutingRule.Action.PATE, channel="pigeon", category="astrology"
    )
    with pytest.raises(ValidationError) as error:
        rule.full_clean()
    assert {"channel", "category"} <= set(error.value.message_dict)
    RoutingRule(
        name="Regel", action=RoutingRule.Action.PATE, channel="fax", category="billing"
    ).full_clean()


def test_keywords_are_split_at_commas_and_lines_and_compared_without_case():
    rule = RoutingRule(keywords="Kündigung, Vertrag beenden\n\nSTORNO;")
    assert rule.keyword_list() == ["kündigung", "vertrag beenden", "storno"]
