"""Paten, absences and cases for the routing tests, built with the real intake and actions."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from brandwache.cases import actions
from brandwache.cases.models import Case, Team
from brandwache.contacts.actions import IdentityRef
from brandwache.contacts.models import Identity
from brandwache.intake.channels.base import ParsedMessage
from brandwache.routing.models import Absence, RoutingRule, TopicOwner
from conftest import make_user


def email_case(
    text: str = "Die Rechnung vom März ist doppelt belastet worden.",
    *,
    subject: str = "Doppelte Belastung",
    category: str = "",
) -> Case:
    """A case opened by an inbound e-mail, as intake opens it."""
    message = actions.record_inbound_message(
        ParsedMessage(
            channel="email",
            sender=IdentityRef(Identity.Kind.EMAIL, "petra.muster@example.ch", "Petra Muster"),
            subject=subject,
            text=text,
            category=category,
        ),
        None,
    )
    return Case.objects.select_related("owner", "team").get(pk=message.case_id)


def away(user: User, *, first: int = -1, last: int = 1, note: str = "Ferien") -> Absence:
    """An absence from `first` to `last` days relative to today (both included)."""
    today = timezone.localdate()
    return Absence.objects.create(
        user=user,
        starts_on=today + timedelta(days=first),
        ends_on=today + timedelta(days=last),
        note=note,
    )


def in_days(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


@pytest.fixture
def pate(db) -> User:
    return make_user("paula", "Agents")


@pytest.fixture
def deputy(db) -> User:
    return make_user("dario", "Agents")


@pytest.fixture
def pate_team(db) -> Team:
    return Team.objects.create(name="Abrechnung")


@pytest.fixture
def billing_pate(pate, deputy, pate_team) -> TopicOwner:
    return TopicOwner.objects.create(category="billing", pate=pate, deputy=deputy, team=pate_team)


@pytest.fixture
def pate_rule(billing_pate) -> RoutingRule:
    return RoutingRule.objects.create(
        order=10, name="Rechnungen zum Paten", category="billing", action=RoutingRule.Action.PATE
    )
