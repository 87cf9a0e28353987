"""Text plumbing shared by the detectors: quoted text masked out, sentences, findings.

Masking replaces characters with spaces instead of cutting them out, so every offset a
detector reports still points into the agent's original reply.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    """A detector's verdict and the words it rests on (offsets into the reply)."""

    found: bool
    evidence: str = ""
    start: int = -1
    end: int = -1

    def as_dict(self) -> dict[str, object]:
        return {"found": self.found, "evidence": self.evidence}


NOT_FOUND = Finding(False)

# Where a quoted earlier message begins: everything after it is the customer's, not ours.
QUOTE_HEADER = re.compile(
    r"^(?:am .{3,80}schrieb.{0,80}:|on .{3,80}wrote:|-{2,}\s*(?:original|ursprüngliche)"
    r"[^\n]*-{2,}|von:\s.+|from:\s.+)\s*$",
    re.IGNORECASE | re.MULTILINE,
)
QUOTED_LINE = re.compile(r"^[ \t]*>.*$", re.MULTILINE)
# Words in quotation marks are someone else's words (usually the customer's).
INLINE_QUOTE = re.compile(r"„[^“”\n]{1,300}[“”]|«[^»\n]{1,300}»|“[^”\n]{1,300}”|\"[^\"\n]{1,300}\"")


def _blank(text: str, start: int, end: int) -> str:
    chunk = re.sub(r"[^\n]", " ", text[start:end])
    return text[:start] + chunk + text[end:]


def mask_quotes(text: str) -> str:
    """The reply with quoted lines, quoted earlier messages and quotations blanked out."""
    header = QUOTE_HEADER.search(text)
    if header:
        text = _blank(text, header.start(), len(text))
    for pattern in (QUOTED_LINE, INLINE_QUOTE):
        for match in pattern.finditer(text):
            text = _blank(text, match.start(), match.end())
    return text


# Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    ["z.b", "zb", "bzw", "usw", "inkl", "ca", "nr", "dr", "prof", "evtl", "ggf", "vgl", "sog"]
    + ["u.a", "d.h", "mr", "mrs", "ms", "st", "etc", "e.g", "i.e"]
)
SENTENCE_END = re.compile(r"[.!?]+(?=\s)|\n\s*\n|\n")


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence; a full stop after a number or abbreviation is no end."""
    start = 0
    for match in SENTENCE_END.finditer(text):
        end = match.end()
        if match.group().startswith("."):
            before = text[start : match.start()].split()
            last = before[-1].lower().rstrip(".") if before else ""
            following = text[end:].lstrip()[:1]
            if last.isdigit() or last in ABBREVIATIONS or (following and following.islower()):
                continue
        if text[start:end].strip():
            yield start, end
        start = end
    if text[start:].strip():
        yield start, len(text)


def finding(text: str, start: int, end: int) -> Finding:
    return Finding(True, text[start:end].strip(), start, end)


def normalise_word(word: str) -> str:
    """Case, ß and umlauts folded, so "Grüße" and "GRUESSE" compare equal."""
    word = word.casefold().replace("ß", "ss")
    for umlaut, plain in (("ä", "a"), ("ö", "o"), ("ü", "u"), ("ae", "a"), ("oe", "o")):
        word = word.replace(umlaut, plain)
    return word.replace("ue", "u")
