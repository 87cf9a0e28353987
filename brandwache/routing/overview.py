"""The Paten overview: per category the Pate, the deputy, who is away, and the open load."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Q

from brandwache.cases.categories import category_choices, category_label
from brandwache.cases.models import Case
from brandwache.routing.models import TopicOwner
from brandwache.routing.paten import Away, Responsible, away_on

CLOSED_STATES = [Case.Status.RESOLVED, Case.Status.CLOSED]


@dataclass(frozen=True)
class PersonLoad:
    user: AbstractBaseUser
    away: Away | None
    open_cases: int  # open cases this person owns, of any category


@dataclass(frozen=True)
class CategoryRow:
    key: str
    label: str
    topic_owner: TopicOwner | None
    pate: PersonLoad | None
    deputy: PersonLoad | None
    open_cases: int  # open cases of the category
    unowned: int  # of those, the ones nobody owns yet

    @property
    def available(self) -> AbstractBaseUser | None:
        return Responsible(
            pate=self.pate.user if self.pate else None,
            deputy=self.deputy.user if self.deputy else None,
            pate_away=self.pate.away if self.pate else None,
            deputy_away=self.deputy.away if self.deputy else None,
        ).available


def paten_overview(day: date) -> list[CategoryRow]:
    """One row per configured category, then any Pate of a category no longer configured."""
    owners = {
        owner.category: owner
        for owner in TopicOwner.objects.select_related("pate", "deputy", "team")
    }
    keys = [key for key, _label in category_choices()]
    keys += sorted(set(owners) - set(keys))
    people = {user.pk: user for owner in owners.values() for user in (owner.pate, owner.deputy)}
    away = away_on(people.values(), day)
    open_cases = Case.objects.filter(merged_into__isnull=True).exclude(status__in=CLOSED_STATES)
    held = dict(
        open_cases.filter(owner__in=list(people))
        .values_list("owner")
        .annotate(n=Count("pk"))
        .values_list("owner", "n")
    )
    per_category = {
        row["category"]: row
        for row in open_cases.filter(category__in=keys)
        .values("category")
        .annotate(total=Count("pk"), unowned=Count("pk", filter=Q(owner__isnull=True)))
    }

    def load(user: AbstractBaseUser) -> PersonLoad:
        return PersonLoad(user, away.get(user.pk), held.get(user.pk, 0))

    rows = []
    for key in keys:
        owner = owners.get(key)
        counts = per_category.get(key, {})
        rows.append(
            CategoryRow(
                key=key,
                label=category_label(key),
                topic_owner=owner,
                pate=load(owner.pate) if owner else None,
                deputy=load(owner.deputy) if owner else None,
                open_cases=counts.get("total", 0),
                unowned=counts.get("unowned", 0),
            )
        )
    return rows
