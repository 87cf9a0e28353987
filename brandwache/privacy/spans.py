"""Found personal data as typed character spans, and how overlapping finds are settled."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    EMAIL = "EMAIL"
    PHONE = "PHONE"
    IBAN = "IBAN"
    CARD = "CARD"
    ADDRESS = "ADDRESS"
    CUSTOMER_NUMBER = "CUSTOMER_NUMBER"
    BIRTH_DATE = "BIRTH_DATE"
    PLATE = "PLATE"
    NAME = "NAME"
    HANDLE = "HANDLE"
    PROFILE = "PROFILE"
    BANK_ACCOUNT = "BANK_ACCOUNT"


# Placeholder labels: what a reader of an anonymised text sees.
LABELS: dict[Kind, str] = {
    Kind.EMAIL: "E-MAIL",
    Kind.PHONE: "PHONE",
    Kind.IBAN: "IBAN",
    Kind.CARD: "CARD",
    Kind.ADDRESS: "ADDRESS",
    Kind.CUSTOMER_NUMBER: "CUSTOMER-NO",
    Kind.BIRTH_DATE: "BIRTH-DATE",
    Kind.PLATE: "PLATE",
    Kind.NAME: "NAME",
    Kind.HANDLE: "HANDLE",
    Kind.PROFILE: "PROFILE-LINK",
    Kind.BANK_ACCOUNT: "BANK-ACCOUNT",
}

# When two finds overlap the more specific one wins: a checksummed IBAN beats the phone
# pattern that also matches its digits, a context-bound number beats a bare pattern.
PRIORITY: dict[Kind, int] = {
    Kind.PROFILE: 0,
    Kind.EMAIL: 1,
    Kind.HANDLE: 2,
    Kind.IBAN: 3,
    Kind.CARD: 4,
    Kind.BANK_ACCOUNT: 5,
    Kind.CUSTOMER_NUMBER: 6,
    Kind.BIRTH_DATE: 7,
    Kind.PLATE: 8,
    Kind.ADDRESS: 9,
    Kind.PHONE: 10,
    Kind.NAME: 11,
}


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int
    kind: Kind
    text: str


def resolve_overlaps(candidates: list[Span]) -> list[Span]:
    """Keep the best of every group of overlapping finds, in text order."""
    ranked = sorted(candidates, key=lambda s: (PRIORITY[s.kind], -(s.end - s.start), s.start))
    # Kept spans never overlap, so sorted by start they are sorted by end too: a new span
    # only has to be checked against its two neighbours.
    kept: list[Span] = []
    starts: list[int] = []
    for span in ranked:
        i = bisect_left(starts, span.start)
        if i < len(kept) and kept[i].start < span.end:
            continue
        if i > 0 and kept[i - 1].end > span.start:
            continue
        kept.insert(i, span)
        starts.insert(i, span.start)
    return kept
