"""Who hears about a clock: the owner for reminders, the escalation step's person after.

| who | is | when there is none |
|---|---|---|
| owner | the case's owner | the members of its team, else every team lead |
| deputy | the deputy of the Pate of the case's category | the Pate, else the team lead(s) |
| pate | the Pate of the case's category | the deputy, else the team lead(s) |
| team_lead | users in "Team leads" who are members of the case's team | every team lead |

Someone absent (per the routing app) or deactivated counts as none. Paten come
from `brandwache.routing.paten.responsible_people(case, at=...)` (absences on the
day of the pass); lookups are cached for one worker pass.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser

from brandwache.cases.access import LEADS_GROUP
from brandwache.cases.models import Case

User = AbstractBaseUser


def _responsible_people() -> Callable[[Case], Any] | None:
    try:
        from brandwache.routing.paten import responsible_people
    except ModuleNotFoundError as error:  # an installation without the routing app
        if error.name and error.name.startswith("brandwache.routing"):
            return None
        raise
    return responsible_people


class Recipients:
    """People lookups of one worker pass, each asked once per team or category."""

    def __init__(self, now: datetime) -> None:
        self.now = now
        self._members: dict[int, list[User]] = {}
        self._leads: dict[int | None, list[User]] = {}
        self._paten: dict[str, Any] = {}
        self._lookup = _responsible_people()

    def owner(self, case: Case) -> list[User]:
        if case.owner is not None and case.owner.is_active:
            return [case.owner]
        members = self.team_members(case)
        return members or self.team_leads(case)

    def team_members(self, case: Case) -> list[User]:
        if case.team_id is None:
            return []
        if case.team_id not in self._members:
            users = get_user_model().objects.filter(teams=case.team_id, is_active=True)
            self._members[case.team_id] = list(users.order_by("pk"))
        return self._members[case.team_id]

    def team_leads(self, case: Case) -> list[User]:
        leads = self._leads_of(case.team_id) if case.team_id is not None else []
        return leads or self._leads_of(None)

    def _leads_of(self, team_id: int | None) -> list[User]:
        if team_id not in self._leads:
            users = get_user_model().objects.filter(groups__name=LEADS_GROUP, is_active=True)
            if team_id is not None:
                users = users.filter(teams=team_id)
            self._leads[team_id] = list(users.distinct().order_by("pk"))
        return self._leads[team_id]

    def paten(self, case: Case) -> tuple[User | None, User | None]:
        """The Pate and the deputy who can be reached now (None for someone away)."""
        if self._lookup is None or not case.category:
            return None, None
        if case.category not in self._paten:
            self._paten[case.category] = self._lookup(case, at=self.now)
        found = self._paten[case.category]
        return (
            _reachable(found.pate, getattr(found, "pate_away", None)),
            _reachable(found.deputy, getattr(found, "deputy_away", None)),
        )

    def for_step(self, case: Case, who: str) -> list[User]:
        if who == "owner":
            return self.owner(case)
        if who in ("deputy", "pate"):
            pate, deputy = self.paten(case)
            first, second = (deputy, pate) if who == "deputy" else (pate, deputy)
            person = first or second
            return [person] if person is not None else self.team_leads(case)
        return self.team_leads(case)


def _reachable(user: User | None, away: object) -> User | None:
    if user is None or away is not None or not user.is_active:
        return None
    return user
