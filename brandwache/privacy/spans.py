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
        clash = (i < len(kept) and kept[i].start < span.end) or (
            i > 0 and kept[i - 1].end > span.start
        )
        if not clash:
            kept.insert(i, span)
            starts.insert(i, span.start)
        elif span.kind in TRIMMED:
            for piece in _outside(span, kept, i):
                j = bisect_left(starts, piece.start)
                kept.insert(j, piece)
                starts.insert(j, piece.start)
    return kept


# An address with a customer number or phone inside it ("Kd.-Nr. 4471, Seeweg 3, 8000
# Zürich") keeps the parts around that find rather than being dropped whole.
TRIMMED = frozenset({Kind.ADDRESS})


def _outside(span: Span, kept: list[Span], i: int) -> list[Span]:
    """The parts of `span` not covered by the kept spans around index `i`, trimmed."""
    first = i - 1 if i > 0 and kept[i - 1].end > span.start else i
    pieces = []
    cursor = span.start
    for other in kept[first:]:
        if other.start >= span.end:
            break
        if other.start > cursor:
            pieces.append((cursor, other.start))
        cursor = max(cursor, other.end)
    pieces.append((cursor, span.end))
    # Beside another address the rest continues it ("c/o Mrs P. Walsh" above the street);
    # beside a number it needs a number of its own: "Kd.-Nr." or "Account no." left between
    # two finds is the number's label, not an address.
    beside_address = any(o.kind is span.kind for o in kept[first:] if o.start < span.end)
    trimmed = []
    for start, end in pieces:
        text = span.text[start - span.start : end - span.start]
        stripped = text.strip(" \t\n,;:·/()-")
        if any(c.isdigit() or (beside_address and c.isalnum()) for c in stripped):
            start += text.index(stripped)
            trimmed.append(Span(start, start + len(stripped), span.kind, stripped))
    return trimmed
