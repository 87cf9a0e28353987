"""What an anonymous visitor may see, found by secret tokens only.

A receipt token (signed, short-lived) names one web form submission; a status
token (random, on the case) names one case. Neither ever leads to another
customer's case.
"""

from __future__ import annotations

from datetime import timedelta

from django.core import signing
from django.http import Http404

from brandwache.cases.models import Case, Message
from brandwache.cases.threading import resolve_case
from brandwache.contacts.actions import resolve_contact
from brandwache.contacts.models import Contact
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


def _same_customer(first: Contact | None, second: Contact | None) -> bool:
    if first is None or second is None:
        return False
    return resolve_contact(first).pk == resolve_contact(second).pk


def case_of_submission(raw: RawMessage) -> tuple[Message, Case] | None:
    """The message and case a submission became, if its sender is that case's customer.

    A reference in the subject joins a submission to an existing case; the
    sender learns that case's status link only when the case is their own.
    """
    message = Message.objects.select_related("case", "contact").filter(raw=raw).first()
    if message is None:
        return None
    case = resolve_case(message.case)
    if not _same_customer(message.contact, case.contact):
        return None
    return message, case


def case_for_status_token(token: str) -> Case:
    if len(token) < MIN_STATUS_TOKEN_LENGTH:
        raise Http404("Unknown status link.")
    case = Case.objects.select_related("contact").filter(status_token=token).first()
    if case is None:
        raise Http404("Unknown status link.")
    target = resolve_case(case)
    # A merge into another customer's case must not show that customer's answers.
    if target.pk != case.pk and _same_customer(case.contact, target.contact):
        return target
    return case
