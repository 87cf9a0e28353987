"""Fixtures the listening tests share."""

from __future__ import annotations

import pytest

from brandwache.organisations.models import Organisation
from brandwache.routing.models import TopicOwner


@pytest.fixture
def kaufhafen() -> Organisation:
    return Organisation.objects.create(slug="kaufhafen", name="Kaufhafen", handles=["@kaufhafen"])


@pytest.fixture
def public_pate(agent, colleague) -> TopicOwner:
    """The Pate (and deputy) of the "public" topic, who gets thread and spike alerts."""
    return TopicOwner.objects.create(category="public", pate=agent, deputy=colleague)
