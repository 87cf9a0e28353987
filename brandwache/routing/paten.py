"""Who is responsible for a case's category right now: the Pate, the deputy, or nobody.

`responsible_people` is the contract other apps build on (the SLA worker
escalates to `Responsible.available`); keep its attributes stable.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from brandwache.cases.models import Case
from brandwache.routing.models import Absence, TopicOwner

User = AbstractBaseUser
ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Away:
    """Why someone cannot take a case at the moment asked about."""

    # Last day of the absence (and of any absence joining it); None: the account is
    # deactivated, so there is no day they are expected back.
    until: date | None
    note: str = ""


@dataclass(frozen=True)
class Responsible:
    pate: User | None = None
    deputy: User | None = None
    topic_owner: TopicOwner | None = None
    pate_away: Away | None = None
    deputy_away: Away | None = None

    @property
    def available(self) -> User | None:
        """The Pate; the deputy while the Pate is away; None when both are away."""
        if self.pate is not None and self.pate_away is None:
            return self.pate
        if self.deputy is not None and self.deputy_away is None:
            return self.deputy
        return None

    @property
    def is_deputy_standing_in(self) -> bool:
        return self.available is not None and self.available == self.deputy


def away_on(users: Iterable[User], day: date) -> dict[int, Away]:
    """The users among `users` who are away on `day`, each with the day they are back."""
    people = {user.pk: user for user in users}
    away: dict[int, Away] = {
        pk: Away(until=None) for pk, user in people.items() if not user.is_active
    }
    absences = Absence.objects.filter(user__in=list(people), ends_on__gte=day).order_by(
        "user", "starts_on"
    )
    for absence in absences:
        current = away.get(absence.user_id)
        if current is None:
            if absence.covers(day):
                away[absence.user_id] = Away(until=absence.ends_on, note=absence.note)
        elif current.until is not None and absence.starts_on <= current.until + ONE_DAY:
            # Back-to-back or overlapping absences: away until the last of them ends.
            away[absence.user_id] = Away(max(current.until, absence.ends_on), current.note)
    return away


def responsible_for(category: str, *, at: datetime | None = None) -> Responsible:
    if not category:
        return Responsible()
    topic_owner = (
        TopicOwner.objects.select_related("pate", "deputy", "team")
        .filter(category=category)
        .first()
    )
    if topic_owner is None:
        return Responsible()
    day = timezone.localdate(at or timezone.now())
    away = away_on([topic_owner.pate, topic_owner.deputy], day)
    return Responsible(
        pate=topic_owner.pate,
        deputy=topic_owner.deputy,
        topic_owner=topic_owner,
        pate_away=away.get(topic_owner.pate_id),
        deputy_away=away.get(topic_owner.deputy_id),
    )


def responsible_people(case: Case, *, at: datetime | None = None) -> Responsible:
    """The Pate and deputy of the case's category, and who of them is available at `at`
    (default: now). A case without a category, or whose category has no Pate, gets an
    empty `Responsible` (everything None)."""
    return responsible_for(case.category, at=at)
