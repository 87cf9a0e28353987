"""Raw first, then posts, mentions and cases: the path every listening source shares.

    store_raw(source, items)      commit every item unchanged as an intake RawMessage
    process(source, raws)         Post rows, matching, Mentions, cases; failures kept on the raw
    reprocess(raw)                the same for a raw message that failed before

A source module turns its payload into `PostFields` with a reader (`feeds.read_entry`,
`jsonl.read_line`); everything after that is the same for every source.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction

from brandwache.intake.models import RawMessage
from brandwache.intake.pipeline import mark_attempt
from brandwache.listening import threads
from brandwache.listening.classify import classified_text, classify_posts, read_posts
from brandwache.listening.duplicates import DuplicateFinder
from brandwache.listening.models import ListeningQuery, Mention, Post, Source
from brandwache.listening.organisations import from_model
from brandwache.listening.query import Query, parse
from brandwache.listening.recording import THREAD_DEPTH, Found, record_batch, record_post
from brandwache.listening.words import Post as Words
from brandwache.organisations.models import Organisation
from brandwache.triage.analysis import Analysis, analyse_many

log = logging.getLogger(__name__)


class PostRejected(Exception):
    """The payload cannot become a post; the message says why and is kept on the raw."""


@dataclass(frozen=True)
class PostFields:
    external_id: str
    text: str
    url: str = ""
    author: str = ""
    created_at: datetime | None = None
    lang: str = ""
    in_reply_to: str = ""
    reach: dict[str, int] = field(default_factory=dict)
    repost_of: str = ""  # external id of the post this one reposts on the same source


Reader = Callable[[Any, dict[str, Any]], PostFields]


def aware_datetime(value: object) -> datetime | None:
    """An ISO 8601 time with its UTC offset; None for anything else (a naive time would be
    read in the server's zone, which is not where it was said)."""
    if not isinstance(value, str):
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo is not None else None


@dataclass
class Outcome:
    posts: int = 0
    mentions: int = 0
    cases: int = 0
    failed: int = 0
    alerts: int = 0


def raw_key(source: Source, external_id: str) -> str:
    """RawMessage key: the id is only unique within its source (two feeds can carry one link)."""
    return f"{source.pk}:{external_id}"[:255]


def store_raw(
    source: Source, items: Sequence[tuple[str | None, bytes, dict[str, Any]]]
) -> list[tuple[RawMessage, bool]]:
    """Commit every `(external id, payload, metadata)` unchanged before anything reads it;
    an id already stored for this source (or earlier in `items`) returns the stored row
    (created False). One lookup and one insert for the whole batch."""
    keys = [
        raw_key(source, external_id or "sha256:" + hashlib.sha256(payload).hexdigest())
        for external_id, payload, _metadata in items
    ]
    try:
        with transaction.atomic():
            known = {
                raw.external_id: raw
                for raw in RawMessage.objects.filter(channel=source.kind, external_id__in=keys)
            }
            new: dict[str, RawMessage] = {}
            for key, (_external_id, payload, metadata) in zip(keys, items, strict=True):
                if key not in known and key not in new:
                    new[key] = _raw_row(source, key, payload, metadata)
            RawMessage.objects.bulk_create(new.values())
    except IntegrityError:  # another worker stored some a moment ago
        return _store_one_by_one(source, keys, items)
    stored: list[tuple[RawMessage, bool]] = []
    for key in keys:
        created = key in new and key not in known
        known.setdefault(key, new.get(key))  # type: ignore[arg-type]
        stored.append((known[key], created))
        new.pop(key, None)  # a repeat of the key in `items` is not created again
    return stored


def _raw_row(source: Source, key: str, payload: bytes, metadata: dict[str, Any]) -> RawMessage:
    return RawMessage(
        channel=source.kind,
        external_id=key,
        payload=payload,
        content_type="application/json",
        size=len(payload),
        metadata={**metadata, "source": source.pk},
    )


def _store_one_by_one(
    source: Source, keys: list[str], items: Sequence[tuple[str | None, bytes, dict[str, Any]]]
) -> list[tuple[RawMessage, bool]]:
    stored: list[tuple[RawMessage, bool]] = []
    with transaction.atomic():
        for key, (_external_id, payload, metadata) in zip(keys, items, strict=True):
            existing = RawMessage.objects.filter(channel=source.kind, external_id=key).first()
            if existing is not None:
                stored.append((existing, False))
                continue
            try:
                with transaction.atomic():
                    raw = _raw_row(source, key, payload, metadata)
                    raw.save(force_insert=True)
            except IntegrityError:  # stored by another worker in between
                stored.append((RawMessage.objects.get(channel=source.kind, external_id=key), False))
            else:
                stored.append((raw, True))
    return stored


def reader_for(kind: str) -> Reader:
    # Imported here: the source modules import this one to store and process.
    from brandwache.listening import bluesky_source, feeds, jsonl, mastodon_source

    readers: dict[str, Reader] = {
        "feed": feeds.read_entry,
        "jsonl": jsonl.read_line,
        "mastodon": mastodon_source.read_status,
        "bluesky": bluesky_source.read_post,
        "webhook": jsonl.read_line,  # a webhook item is an import line
    }
    return readers[kind]


def process(source: Source, raws: Sequence[RawMessage]) -> Outcome:
    """Turn pending raw messages of one source into posts, mentions and cases."""
    outcome = Outcome()
    read = reader_for(source.kind)
    parsed: list[tuple[RawMessage, PostFields]] = []
    for raw in raws:
        if raw.status != RawMessage.Status.PENDING:
            continue
        try:
            parsed.append((raw, read(json.loads(bytes(raw.payload)), dict(raw.metadata))))
        except PostRejected as rejected:
            _fail(raw, str(rejected), outcome)
        except Exception as error:
            log.exception("reading raw message %s failed", raw.pk)
            _fail(raw, f"Unexpected error: {type(error).__name__}: {error}", outcome)
    if not parsed:
        return outcome
    try:
        matches = _match(source, [fields for _raw, fields in parsed])
    except Exception as error:
        log.exception("matching posts of source %s failed", source.pk)
        for raw, _fields in parsed:
            _fail(raw, f"Unexpected error: {type(error).__name__}: {error}", outcome)
        return outcome
    recorded = record_batch(source, parsed, matches, outcome)
    if recorded is None:  # something in the batch failed: one post at a time finds which
        recorded = _record_one_by_one(source, parsed, matches, outcome)
    try:
        with transaction.atomic():
            outcome.alerts += threads.track(recorded)
    except Exception:  # the posts are kept; the next post of the thread refreshes it
        log.exception("tracking the threads of source %s failed", source.pk)
    return outcome


def _record_one_by_one(
    source: Source,
    parsed: list[tuple[RawMessage, PostFields]],
    matches: list[list[Found]],
    outcome: Outcome,
) -> list[Post]:
    """Each post in its own transaction: a failure marks only its raw message failed."""
    duplicates, recorded = DuplicateFinder(), []
    for (raw, fields), found in zip(parsed, matches, strict=True):
        try:
            with transaction.atomic():
                made, post = record_post(source, raw, fields, found, duplicates)
                mark_attempt(raw, RawMessage.Status.PROCESSED, "")
        except Exception as error:
            log.exception("recording raw message %s failed", raw.pk)
            _fail(raw, f"Unexpected error: {type(error).__name__}: {error}", outcome)
            continue
        outcome.posts += made.posts
        outcome.mentions += made.mentions
        outcome.cases += made.cases
        recorded.append(post)
    return recorded


def reprocess(raw: RawMessage) -> Outcome:
    """Process a failed (or stuck pending) raw message of a listening source again."""
    if raw.status == RawMessage.Status.PROCESSED:
        return Outcome()
    source = Source.objects.get(pk=raw.metadata["source"])
    raw.status = RawMessage.Status.PENDING
    return process(source, [raw])


def _match(source: Source, posts: list[PostFields]) -> list[list[Found]]:
    """The organisations each post concerns: one of its enabled queries matches, or, for an
    organisation without queries, `classify` names it. The label always comes from
    `classify`; where only a query tied the post to the organisation, `other_about_org`.
    One triage call for the batch, shared by every organisation's classification."""
    organisations = Organisation.objects.all()
    if source.organisation_id is not None:
        organisations = organisations.filter(pk=source.organisation_id)
    queries: dict[int, list[Query]] = {}
    for query in ListeningQuery.objects.filter(enabled=True, organisation__in=organisations):
        queries.setdefault(query.organisation_id, []).append(_parsed(query.query))
    context = _context(source, posts)
    classified = [classified_text(str(post["text"] or "")) for post in context]
    analysis = _analyse_unique([*classified, *(post.text for post in posts)])
    context_analyses = [analysis[text] for text in classified]
    words = [Words(post.text) for post in posts]
    read = read_posts(context)
    found: list[list[Found]] = [[] for _post in posts]
    for organisation in organisations:
        profile = [from_model(organisation)]
        results = classify_posts(context, profile, context_analyses, read)[: len(posts)]
        for index, (post, result) in enumerate(zip(posts, results, strict=True)):
            named = result["organisation"] == organisation.slug
            own = queries.get(organisation.pk)
            if own is not None:
                hit = any(query.matches(words[index], language=post.lang or None) for query in own)
            else:
                hit = named
            if hit:
                label = result["label"] if named else Mention.Label.OTHER_ABOUT_ORG
                found[index].append(Found(organisation, label, analysis[post.text]))
    return found


@functools.lru_cache(maxsize=256)
def _parsed(query: str) -> Query:
    """Queries are compiled once, not once per batch (a Query is not changed by matching)."""
    return parse(query)


def _analyse_unique(texts: list[str]) -> dict[str, Analysis]:
    """One `analyse_many` call; a text repeated (reposts, copies) is analysed once."""
    unique = list(dict.fromkeys(texts))
    return dict(zip(unique, analyse_many(unique), strict=True))


def _context(source: Source, posts: list[PostFields]) -> list[dict[str, Any]]:
    """The posts as `classify` reads them, followed by the stored posts they reply to, so a
    reply in this batch inherits its thread's organisation and complaint."""

    def as_dict(post: PostFields) -> dict[str, Any]:
        return {
            "id": post.external_id,
            "url": post.url,
            "author": post.author,
            "lang": post.lang,
            "text": post.text,
            "in_reply_to": post.in_reply_to or None,
        }

    batch = [as_dict(post) for post in posts]
    ids = {post.external_id for post in posts}
    wanted = {post.in_reply_to for post in posts if post.in_reply_to} - ids
    parents: list[dict[str, Any]] = []
    for _depth in range(THREAD_DEPTH):
        if not wanted:
            break
        rows = list(Post.objects.filter(source=source, external_id__in=wanted))
        ids |= wanted
        parents += [as_dict(_fields_of(row)) for row in rows]
        wanted = {row.in_reply_to for row in rows if row.in_reply_to} - ids
    return batch + parents


def _fields_of(post: Post) -> PostFields:
    return PostFields(
        external_id=post.external_id,
        text=post.text,
        url=post.url,
        author=post.author,
        lang=post.lang,
        in_reply_to=post.in_reply_to,
    )


def _fail(raw: RawMessage, reason: str, outcome: Outcome) -> None:
    mark_attempt(raw, RawMessage.Status.FAILED, reason)
    outcome.failed += 1
