"""Anonymising many texts in one process: JSON Lines in, JSON Lines out.

Each input line is `{"id": ..., "lang": "de"|"en"|..., "text": ...}`; each output line is
`{"id": ..., "text": ...}` with the same id, in input order. A line that cannot be read
produces no output line but an error naming its line number; the lines after it are still
processed, so one bad line loses nothing else.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .masking import anonymise


@dataclass(frozen=True)
class LineError:
    number: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.number}: {self.reason}"


def _read(line: bytes | str) -> tuple[object, str | None, str]:
    if isinstance(line, bytes):
        line = line.decode("utf-8")  # UnicodeDecodeError is a ValueError too
    row = json.loads(line)
    if not isinstance(row, dict):
        raise ValueError("expected a JSON object")
    text = row.get("text")
    if not isinstance(text, str):
        raise ValueError('"text" is missing or not a string')
    language = row.get("lang")
    if language is not None and not isinstance(language, str):
        raise ValueError('"lang" must be a string')
    return row.get("id"), language, text


def anonymise_lines(lines: Iterable[bytes | str]) -> Iterator[str | LineError]:
    """One output line (without line end) or one `LineError` per non-blank input line."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            identifier, language, text = _read(line)
        except ValueError as error:  # json.JSONDecodeError is a ValueError
            yield LineError(number, str(error))
            continue
        masked = anonymise(text, language if language in ("de", "en") else None)
        yield json.dumps({"id": identifier, "text": masked}, ensure_ascii=False)
