"""Which case a new inbound message belongs to.

A message joins an existing case only when Brandwache can tell it comes from
that case's customer: an agent named the case, or a reply or a reference in
the subject comes from the case's own contact over a channel that proves its
sender. Anything else opens a new case, and the case it named or answered is
kept as "possibly related" for agents to decide: references are sequential and
Message-IDs travel in other people's mail, so neither is proof of anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from brandwache.cases.models import Case, Message
from brandwache.contacts.actions import resolve_contact
from brandwache.contacts.models import Contact

REFERENCE_PATTERN = re.compile(r"\bBW-(\d{4})-(\d{5,})\b")


def normalise_message_id(value: str) -> str:
    return value.strip().strip("<>").strip()


def split_references(value: str) -> list[str]:
    return [normalise_message_id(part) for part in re.findall(r"<[^>]+>|\S+", value or "")]


def resolve_case(case: Case) -> Case:
    """Follow merges to the case that now holds the conversation."""
    seen: set[int] = set()
    while case.merged_into_id is not None and case.pk not in seen:
        seen.add(case.pk)
        case = Case.objects.get(pk=case.merged_into_id)
    return case


def same_customer(case: Case, contact_id: int | None) -> bool:
    """Whether `contact_id` is the case's customer (also after either contact was merged)."""
    if contact_id is None or case.contact_id is None:
        return False
    if case.contact_id == contact_id:
        return True
    contacts = Contact.objects.in_bulk([case.contact_id, contact_id])
    if len(contacts) < 2:
        return False
    return resolve_contact(contacts[case.contact_id]).pk == resolve_contact(contacts[contact_id]).pk


@dataclass(frozen=True)
class Threading:
    """Where a message goes: the case it joins, or none and a case it may belong to."""

    case: Case | None = None
    related: Case | None = None
    why: str = ""


def _thread_case(in_reply_to: str, references: list[str]) -> Case | None:
    thread_ids = [normalise_message_id(in_reply_to)] if in_reply_to else []
    thread_ids += [ref for ref in reversed(references) if ref]
    thread_ids = [ref for ref in thread_ids if ref]
    if not thread_ids:
        return None
    known = dict(
        Message.objects.filter(message_id__in=thread_ids).values_list("message_id", "case_id")
    )
    for ref in thread_ids:
        if ref in known:
            return resolve_case(Case.objects.get(pk=known[ref]))
    return None


def _subject_case(subject: str) -> Case | None:
    match = REFERENCE_PATTERN.search(subject or "")
    if match is None:
        return None
    case = Case.objects.filter(reference=match.group(0)).first()
    return resolve_case(case) if case else None


def find_case_for(
    *,
    in_reply_to: str,
    references: list[str],
    subject: str,
    explicit_reference: str,
    contact_id: int | None,
    sender_verified: bool = True,
) -> Threading:
    """The case a message joins; `sender_verified` is False for channels anyone can fill in
    with someone else's address (the public form): those never join an existing case."""
    if explicit_reference:  # an agent chose the case, with write access to it
        case = Case.objects.filter(reference=explicit_reference).first()
        if case:
            return Threading(case=resolve_case(case))
    for why, case in (
        ("reply", _thread_case(in_reply_to, references)),
        ("reference", _subject_case(subject)),
    ):
        if case is None:
            continue
        if sender_verified and same_customer(case, contact_id):
            return Threading(case=case)
        return Threading(related=case, why=why)
    return Threading()
