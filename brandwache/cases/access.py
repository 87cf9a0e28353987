"""Permission-checked access to cases; views never fetch cases themselves.

Agents (members of the "Agents" group or holders of the `cases.view_case`
permission) see cases of their teams and cases without a team; team leads and
superusers (`cases.view_all_cases`) see everything.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from brandwache.cases.models import Case, Team

AGENTS_GROUP = "Agents"
LEADS_GROUP = "Team leads"


def is_agent(user: AbstractBaseUser | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.is_active and user.has_perm("cases.view_case"))


def sees_all_cases(user: AbstractBaseUser | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.has_perm("cases.view_all_cases"))


def visible_cases(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Case]:
    if not is_agent(user):
        return Case.objects.none()
    cases = Case.objects.all()
    if sees_all_cases(user):
        return cases
    my_teams = Team.objects.filter(members=user).values("pk")
    return cases.filter(Q(team__isnull=True) | Q(team__in=my_teams) | Q(owner=user))


def case_for_user(
    user: AbstractBaseUser | AnonymousUser, reference: str, *, write: bool = False
) -> Case:
    """The case with this reference if the user may see it (and change it, with write)."""
    if not is_agent(user):
        raise PermissionDenied
    case = (
        visible_cases(user)
        .select_related("contact", "owner", "team", "merged_into")
        .filter(reference=reference)
        .first()
    )
    if case is None:
        raise Http404("No such case.")
    if write and not user.has_perm("cases.change_case"):
        raise PermissionDenied
    return case
