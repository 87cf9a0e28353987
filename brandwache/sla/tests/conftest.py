"""Fixtures of the SLA tests: a team lead of the agent's team, the installed defaults."""

from __future__ import annotations

import importlib

import pytest
from django.contrib.auth.models import User

from brandwache.cases.models import Team
from conftest import make_user


@pytest.fixture
def team_lead(db, team: Team) -> User:
    user = make_user("tamara", "Team leads")
    team.members.add(user)
    return user


@pytest.fixture
def sla_defaults(transactional_db) -> None:
    """The calendar and policies the migrations install; a transactional test elsewhere may
    have flushed them."""
    from django.apps import apps

    for name, function in (
        ("0002_default_calendar", "create_default_calendar"),
        ("0004_default_policies", "create_default_policies"),
    ):
        module = importlib.import_module(f"brandwache.sla.migrations.{name}")
        getattr(module, function)(apps, None)
