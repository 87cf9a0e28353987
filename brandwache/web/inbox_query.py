"""The inbox's GET parameters, read once and applied to the visible cases.

The parameter names and values are a contract (bookmarks and benchmarks rely
on them): status, channel, owner, team, q, sort, page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models
from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.db.models.expressions import OrderBy
from django.db.models.lookups import IsNull
from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from brandwache.cases.models import Case, Message
from brandwache.contacts.identities import normalise_identity
from brandwache.contacts.models import Contact, Identity

# Without a status filter the inbox shows what still needs work.
UNRESOLVED = "unresolved"
ALL = "all"
DONE_STATUSES = [Case.Status.RESOLVED, Case.Status.CLOSED]

STATUS_LABELS = {UNRESOLVED: _("All unresolved"), ALL: _("All, including resolved")}


@dataclass(frozen=True)
class Sort:
    label: str | Promise
    # Every ordering ends in a unique column, so pages never repeat or skip a case.
    order_by: tuple[str | OrderBy, ...]


DEFAULT_SORT = "-last_message_at"
SORTS = {
    "-last_message_at": Sort(_("Latest message first"), ("-last_message_at", "-pk")),
    "last_message_at": Sort(_("Oldest message first"), ("last_message_at", "pk")),
    "-created_at": Sort(_("Newest case first"), ("-created_at", "-pk")),
    "priority": Sort(_("Highest priority first"), ("priority_rank", "-last_message_at", "-pk")),
    "reference": Sort(_("Reference"), ("reference",)),
    # Cases without a running SLA clock have no due time and come last.
    "due": Sort(_("Due time, earliest first"), (F("sla_due_at").asc(nulls_last=True), "pk")),
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
# A search term matching more rows than this counts as common (see search_condition).
FEW_MATCHES = 2000


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

    Runs one query first to learn whether the term is rare. A rare term's cases
    are found through the indexes (trigram indexes on PostgreSQL) and only they
    are filtered and sorted; a common term is checked case by case while the
    inbox is walked in page order, which stops as soon as a page is full.
    Either way the condition is the same.
    """
    case_ids = few_matching_case_ids(query)
    if case_ids is not None:
        return Q(pk__in=case_ids)
    return each_case_matches(query)


def few_matching_case_ids(query: str) -> list[int] | None:
    """The ids of the cases the query matches, or None if it matches more than FEW_MATCHES rows."""
    rows = list(matching_rows(query)[: FEW_MATCHES + 1])
    if len(rows) > FEW_MATCHES:
        return None
    return sorted(set(rows))


def matching_rows(query: str) -> QuerySet[Case, int]:
    """A case id for every field that matches, one part per index; UNION ALL can stop early."""
    named = Contact.objects.filter(display_name__icontains=query).values("pk")
    identities = Identity.objects.filter(identity_match(query)).values("contact_id")
    case_ids = Case.objects.values_list("pk", flat=True)
    return case_ids.filter(Q(reference__icontains=query) | Q(subject__icontains=query)).union(
        Message.objects.filter(text__icontains=query).values_list("case_id", flat=True),
        case_ids.filter(contact_id__in=named),
        case_ids.filter(contact_id__in=identities),
        all=True,
    )


def each_case_matches(query: str) -> Q:
    """The search condition checked for each case in turn.

    Identities and messages are looked up with correlated subqueries of one
    row, so a case with many matching messages is still one row, and no join
    multiplies the cases. PostgreSQL would turn an EXISTS here into a scan of
    every message before the first row; a scalar subquery it runs per case.
    """
    identity = Identity.objects.filter(identity_match(query), contact_id=OuterRef("contact_id"))
    message = Message.objects.filter(case_id=OuterRef("pk"), text__icontains=query)
    return (
        Q(reference__icontains=query)
        | Q(subject__icontains=query)
        | Q(contact__display_name__icontains=query)
        | Q(IsNull(Subquery(identity.values("pk")[:1]), False))
        | Q(IsNull(Subquery(message.values("pk")[:1]), False))
    )


def identity_match(query: str) -> Q:
    match = Q(value__icontains=query) | Q(label__icontains=query)
    if PHONE_LIKE.match(query):
        # Phone numbers are stored as digits only; "079 123 45" should still find them.
        # Digits have no case: icontains matches the same rows and can use the index.
        digits = normalise_identity(Identity.Kind.PHONE, query)
        if len(digits.lstrip("+")) >= 4:
            match |= Q(kind=Identity.Kind.PHONE, value__icontains=digits)
    return match
