"""Raw first, then posts, mentions and cases: the path every listening source shares.

    store_raw(source, items)      commit every item unchanged as an intake RawMessage
    process(source, raws)         Post rows, matching, Mentions, cases; failures kept on the raw
    reprocess(raw)                the same for a raw message that failed before

A source module turns its payload into `PostFields` with a reader (`feeds.read_entry`,
`jsonl.read_line`); everything after that is the same for every source.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from brandwache.cases.actions import record_inbound_message
from brandwache.cases.models import Case
from brandwache.intake.channels.base import get_channel
from brandwache.intake.models import RawMessage
from brandwache.listening import threads
from brandwache.listening.channel import KEY as CASE_CHANNEL
from brandwache.listening.classify import classify_posts
from brandwache.listening.duplicates import DuplicateFinder
from brandwache.listening.models import ListeningQuery, Mention, Post, Source
from brandwache.listening.organisations import from_model
from brandwache.listening.query import Query, parse
from brandwache.listening.words import Post as Words
from brandwache.organisations.models import Organisation
from brandwache.triage.analysis import Analysis, analyse_many

log = logging.getLogger(__name__)
COMPLAINTS = {Mention.Label.EXPLICIT_COMPLAINT, Mention.Label.IMPLICIT_COMPLAINT}
OPEN_STATUSES = set(Case.Status.values) - {Case.Status.RESOLVED, Case.Status.CLOSED}
THREAD_DEPTH = 50  # replies followed upwards to find the thread's case


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
    an id already stored for this source returns the stored row (created False)."""
    stored: list[tuple[RawMessage, bool]] = []
    with transaction.atomic():
        for external_id, payload, metadata in items:
            key = raw_key(source, external_id or "sha256:" + hashlib.sha256(payload).hexdigest())
            existing = RawMessage.objects.filter(channel=source.kind, external_id=key).first()
            if existing is not None:
                stored.append((existing, False))
                continue
            try:
                with transaction.atomic():
                    raw = RawMessage.objects.create(
                        channel=source.kind,
                        external_id=key,
                        payload=payload,
                        content_type="application/json",
                        size=len(payload),
                        metadata={**metadata, "source": source.pk},
                    )
            except IntegrityError:  # another worker stored it a moment ago
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
    duplicates, recorded = DuplicateFinder(), []
    for (raw, fields), found in zip(parsed, matches, strict=True):
        try:
            with transaction.atomic():
                made, post = _record(source, raw, fields, found, duplicates)
                _mark(raw, RawMessage.Status.PROCESSED, "")
        except Exception as error:
            log.exception("recording raw message %s failed", raw.pk)
            _fail(raw, f"Unexpected error: {type(error).__name__}: {error}", outcome)
            continue
        outcome.posts += made.posts
        outcome.mentions += made.mentions
        outcome.cases += made.cases
        recorded.append(post)
    try:
        with transaction.atomic():
            outcome.alerts += threads.track(recorded)
    except Exception:  # the posts are kept; the next post of the thread refreshes it
        log.exception("tracking the threads of source %s failed", source.pk)
    return outcome


def reprocess(raw: RawMessage) -> Outcome:
    """Process a failed (or stuck pending) raw message of a listening source again."""
    if raw.status == RawMessage.Status.PROCESSED:
        return Outcome()
    source = Source.objects.get(pk=raw.metadata["source"])
    raw.status = RawMessage.Status.PENDING
    return process(source, [raw])


@dataclass(frozen=True)
class _Found:
    organisation: Organisation
    label: str
    analysis: Analysis


def _match(source: Source, posts: list[PostFields]) -> list[list[_Found]]:
    """The organisations each post concerns: one of its enabled queries matches, or, for an
    organisation without queries, `classify` names it. The label always comes from
    `classify`; where only a query tied the post to the organisation, `other_about_org`."""
    organisations = Organisation.objects.all()
    if source.organisation_id is not None:
        organisations = organisations.filter(pk=source.organisation_id)
    queries: dict[int, list[Query]] = {}
    for query in ListeningQuery.objects.filter(enabled=True, organisation__in=organisations):
        queries.setdefault(query.organisation_id, []).append(parse(query.query))
    context = _context(source, posts)
    analyses = analyse_many([post.text for post in posts])
    words = [Words(post.text) for post in posts]
    found: list[list[_Found]] = [[] for _post in posts]
    for organisation in organisations:
        results = classify_posts(context, [from_model(organisation)])[: len(posts)]
        for index, (post, result) in enumerate(zip(posts, results, strict=True)):
            named = result["organisation"] == organisation.slug
            own = queries.get(organisation.pk)
            if own is not None:
                hit = any(query.matches(words[index], language=post.lang or None) for query in own)
            else:
                hit = named
            if hit:
                label = result["label"] if named else Mention.Label.OTHER_ABOUT_ORG
                found[index].append(_Found(organisation, label, analyses[index]))
    return found


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


def _record(
    source: Source,
    raw: RawMessage,
    fields: PostFields,
    found: list[_Found],
    duplicates: DuplicateFinder,
) -> tuple[Outcome, Post]:
    made = Outcome()
    post, created = Post.objects.get_or_create(
        source=source,
        external_id=fields.external_id[:255],
        defaults={
            "raw": raw,
            "url": fields.url[:1000],
            "author": fields.author[:255],
            "created_at": fields.created_at,
            "lang": fields.lang[:16],
            "text": fields.text,
            "in_reply_to": fields.in_reply_to[:255],
            "reach": fields.reach,
        },
    )
    made.posts += int(created)
    if created:
        organisation_ids = [match.organisation.pk for match in found]
        original = duplicates.original_of(post, fields.repost_of, organisation_ids)
        if original is not None:  # a copy: no second mention or case
            Post.objects.filter(pk=post.pk).update(duplicate_of=original)
            post.duplicate_of = original
    if post.duplicate_of_id is not None:
        return made, post
    case: Case | None = None
    for match in found:
        mention, new = Mention.objects.get_or_create(
            post=post,
            organisation=match.organisation,
            defaults={
                "label": match.label,
                "relevance": match.analysis.relevance.value,
                "sentiment": match.analysis.sentiment.value,
                "kind": match.analysis.kind.value,
                "explicit": match.label == Mention.Label.EXPLICIT_COMPLAINT,
            },
        )
        made.mentions += int(new)
        wants_case = mention.label in COMPLAINTS and mention.sentiment == "negative"
        if not wants_case or mention.case_id is not None:
            continue
        if case is None:  # one message per post, also when it concerns two organisations
            case, opened = _put_on_case(source, raw, post, mention)
            made.cases += int(opened)
        Mention.objects.filter(pk=mention.pk).update(case=case)
    return made, post


def _put_on_case(
    source: Source, raw: RawMessage, post: Post, mention: Mention
) -> tuple[Case, bool]:
    """The post as an inbound message: on the open case of its thread or of its author for
    the same organisation, else on a new case (then True)."""
    payload = {
        "id": post.external_id,
        "source": str(source.pk),
        "url": post.url,
        "author": post.author,
        "created_at": post.created_at.isoformat() if post.created_at else None,
        "lang": post.lang,
        "text": post.text,
        "in_reply_to": post.in_reply_to or None,
    }
    parsed = get_channel(CASE_CHANNEL).parse(json.dumps(payload).encode(), {})
    joined = _open_case_of(post, mention)
    if joined is not None:
        parsed.case_reference = joined.reference
    return record_inbound_message(parsed, raw).case, joined is None


def _open_case_of(post: Post, mention: Mention) -> Case | None:
    cases = Mention.objects.filter(
        organisation=mention.organisation_id, case__status__in=OPEN_STATUSES
    ).exclude(pk=mention.pk)
    parent, seen = post.in_reply_to, {post.external_id}
    while parent and parent not in seen and len(seen) < THREAD_DEPTH:
        seen.add(parent)
        hit = cases.filter(post__source=post.source_id, post__external_id=parent).first()
        if hit is not None:
            return hit.case
        parent = (
            Post.objects.filter(source=post.source_id, external_id=parent)
            .values_list("in_reply_to", flat=True)
            .first()
        )
    if post.author:
        same_author = cases.filter(post__source=post.source_id, post__author=post.author)
        hit = same_author.order_by("-created_at").first()
        if hit is not None:
            return hit.case
    return None


def _fail(raw: RawMessage, reason: str, outcome: Outcome) -> None:
    _mark(raw, RawMessage.Status.FAILED, reason)
    outcome.failed += 1


def _mark(raw: RawMessage, status: str, error: str) -> None:
    """Record the outcome of one attempt, as the intake pipeline does for its channels."""
    now = timezone.now()
    RawMessage.objects.filter(pk=raw.pk).update(
        status=status, error=error[:5000], processed_at=now, attempts=F("attempts") + 1
    )
    raw.status, raw.error, raw.processed_at = status, error[:5000], now
    raw.attempts += 1
