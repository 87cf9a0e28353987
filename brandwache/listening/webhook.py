"""Posts pushed to a webhook source: its token, and the body taken in raw first.

    issue_token(source)           a new token; only its SHA-256 is kept, the old one stops working
    token_matches(source, token)  constant-time check of a bearer token
    accept(source, body)          store every post raw (idempotent by source + id), then process

A body is one post or a list of posts in the `listen import` line shape. It is taken whole
or not at all: when an item is bad nothing of it becomes a post, and the body itself is
kept as one failed raw message naming the bad items, so nothing sent is lost.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from typing import Any

from django.db.models import F
from django.utils import timezone

from brandwache.intake.models import RawMessage
from brandwache.listening.jsonl import BATCH, read_line
from brandwache.listening.models import Source
from brandwache.listening.posts import PostRejected, process, store_raw

DIGEST_SETTING = "token_sha256"  # in Source.settings; the token itself is never stored
MAX_BODY_BYTES = 1024 * 1024
# Requests per minute and source unless Source.settings["requests_per_minute"] says otherwise.
REQUESTS_PER_MINUTE = 60
MAX_REPORTED_ITEMS = 20  # bad items named in one answer; the rest are counted

# A request refused as a whole is stored raw under this metadata key: it is no post.
REFUSED_BODY_KEY = "webhook_body"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(source: Source) -> str:
    """Create or rotate the source's token; the caller shows it once."""
    token = secrets.token_urlsafe(32)
    source.settings = {**(source.settings or {}), DIGEST_SETTING: _digest(token)}
    source.save(update_fields=["settings"])
    return token


def token_matches(source: Source, token: str) -> bool:
    """Compare SHA-256 digests in constant time; a source without a token accepts none."""
    stored = (source.settings or {}).get(DIGEST_SETTING)
    if not isinstance(stored, str) or not stored:
        return False
    return hmac.compare_digest(_digest(token), stored)


def requests_per_minute(source: Source) -> int:
    value = (source.settings or {}).get("requests_per_minute", REQUESTS_PER_MINUTE)
    return value if isinstance(value, int) and not isinstance(value, bool) else REQUESTS_PER_MINUTE


@dataclass(frozen=True)
class BadItem:
    index: int  # counted from 0, as in the list sent
    id: str | None
    problem: str

    def describe(self) -> str:
        named = f" (id {self.id!r})" if self.id is not None else ""
        return f"item {self.index}{named}: {self.problem}"


@dataclass
class Accepted:
    stored: int = 0
    duplicates: int = 0


class BodyRejected(Exception):
    """The body cannot be taken; it was kept as a failed raw message."""

    def __init__(self, message: str, items: list[BadItem]) -> None:
        super().__init__(message)
        self.items = items


def accept(source: Source, body: bytes) -> Accepted:
    """Store every post of `body` raw, then process the new ones. Raises `BodyRejected`
    (after keeping the body) when the body or one of its items is not a post."""
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        _keep_rejected(source, body, f"The body is not JSON ({error}).")
        raise BodyRejected(f"The body is not JSON ({error}).", []) from None
    if not isinstance(data, list | dict):
        message = "The body must be a post (a JSON object) or a list of posts."
        _keep_rejected(source, body, message)
        raise BodyRejected(message, [])
    items = data if isinstance(data, list) else [data]
    bad = [problem for index, item in enumerate(items) if (problem := _check(index, item))]
    if bad:
        message = _summary(bad)
        _keep_rejected(source, body, message)
        raise BodyRejected(message, bad[:MAX_REPORTED_ITEMS])
    accepted = Accepted()
    for start in range(0, len(items), BATCH):
        chunk = items[start : start + BATCH]
        stored = store_raw(
            source,
            [
                (str(item["id"]), _compact(item), {"webhook_item": start + offset})
                for offset, item in enumerate(chunk)
            ],
        )
        new = [raw for raw, created in stored if created]
        accepted.stored += len(new)
        accepted.duplicates += len(stored) - len(new)
        # A post that fails here is kept as a failed raw message, like an imported line.
        process(source, new)
    return accepted


def _check(index: int, item: Any) -> BadItem | None:
    """The same reading the post gets later, done up front so a bad item refuses the body."""
    if not isinstance(item, dict):
        return BadItem(index, None, "a post must be a JSON object")
    if item.get("id") in (None, ""):
        return BadItem(index, None, "a post needs an 'id'")
    try:
        read_line(item, {})
    except PostRejected as rejected:
        return BadItem(index, str(item["id"]), str(rejected))
    return None


def _summary(bad: list[BadItem]) -> str:
    named = "; ".join(item.describe() for item in bad[:MAX_REPORTED_ITEMS])
    more = len(bad) - MAX_REPORTED_ITEMS
    suffix = f"; and {more} more" if more > 0 else ""
    return f"Nothing was taken: {len(bad)} bad item(s): {named}{suffix}."


def _compact(item: dict[str, Any]) -> bytes:
    """One post as a JSON line, the payload `jsonl.read_line` reads back."""
    return json.dumps(item, ensure_ascii=False, separators=(",", ":")).encode()


def _keep_rejected(source: Source, body: bytes, reason: str) -> None:
    """The refused body as one failed raw message (once per distinct body), so an operator
    sees what was sent. Marked `webhook_body`: it is not a post and is not reprocessed."""
    key = "body:sha256:" + hashlib.sha256(body).hexdigest()
    ((raw, _created),) = store_raw(source, [(key, body, {REFUSED_BODY_KEY: True})])
    RawMessage.objects.filter(pk=raw.pk).update(
        status=RawMessage.Status.FAILED,
        error=reason[:5000],
        processed_at=timezone.now(),
        attempts=F("attempts") + 1,
    )
