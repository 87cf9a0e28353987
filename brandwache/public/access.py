"""What an anonymous visitor may see, found by secret tokens only.

A receipt token (signed, short-lived) names one web form submission and shows
no more than the reference of the case it opened; a status token (random, on
the case) names one case and is only ever sent by e-mail to the case's
customer, never shown to whoever filled in the form. Neither ever leads to
another customer's case.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.http import Http404
from django.utils import timezone

from brandwache.cases.models import Case, Message
from brandwache.cases.threading import resolve_case, same_customer
from brandwache.contacts.actions import resolve_contact
from brandwache.contacts.identities import normalise_identity
from brandwache.contacts.models import Identity
from brandwache.intake.models import RawMessage

RECEIPT_SALT = "brandwache.public.receipt"
RECEIPT_MAX_AGE = timedelta(days=1)
MIN_STATUS_TOKEN_LENGTH = 20


def receipt_token(raw: RawMessage) -> str:
    return signing.dumps(raw.pk, salt=RECEIPT_SALT)


def submission_for_receipt(token: str) -> RawMessage:
    try:
        pk = signing.loads(token, salt=RECEIPT_SALT, max_age=RECEIPT_MAX_AGE)
    except signing.BadSignature:
        raise Http404("Unknown or expired confirmation.") from None
    raw = RawMessage.objects.filter(pk=pk, channel="webform").first()
    if raw is None:
        raise Http404("Unknown confirmation.")
    return raw


def case_of_submission(raw: RawMessage) -> tuple[Message, Case] | None:
    """The message and the case a submission opened, while it is still that case's first.

    A submission never joins an existing case, but an agent may merge its case
    with another one later; from then on the receipt names no case at all.
    """
    message = Message.objects.select_related("case").filter(raw=raw).first()
    if message is None:
        return None
    first = (
        Message.objects.filter(case=message.case_id)
        .order_by("created_at", "id")
        .values_list("pk", flat=True)
        .first()
    )
    if first != message.pk or message.case.merged_into_id is not None:
        return None
    return message, message.case


def case_of_status_token(token: str) -> Case:
    """The case a status link was made for (a merged one too); 404 for anything else."""
    if len(token) < MIN_STATUS_TOKEN_LENGTH:
        raise Http404("Unknown status link.")
    case = Case.objects.select_related("contact").filter(status_token=token).first()
    if case is None:
        raise Http404("Unknown status link.")
    return case


def case_to_show(case: Case) -> Case:
    """What a status link shows: the case it was merged into when that is the same
    customer's, else the link's own case."""
    target = resolve_case(case)
    if target.pk != case.pk and same_customer(target, case.contact_id):
        return target
    return case


def status_link_expired(case: Case) -> bool:
    days = settings.BRANDWACHE_STATUS_LINK_DAYS
    if days <= 0:
        return False
    issued = case.status_token_issued_at or case.created_at
    return timezone.now() > issued + timedelta(days=days)


def case_address(case: Case, typed: str) -> str | None:
    """The case customer's e-mail address that `typed` names, if it is one of theirs."""
    if case.contact is None:
        return None
    wanted = normalise_identity(Identity.Kind.EMAIL, typed)
    if not wanted:
        return None
    identity = (
        Identity.objects.filter(
            contact=resolve_contact(case.contact), kind=Identity.Kind.EMAIL, value=wanted
        )
        .values_list("value", flat=True)
        .first()
    )
    return identity
