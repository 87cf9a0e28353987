"""The demo desk's teams and staff: two agents and a team lead (no password; see below)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group

from brandwache.cases.access import AGENTS_GROUP, LEADS_GROUP
from brandwache.cases.models import Team

# Key used by the scenarios -> team name as the desk shows it.
TEAMS = {
    "billing": "Abrechnung",
    "rail": "Bahnreisen",
    "luggage": "Gepäck & Versand",
    "service": "Kundendienst",
    "social": "Social Media",
}


@dataclass(frozen=True)
class Person:
    key: str
    username: str
    first_name: str
    last_name: str
    group: str
    teams: tuple[str, ...]


STAFF = (
    Person("nina", "nina.baumann", "Nina", "Baumann", AGENTS_GROUP, ("billing", "service")),
    Person("luca", "luca.frei", "Luca", "Frei", AGENTS_GROUP, ("rail", "luggage")),
    Person("mira", "mira.steiner", "Mira", "Steiner", LEADS_GROUP, ("social",)),
)


def ensure_teams() -> dict[str, Team]:
    return {key: Team.objects.get_or_create(name=name)[0] for key, name in TEAMS.items()}


def ensure_staff(teams: dict[str, Team]) -> dict[str, AbstractBaseUser]:
    """Create the demo staff once; they get no usable password (an admin can set one)."""
    User = get_user_model()
    staff: dict[str, AbstractBaseUser] = {}
    for person in STAFF:
        user, created = User.objects.get_or_create(
            username=person.username,
            defaults={
                "first_name": person.first_name,
                "last_name": person.last_name,
                "email": f"{person.username}@example.ch",
            },
        )
        if created:
            # Demo data may be loaded into a reachable server: no known passwords.
            user.set_unusable_password()
            user.save(update_fields=["password"])
            user.groups.add(Group.objects.get(name=person.group))
            for team_key in person.teams:
                teams[team_key].members.add(user)
        staff[person.key] = user
    return staff
