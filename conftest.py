"""Shared fixtures: people with the roles Brandwache ships, built through real objects.

Every view test can use the owner, a colleague in another team, a lead and an
outsider (a logged-in user who is no agent) to check access along the way.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.contrib.auth.models import Group, User
from django.db import OperationalError

from brandwache.cases.models import Team
from tests.smtp import Mailbox, smtp_server_for

PASSWORD = "correct horse battery staple"


def make_user(username: str, *groups: str) -> User:
    user = User.objects.create_user(username, f"{username}@example.ch", PASSWORD)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture(scope="session", autouse=True)
def no_leftover_connections(django_db_setup, django_db_blocker) -> Iterator[None]:
    """Live-server threads may leave a PostgreSQL session open, which blocks dropping the test
    database; end those sessions before it is dropped."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock():
        try:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
        except OperationalError:
            return  # no test used the database, so no test database was created


@pytest.fixture(autouse=True)
def fast_password_hashing(settings) -> None:
    """Deliberately slow hashing makes every user fixture cost a second; tests need no strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def team(db) -> Team:
    return Team.objects.create(name="Billing")


@pytest.fixture
def other_team(db) -> Team:
    return Team.objects.create(name="Rail travel")


@pytest.fixture
def agent(db, team) -> User:
    user = make_user("anna", "Agents")
    team.members.add(user)
    return user


@pytest.fixture
def colleague(db, other_team) -> User:
    user = make_user("beat", "Agents")
    other_team.members.add(user)
    return user


@pytest.fixture
def lead(db) -> User:
    return make_user("lena", "Team leads")


@pytest.fixture
def outsider(db) -> User:
    return make_user("otto")


@pytest.fixture
def agent_client(client, agent):
    client.force_login(agent)
    return client


# Debian's Chromium, never a downloaded browser; flags keep it off the network.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def smtp_server(settings) -> Iterator[Mailbox]:
    """A real SMTP server on loopback that Django's mail goes to; `.received` holds the mails."""
    with smtp_server_for(settings) as mailbox:
        yield mailbox
