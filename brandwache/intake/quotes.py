"""Separating what the customer wrote now from what they quoted and from their signature.

Conservative by design: text is only moved out of the new text when a clear marker
says so, and nothing is ever dropped. Every non-blank line of the input ends up in
exactly one of `text`, `quoted_text` or `signature`. If moving something out would
leave no new text at all, everything stays new text.

Recognised quotes: `>` lines; "Am … um … schrieb …:" and "On … wrote:" headers
(also when wrapped over lines); "-----Ursprüngliche Nachricht-----" and
"-----Original Message-----" separators; Outlook header blocks
("Von: … Gesendet: … An: … Betreff:" and the English ones). Recognised signatures:
the "-- " delimiter, "Von meinem iPhone gesendet" and its relatives, and a closing
such as "Freundliche Grüsse" followed by a short name and contact block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Marker lines are short; long lines are never tested, which keeps the work linear.
_MAX_MARKER_LENGTH = 400

# What quote headers written by mail programs have and a sentence of the customer's hasn't.
_TIME_OR_ADDRESS = re.compile(r"\d{1,2}:\d{2}|@|\bum\s\d{1,2}\.\d{2}\b")
_WROTE_DE = re.compile(
    r"^\s*Am\s.{4,160}?\s(?:schrieb\s(?!(?:ich|wir|mir|uns|Ihnen)\b).{1,240}"
    r"|hat\s.{1,240}\sgeschrieben)\s*:\s*$",
    re.I,
)
_WROTE_EN = re.compile(r"^\s*On\s.{4,240}?\swrote\s*:\s*$", re.I)
# "Max Muster schrieb:" names no date; trusted only when quoted lines follow.
_WROTE_WEAK = re.compile(
    r"^.{1,240}\s(?:schrieb|wrote|geschrieben)\s*:\s*$|^\s*Zitat von .{1,240}:\s*$", re.I
)
_ORIGINAL = re.compile(
    r"^\s*[-_=*]{2,}\s*(?:Urspr(?:ü|ue|u)ngliche\s+Nachricht|Original[- ]?Nachricht"
    r"|Original\s+Message|Originalnachricht)\s*[-_=*]{2,}\s*$",
    re.I,
)
_SEPARATOR = re.compile(r"^\s*[-_=*]{5,}\s*$")
_HEADER_FIELD = re.compile(
    r"^\s*\*?(Von|From|Gesendet|Sent|Datum|Date|An|To|Cc|Kopie|Betreff|Subject|Antwort an"
    r"|Reply-To)\s*:\*?(?:\s|$)",
    re.I,
)
_FROM_FIELDS = {"von", "from"}
_WHEN_OR_WHAT_FIELDS = {"gesendet", "sent", "datum", "date", "betreff", "subject"}

_SIG_DELIMITER = re.compile(r"^--\s*$")
_MOBILE = re.compile(
    r"^\s*(?:von\s+meinem\s+\S.{0,60}\s+gesendet|gesendet\s+von\s+meinem\s+\S.{0,60}"
    r"|gesendet\s+mit\s+(?:der\s+)?\S.{0,60}|sent\s+from\s+my\s+\S.{0,60}"
    r"|sent\s+from\s+(?:outlook|mail|yahoo)\b.{0,60}|von\s+outlook\s+für\s+\S.{0,30}\s+gesendet"
    r"|get\s+outlook\s+for\s+\S.{0,30}|holen\s+sie\s+sich\s+outlook\s+für\s+\S.{0,30})\s*$",
    re.I,
)
_CLOSING = re.compile(
    r"^\s*(?:(?:vielen\s+)?dank(?:e)?\s+und\s+)?(?:mit\s+)?"
    r"(?:(?:freundlich|beste?|lieb|viel|herzlich|sch[öo]n|sonnig|nett|gut|kollegial)\w*\s+)?"
    r"(?:gr[üu](?:ss|ß|s)(?:e|en|li)?|gru(?:ss|ß)|grüessli)\b"
    r"|^\s*(?:mfg|lg|vg|bg|hochachtungsvoll|freundlich\s+gr[üu](?:ss|ß)t"
    r"|(?:best|kind|warm|many)\s+(?:regards|wishes|thanks)|regards|cheers|sincerely"
    r"|yours\s+(?:sincerely|truly))\b",
    re.I,
)
_PS = re.compile(r"^\s*p\.?\s*p?\.?\s*s\.?\s*[:.]?\s", re.I)
_MAX_SIGNATURE_LINES = 40
_MAX_CLOSING_BLOCK_LINES = 8
_MAX_CLOSING_LINE = 80
_MAX_NAME_WORDS = 4


@dataclass(frozen=True)
class SplitText:
    text: str
    quoted_text: str = ""
    signature: str = ""


def split_reply(text: str) -> SplitText:
    """Split a plain-text mail body into new text, quoted text and signature."""
    lines = [line.rstrip() for line in text.split("\n")]
    start = _trailing_quote_start(lines)
    if start is not None and _has_text(lines[:start]):
        body, quoted = lines[:start], lines[start:]
    else:
        end = _leading_quote_end(lines)
        body, quoted = (lines[end:], lines[:end]) if end else (lines, [])
    sig_start = _signature_start(body)
    return SplitText(
        text=_join(body[:sig_start]),
        quoted_text=_join(quoted),
        signature=_join(body[sig_start:]),
    )


def _join(lines: list[str]) -> str:
    return "\n".join(lines).strip("\n")


def _has_text(lines: list[str]) -> bool:
    return any(line.strip() for line in lines)


def _is_quoted(line: str) -> bool:
    return line.lstrip().startswith(">")


def _quoted_or_blank_from(lines: list[str]) -> list[bool]:
    """For each index: are this and all later lines quoted or blank? (linear, from the end)."""
    result = [False] * (len(lines) + 1)
    result[len(lines)] = True
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        result[index] = result[index + 1] and (not line.strip() or _is_quoted(line))
    return result


def _marker_at(lines: list[str], index: int) -> tuple[str, int] | None:
    """The kind of quote header starting at `index` ("original", "wrote", "weak") and its length."""
    line = lines[index]
    if len(line) > _MAX_MARKER_LENGTH or not line.strip():
        return None
    if _ORIGINAL.match(line):
        return "original", 1
    if _header_block_at(lines, index):
        return "original", 1
    # Long "On … wrote:" lines are wrapped by the sending program; try up to three lines.
    for length in (1, 2, 3):
        if index + length > len(lines) or not lines[index + length - 1].strip():
            break
        joined = " ".join(part.strip() for part in lines[index : index + length])
        if len(joined) > _MAX_MARKER_LENGTH:
            break
        if _WROTE_DE.match(joined) or _WROTE_EN.match(joined):
            strong = _TIME_OR_ADDRESS.search(joined) is not None
            return ("wrote" if strong else "weak"), length
        if _WROTE_WEAK.match(joined):
            return "weak", length
        if joined.rstrip().endswith(":"):
            break
    return None


def _header_block_at(lines: list[str], index: int) -> bool:
    """An Outlook-style header block: From/Von plus at least two more header fields."""
    first = _HEADER_FIELD.match(lines[index])
    if first is None:
        return False
    names: set[str] = set()
    misses = 0
    for line in lines[index : index + 10]:
        field = _HEADER_FIELD.match(line)
        if field:
            names.add(field.group(1).lower())
        elif line.strip():
            misses += 1  # a wrapped recipient list
            if misses > 2:
                break
        else:
            break
    return bool(names & _FROM_FIELDS and names & _WHEN_OR_WHAT_FIELDS and len(names) >= 3)


def _trailing_quote_start(lines: list[str]) -> int | None:
    """Where the quoted part at the end begins, if the mail ends with one."""
    quoted_from = _quoted_or_blank_from(lines)
    for index, line in enumerate(lines):
        if _is_quoted(line):
            if quoted_from[index]:
                return index
            continue
        marker = _marker_at(lines, index)
        if marker is None:
            continue
        kind, length = marker
        after = index + length
        if kind == "original" or (kind == "wrote" and not _next_is_quoted(lines, after)):
            return _with_separator_above(lines, index)
        if quoted_from[after] and _next_is_quoted(lines, after):
            return _with_separator_above(lines, index)
    return None


def _next_is_quoted(lines: list[str], index: int) -> bool:
    for line in lines[index : index + 3]:
        if line.strip():
            return _is_quoted(line)
    return False


def _with_separator_above(lines: list[str], index: int) -> int:
    above = index - 1
    while above >= 0 and not lines[above].strip() and index - above < 3:
        above -= 1
    if above >= 0 and _SEPARATOR.match(lines[above]):
        return above
    return index


def _leading_quote_end(lines: list[str]) -> int:
    """Bottom posting: a quote at the very top, followed by the new text."""
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    if index == len(lines):
        return 0
    marker = _marker_at(lines, index)
    if marker is not None and marker[0] in {"wrote", "weak"}:
        index += marker[1]
    while index < len(lines) and not lines[index].strip():
        index += 1
    if index == len(lines) or not _is_quoted(lines[index]):
        return 0
    while index < len(lines) and (_is_quoted(lines[index]) or not lines[index].strip()):
        index += 1
    rest = lines[index:]
    # Answers between quotes (interleaved) only make sense with their questions: keep all.
    if not _has_text(rest) or any(_is_quoted(line) for line in rest):
        return 0
    return index


def _signature_start(lines: list[str]) -> int:
    """Index of the first signature line, or len(lines) when there is none."""
    end = len(lines)
    while end > 0 and not lines[end - 1].strip():
        end -= 1
    start = end
    for index in range(max(0, end - _MAX_SIGNATURE_LINES), end):
        if _SIG_DELIMITER.match(lines[index]):
            start = index
            break
    last = start - 1
    while last >= 0 and not lines[last].strip():
        last -= 1
    if last >= 0 and _MOBILE.match(lines[last]):
        start = last
    closing = _closing_start(lines, start)
    if closing is not None:
        start = closing
    # A signature never takes all of the text.
    return start if _has_text(lines[:start]) else len(lines)


def _closing_start(lines: list[str], end: int) -> int | None:
    best = None
    for index in range(end - 1, max(-1, end - _MAX_CLOSING_BLOCK_LINES - 6), -1):
        if not _closing_line(lines[index]):
            continue
        if _short_block(lines[index + 1 : end]):
            best = index
    return best


def _closing_line(line: str) -> bool:
    if len(line) > _MAX_CLOSING_LINE or _is_quoted(line):
        return False
    match = _CLOSING.match(line)
    if match is None:
        return False
    rest = line[match.end() :].strip(" ,.!;-")
    return "?" not in rest and len(rest.split()) <= _MAX_NAME_WORDS


def _short_block(lines: list[str]) -> bool:
    """A name and contact block: a few short lines, no questions, no postscript, no quote."""
    filled = [line for line in lines if line.strip()]
    if len(filled) > _MAX_CLOSING_BLOCK_LINES:
        return False
    return not any(
        len(line) > _MAX_CLOSING_LINE
        or line.rstrip().endswith("?")
        or _PS.match(line)
        or _is_quoted(line)
        for line in filled
    )
