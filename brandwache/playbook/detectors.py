"""The complaint playbook's checks on a reply draft, German and English, rule-based and pure.

Each detector returns a `Finding` (found or not, with the words it rests on):

- `apology`: "Es tut mir leid", "Entschuldigung", "bedaure", "I'm sorry", "we apologise".
  "leider"/"unfortunately" alone is no apology, and neither is one inside quoted text.
- `concrete_action`: a remedy (refund, credit, replacement, repair, delivery, correction,
  a technician's visit) that we commit to, with a precise time ("bis Freitag", "mit der
  nächsten Rechnung", "within 48 hours") or already done ("soeben gutgeschrieben").
  "So bald wie möglich" is no precise time; questions and requests to the customer are no
  commitment.
- `excuse`: internal trouble blamed ("Systemumstellung", "personelle Engpässe", "hohes
  Aufkommen", "our system was down").
- `next_step`: the customer is told what happens next ("Wir melden uns", "I will call you",
  "you will receive").

The personalisation checks live in `personal.py` and are re-exported here.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from brandwache.playbook.patterns import (
    APOLOGY,
    CLAUSE,
    COMMITTER,
    DISOWNED,
    DONE,
    EXCUSE,
    FAILING,
    HEDGE,
    NEGATED,
    NEXT_STEP,
    OUR_THING,
    OURS,
    PRECISE_TIME,
    REMEDY,
    REQUEST,
    STAFF_AWAY,
    TECHNICAL,
)
from brandwache.playbook.personal import (
    PersonalCheck,
    check_personal,
    greeting_by_name,
    refers_to_customer,
    unchanged_standard_text,
)
from brandwache.playbook.text import NOT_FOUND, Finding, finding, mask_quotes, sentences

__all__ = [
    "DETECTOR_VERSION",
    "PLAYBOOK_CHECKS",
    "Finding",
    "PersonalCheck",
    "apology",
    "check_personal",
    "check_playbook",
    "concrete_action",
    "excuse",
    "greeting_by_name",
    "next_step",
    "refers_to_customer",
    "unchanged_standard_text",
]

# Stored with every review, so quality reports can tell which rules judged a reply.
DETECTOR_VERSION = "rules-2026.11"


# --- apology -------------------------------------------------------------------------------


def _negated(sentence: str, match: re.Match[str]) -> bool:
    """A negation inside the match or just before it ("no need to apologise")."""
    return bool(NEGATED.search(sentence[max(0, match.start() - 15) : match.end()]))


def apology(text: str) -> Finding:
    masked = mask_quotes(text)
    for start, end in sentences(masked):
        sentence = masked[start:end]
        for match in APOLOGY.finditer(sentence):
            if _negated(sentence, match):
                continue
            return finding(text, start + match.start(), start + match.end())
    return NOT_FOUND


# --- concrete action with a precise time -------------------------------------------------


def _commitments(sentence: str) -> str:
    """The sentence without clauses that ask something of the customer."""
    kept = [c.group() for c in CLAUSE.finditer(sentence) if not REQUEST.search(c.group())]
    return " , ".join(kept)


def concrete_action(text: str) -> Finding:
    masked = mask_quotes(text)
    for start, end in sentences(masked):
        sentence = masked[start:end]
        if sentence.rstrip().endswith("?"):
            continue
        kept = _commitments(sentence)
        if HEDGE.search(kept) or not REMEDY.search(kept):
            continue
        if DONE.search(kept) or (PRECISE_TIME.search(kept) and COMMITTER.search(kept)):
            return finding(text, start, end)
    return NOT_FOUND


# --- excuses about internal trouble ------------------------------------------------------


def excuse(text: str) -> Finding:
    masked = mask_quotes(text)
    for start, end in sentences(masked):
        sentence = masked[start:end]
        if DISOWNED.search(sentence):
            continue
        match = EXCUSE.search(sentence) or STAFF_AWAY.search(sentence)
        if match is None and FAILING.search(sentence):
            match = OUR_THING.search(sentence)
        if match is None:
            technical = TECHNICAL.search(sentence)
            match = technical if technical and OURS.search(sentence) else None
        if match:
            return finding(text, start + match.start(), start + match.end())
    return NOT_FOUND


# --- next step ---------------------------------------------------------------------------


def next_step(text: str) -> Finding:
    masked = mask_quotes(text)
    for start, end in sentences(masked):
        sentence = masked[start:end]
        if sentence.rstrip().endswith("?"):
            continue
        for match in NEXT_STEP.finditer(sentence):
            if _negated(sentence, match):
                continue
            return finding(text, start + match.start(), start + match.end())
    return NOT_FOUND


PLAYBOOK_CHECKS: dict[str, Callable[[str], Finding]] = {
    "apology": apology,
    "concrete_action": concrete_action,
    "excuse": excuse,
    "next_step": next_step,
}


def check_playbook(text: str) -> dict[str, Finding]:
    """The four checks of the complaint playbook on one draft."""
    return {name: detector(text) for name, detector in PLAYBOOK_CHECKS.items()}
