"""Which case a new inbound message belongs to."""

from __future__ import annotations

import re

from brandwache.cases.models import Case, Message

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


def find_case_for(
    *,
    in_reply_to: str,
    references: list[str],
    subject: str,
    explicit_reference: str,
    contact_id: int | None,
) -> Case | None:
    if explicit_reference:
        case = Case.objects.filter(reference=explicit_reference).first()
        if case:
            return resolve_case(case)
    thread_ids = [normalise_message_id(in_reply_to)] if in_reply_to else []
    thread_ids += [ref for ref in reversed(references) if ref]
    thread_ids = [ref for ref in thread_ids if ref]
    if thread_ids:
        known = dict(
            Message.objects.filter(message_id__in=thread_ids).values_list("message_id", "case_id")
        )
        for ref in thread_ids:
            if ref in known:
                return resolve_case(Case.objects.get(pk=known[ref]))
    match = REFERENCE_PATTERN.search(subject or "")
    if match:
        # References are sequential and easy to guess: one in a subject only joins
        # the case when it comes from the case's own contact.
        case = Case.objects.filter(reference=match.group(0)).first()
        if case:
            case = resolve_case(case)
            if contact_id is not None and case.contact_id == contact_id:
                return case
    return None
