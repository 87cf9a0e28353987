"""The demo desk's Paten, one absence, and a few routing rules.

The rules are created after the stories, so the stories keep the owners they
tell of; a complaint sent through the public form afterwards is routed.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth.models import AbstractBaseUser

from brandwache.cases.categories import category_choices
from brandwache.cases.models import Team
from brandwache.routing.models import Absence, RoutingRule, TopicOwner

# Category -> (Pate, deputy, team key or None), by the staff keys of `people.py`.
PATEN = {
    "billing": ("nina", "mira", "billing"),
    "contract": ("mira", "nina", "billing"),
    "delivery": ("luca", "nina", "rail"),
    "product": ("luca", "mira", "luggage"),
    "service": ("nina", "luca", "service"),
    "other": ("mira", "nina", None),
}


def ensure_paten(staff: dict[str, AbstractBaseUser], teams: dict[str, Team], today: date) -> None:
    """A Pate for every configured category the demo knows; Luca is away for a few days."""
    for category, _label in category_choices():
        if category not in PATEN or TopicOwner.objects.filter(category=category).exists():
            continue
        pate, deputy, team = PATEN[category]
        topic = TopicOwner(
            category=category,
            pate=staff[pate],
            deputy=staff[deputy],
            team=teams[team] if team else None,
        )
        topic.full_clean()
        topic.save()
    Absence.objects.get_or_create(
        user=staff["luca"],
        note="Ferien (Demo)",
        defaults={"starts_on": today - timedelta(days=1), "ends_on": today + timedelta(days=3)},
    )


def ensure_routing_rules(teams: dict[str, Team]) -> None:
    rules = [
        {"order": 10, "name": "Rechnungen an den Paten", "category": "billing", "action": "pate"},
        {
            "order": 20,
            "name": "Mahnungen an die Abrechnung",
            "keywords": "Mahnung, Betreibung, Inkasso",
            "action": "team",
            "team": teams["billing"],
        },
        {"order": 30, "name": "Lieferungen an den Paten", "category": "delivery", "action": "pate"},
    ]
    configured = {key for key, _label in category_choices()}
    for fields in rules:
        if fields.get("category", "") in configured | {""}:
            RoutingRule.objects.get_or_create(name=fields.pop("name"), defaults=fields)
