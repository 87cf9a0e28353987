"""Which policy applies to a case: the first active one, by order, whose conditions match."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings

from brandwache.batchmemo import remembered
from brandwache.cases.models import Case
from brandwache.contacts.models import Contact
from brandwache.sla.models import SlaPolicy


def is_public(channel: str) -> bool:
    """Whether the channel is a public thread (social media, review sites) rather than private."""
    return channel in settings.BRANDWACHE_PUBLIC_CHANNELS


def customer_group(case: Case) -> str:
    if case.contact_id is None:
        return ""
    if Case.contact.is_cached(case):  # type: ignore[attr-defined]
        return case.contact.group if case.contact else ""
    return Contact.objects.filter(pk=case.contact_id).values_list("group", flat=True).first() or ""


def active_policies() -> list[SlaPolicy]:
    return remembered(
        "sla.active_policies",
        lambda: list(SlaPolicy.objects.filter(active=True).select_related("calendar")),
    )


def choose_policy(case: Case, policies: Sequence[SlaPolicy] | None = None) -> SlaPolicy | None:
    """The policy for the case as it is now; None when no active policy matches."""
    group = customer_group(case)
    public = is_public(case.channel)
    for policy in active_policies() if policies is None else policies:
        if policy.matches(
            channel=case.channel,
            category=case.category,
            priority=case.priority,
            group=group,
            public=public,
        ):
            return policy
    return None
