"""The inbox's GET parameters, read once and applied to the visible cases.

The parameter names and values are a contract (bookmarks and benchmarks rely
on them): status, channel, owner, team, q, sort, page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from brandwache.cases.models import Case, Message
from brandwache.contacts.identities import normalise_identity
from brandwache.contacts.models import Identity

# Without a status filter the inbox shows what still needs work.
UNRESOLVED = "unresolved"
ALL = "all"
DONE_STATUSES = [Case.Status.RESOLVED, Case.Status.CLOSED]

STATUS_LABELS = {UNRESOLVED: _("All unresolved"), ALL: _("All, including resolved")}


@dataclass(frozen=True)
class Sort:
    label: str | Promise
    # Every ordering ends in a unique column, so pages never repeat or skip a case.
    order_by: tuple[str, ...]


DEFAULT_SORT = "-last_message_at"
SORTS = {
    "-last_message_at": Sort(_("Latest message first"), ("-last_message_at", "-pk")),
    "last_message_at": Sort(_("Oldest message first"), ("last_message_at", "pk")),
    "-created_at": Sort(_("Newest case first"), ("-created_at", "-pk")),
    "priority": Sort(_("Highest priority first"), ("priority_rank", "-last_message_at", "-pk")),
    "reference": Sort(_("Reference"), ("reference",)),
}
PRIORITY_RANK = models.Case(
    models.When(priority=Case.Priority.URGENT, then=models.Value(0)),
    models.When(priority=Case.Priority.HIGH, then=models.Value(1)),
    models.When(priority=Case.Priority.NORMAL, then=models.Value(2)),
    default=models.Value(3),
    output_field=models.IntegerField(),
)
MAX_QUERY_CHARS = 200
PHONE_LIKE = re.compile(r"^[\d\s+()/.-]+$")


@dataclass(frozen=True)
class InboxFilter:
    status: str = UNRESOLVED
    channel: str = ""
    owner: str = ""
    team: str = ""
    q: str = ""
    sort: str = DEFAULT_SORT

    @classmethod
    def from_params(cls, params: QueryDict) -> InboxFilter:
        status = params.get("status", "").strip()
        if status not in {ALL, *Case.Status.values}:
            status = UNRESOLVED
        team = params.get("team", "").strip()
        if team != "none" and not team.isdigit():
            team = ""
        sort = params.get("sort", "").strip()
        return cls(
            status=status,
            channel=params.get("channel", "").strip()[:32],
            owner=params.get("owner", "").strip()[:150],
            team=team,
            q=" ".join(params.get("q", "").split())[:MAX_QUERY_CHARS],
            sort=sort if sort in SORTS else DEFAULT_SORT,
        )

    @property
    def is_default(self) -> bool:
        return self == InboxFilter()

    def apply(
        self, cases: QuerySet[Case], user: AbstractBaseUser | AnonymousUser
    ) -> QuerySet[Case]:
        # A merged case is only a pointer to the case that holds its conversation.
        cases = cases.filter(merged_into__isnull=True)
        if self.status == UNRESOLVED:
            cases = cases.exclude(status__in=DONE_STATUSES)
        elif self.status != ALL:
            cases = cases.filter(status=self.status)
        if self.channel:
            cases = cases.filter(channel=self.channel)
        if self.owner == "me":
            cases = cases.filter(owner=user.pk)
        elif self.owner == "none":
            cases = cases.filter(owner__isnull=True)
        elif self.owner:
            cases = cases.filter(owner__username=self.owner)
        if self.team == "none":
            cases = cases.filter(team__isnull=True)
        elif self.team:
            cases = cases.filter(team_id=int(self.team))
        if self.q:
            cases = cases.filter(search_condition(self.q))
        if self.sort == "priority":
            cases = cases.annotate(priority_rank=PRIORITY_RANK)
        return cases.order_by(*SORTS[self.sort].order_by)


def search_condition(query: str) -> Q:
    """Reference, subject, contact name, any identity of the contact, or any message text.

    Identities and messages are matched with EXISTS subqueries, so a case with
    many matching messages is still one row and no join multiplies the cases.
    """
    identity_match = Q(value__icontains=query) | Q(label__icontains=query)
    if PHONE_LIKE.match(query):
        # Phone numbers are stored as digits only; "079 123 45" should still find them.
        digits = normalise_identity(Identity.Kind.PHONE, query)
        if len(digits.lstrip("+")) >= 4:
            identity_match |= Q(kind=Identity.Kind.PHONE, value__contains=digits)
    identities = Identity.objects.filter(identity_match, contact_id=OuterRef("contact_id"))
    messages = Message.objects.filter(case_id=OuterRef("pk"), text__icontains=query)
    return (
        Q(reference__icontains=query)
        | Q(subject__icontains=query)
        | Q(contact__display_name__icontains=query)
        | Exists(identities)
        | Exists(messages)
    )
