"""Posts from a JSON Lines file, through the same raw-first path as the feeds.

Each line: {"id", "source", "url", "author", "created_at", "lang", "text", "in_reply_to"}
(the shape `listen classify` reads). The line is stored raw as it was written; a line
that is not a JSON object with an id is reported and not stored.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from brandwache.listening.models import Source
from brandwache.listening.posts import Outcome, PostFields, PostRejected, process, store_raw

BATCH = 500  # lines stored and classified together


@dataclass
class ImportResult:
    outcome: Outcome = field(default_factory=Outcome)
    bad: list[tuple[int, str]] = field(default_factory=list)  # (line number, problem)


def import_lines(source: Source, lines: Iterable[str | bytes]) -> ImportResult:
    result = ImportResult()
    batch: list[tuple[str | None, bytes, dict[str, Any]]] = []
    for number, line in enumerate(lines, start=1):
        raw = line.encode() if isinstance(line, str) else line
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            result.bad.append((number, f"not JSON ({error})"))
            continue
        if not isinstance(data, dict) or data.get("id") in (None, ""):
            result.bad.append((number, "a post needs to be a JSON object with an 'id'"))
            continue
        batch.append((str(data["id"]), raw.strip(), {"line": number}))
        if len(batch) >= BATCH:
            _flush(source, batch, result)
    _flush(source, batch, result)
    return result


def _flush(
    source: Source, batch: list[tuple[str | None, bytes, dict[str, Any]]], result: ImportResult
) -> None:
    if not batch:
        return
    stored = store_raw(source, batch)
    outcome = process(source, [raw for raw, _created in stored])
    for name in ("posts", "mentions", "cases", "failed"):
        setattr(result.outcome, name, getattr(result.outcome, name) + getattr(outcome, name))
    batch.clear()


def read_line(data: Any, metadata: dict[str, Any]) -> PostFields:
    if not isinstance(data, dict):
        raise PostRejected("The line is not a JSON object.")
    text = str(data.get("text") or "").strip()
    if not text:
        raise PostRejected("The post has no text.")
    created = None
    if data.get("created_at"):
        try:
            created = datetime.fromisoformat(str(data["created_at"]).replace("Z", "+00:00"))
        except ValueError:
            raise PostRejected(f"created_at {data['created_at']!r} is not ISO 8601.") from None
        if created.tzinfo is None:
            raise PostRejected(f"created_at {data['created_at']!r} has no UTC offset.")
    reach = data.get("reach") if isinstance(data.get("reach"), dict) else {}
    return PostFields(
        external_id=str(data.get("id")),
        text=text,
        url=str(data.get("url") or ""),
        author=str(data.get("author") or ""),
        created_at=created,
        lang=str(data.get("lang") or ""),
        in_reply_to=str(data.get("in_reply_to") or ""),
        reach={key: value for key, value in reach.items() if isinstance(value, int)},
    )
