"""Subjects on one line, whatever channel they came from.

A line break in a subject (an RFC 2047 encoded CR/LF, a pasted form field) would be
copied into the Subject header of every reply on the case, and mail libraries refuse
header values with line breaks: such a case could never be answered by e-mail. So
every subject is put on one line on intake, when an agent changes it, and once more
when a mail is built.
"""

from __future__ import annotations

import re

# C0 and C1 controls (CR, LF, NUL, NEL, ...) and the Unicode line and paragraph separators.
_BREAKING = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def normalise_subject(value: str) -> str:
    """Controls and line breaks become a space, runs of white space one space, trimmed."""
    return " ".join(_BREAKING.sub(" ", value).split())


def needs_normalising(value: str) -> bool:
    """Whether `value` holds a character that would break a mail header."""
    return _BREAKING.search(value) is not None
