"""Recording matched posts: Post rows, copies collapsed, Mentions, cases; raw marked done.

    record_batch(source, parsed, matches, outcome)   the whole batch in one transaction
    record_post(source, raw, fields, found, dups)    one post (the caller's transaction)

`record_batch` writes rows in bulk (one query for the posts, one for the mentions, one
for the raw statuses); only the posts that go to a case take the case actions one by one.
It gives the same rows as `record_post` applied in input order: copies are found in the
same order, and a post's case is looked up only after the posts before it have theirs.
When anything in the batch fails it rolls back and returns None, and the caller records
one post at a time so the failure lands on its own raw message alone.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from brandwache.batchmemo import one_batch
from brandwache.cases.actions import record_inbound_message
from brandwache.cases.models import Case
from brandwache.intake.channels.base import get_channel
from brandwache.intake.models import RawMessage
from brandwache.listening.channel import KEY as CASE_CHANNEL
from brandwache.listening.duplicates import DuplicateFinder
from brandwache.listening.models import Mention, Post, Source
from brandwache.organisations.models import Organisation
from brandwache.triage.analysis import Analysis

if TYPE_CHECKING:
    from brandwache.listening.posts import Outcome, PostFields

log = logging.getLogger(__name__)
COMPLAINTS = {Mention.Label.EXPLICIT_COMPLAINT, Mention.Label.IMPLICIT_COMPLAINT}
OPEN_STATUSES = set(Case.Status.values) - {Case.Status.RESOLVED, Case.Status.CLOSED}
THREAD_DEPTH = 50  # replies followed upwards to find the thread's case


@dataclass(frozen=True)
class Found:
    organisation: Organisation
    label: str
    analysis: Analysis


def record_batch(
    source: Source,
    parsed: Sequence[tuple[RawMessage, PostFields]],
    matches: Sequence[list[Found]],
    outcome: Outcome,
) -> list[Post] | None:
    """The posts recorded and their raw messages marked processed, or None (nothing kept)."""
    if not parsed or not _batchable([fields for _raw, fields in parsed]):
        return None
    try:
        with transaction.atomic(), one_batch():
            posts, counts = _record_all(source, parsed, matches)
            now = timezone.now()
            RawMessage.objects.filter(pk__in=[raw.pk for raw, _fields in parsed]).update(
                status=RawMessage.Status.PROCESSED,
                error="",
                processed_at=now,
                attempts=F("attempts") + 1,
            )
    except Exception:
        log.warning("recording a batch of source %s failed; one post at a time", source.pk)
        return None
    for raw, _fields in parsed:
        raw.status, raw.error, raw.processed_at = RawMessage.Status.PROCESSED, "", now
        raw.attempts += 1
    outcome.posts += counts[0]
    outcome.mentions += counts[1]
    outcome.cases += counts[2]
    return posts


def _batchable(fields: list[PostFields]) -> bool:
    """Bulk writes see the whole batch at once; one at a time, a post sees only those before
    it. They differ only when a post names a later one of the batch (its parent or the post
    it reposts) or an id repeats: such a batch is recorded one post at a time."""
    position: dict[str, int] = {}
    for index, post in enumerate(fields):
        if position.setdefault(post.external_id[:255], index) != index:
            return False
    return not any(
        position.get(reference[:255], -1) >= index
        for index, post in enumerate(fields)
        for reference in (post.in_reply_to, post.repost_of)
        if reference
    )


def _record_all(
    source: Source,
    parsed: Sequence[tuple[RawMessage, PostFields]],
    matches: Sequence[list[Found]],
) -> tuple[list[Post], tuple[int, int, int]]:
    ids = [fields.external_id[:255] for _raw, fields in parsed]
    stored = {
        post.external_id: post for post in Post.objects.filter(source=source, external_id__in=ids)
    }
    fresh = {
        fields.external_id[:255]: Post(
            source=source, external_id=fields.external_id[:255], **_post_row(raw, fields)
        )
        for raw, fields in parsed
        if fields.external_id[:255] not in stored
    }
    Post.objects.bulk_create(fresh.values())
    duplicates, posts = DuplicateFinder(), []
    duplicates.prepare(
        (fields.text, [match.organisation.pk for match in found])
        for (_raw, fields), found in zip(parsed, matches, strict=True)
        if fields.external_id[:255] in fresh
    )
    for (_raw, fields), found in zip(parsed, matches, strict=True):
        post = stored.get(fields.external_id[:255]) or fresh[fields.external_id[:255]]
        if post.external_id in fresh:
            _collapse_copy(post, fields, found, duplicates)
        posts.append(post)
    duplicates.save()
    mentions = _mentions_of(posts, matches)
    cases = 0
    for (raw, _fields), post, found in zip(parsed, posts, matches, strict=True):
        if post.duplicate_of_id is None:
            own = {
                match.organisation.pk: mentions[post.pk, match.organisation.pk] for match in found
            }
            cases += _attach_case(source, raw, post, list(own.values()))
    made_mentions = sum(mention.created_now for mention in mentions.values())  # type: ignore[attr-defined]
    return posts, (len(fresh), made_mentions, cases)


def _mentions_of(
    posts: list[Post], matches: Sequence[list[Found]]
) -> dict[tuple[int, int], Mention]:
    """Each kept post's mention per organisation: stored ones (a post processed again) and
    the missing ones bulk-created. `created_now` tells which were made here."""
    kept = [post for post in posts if post.duplicate_of_id is None]
    known = {
        (mention.post_id, mention.organisation_id): mention
        for mention in Mention.objects.filter(post__in=[post for post in kept if post.pk])
    }
    for mention in known.values():
        mention.created_now = False  # type: ignore[attr-defined]
    new: list[Mention] = []
    for post, found in zip(posts, matches, strict=True):
        if post.duplicate_of_id is not None:
            continue
        for match in found:
            if (post.pk, match.organisation.pk) not in known:
                mention = Mention(post=post, organisation=match.organisation, **_mention_row(match))
                mention.created_now = True  # type: ignore[attr-defined]
                known[post.pk, match.organisation.pk] = mention
                new.append(mention)
    Mention.objects.bulk_create(new)
    return known


def record_post(
    source: Source,
    raw: RawMessage,
    fields: PostFields,
    found: list[Found],
    duplicates: DuplicateFinder,
) -> tuple[Outcome, Post]:
    from brandwache.listening.posts import Outcome

    made = Outcome()
    post, created = Post.objects.get_or_create(
        source=source, external_id=fields.external_id[:255], defaults=_post_row(raw, fields)
    )
    made.posts += int(created)
    if created:
        _collapse_copy(post, fields, found, duplicates)
        duplicates.save()
    if post.duplicate_of_id is not None:
        return made, post
    mentions: list[Mention] = []
    for match in found:
        mention, new = Mention.objects.get_or_create(
            post=post, organisation=match.organisation, defaults=_mention_row(match)
        )
        made.mentions += int(new)
        mentions.append(mention)
    made.cases += _attach_case(source, raw, post, mentions)
    return made, post


def public_url(url: str) -> str:
    """The post's link if it is http(s), else nothing: it goes onto cases and pages, and a
    feed can say `javascript:` as easily as `https:`."""
    url = url.strip()
    return url if url.lower().startswith(("http://", "https://")) else ""


def _post_row(raw: RawMessage, fields: PostFields) -> dict[str, Any]:
    return {
        "raw": raw,
        "url": public_url(fields.url)[:1000],
        "author": fields.author[:255],
        "created_at": fields.created_at,
        "lang": fields.lang[:16],
        "text": fields.text,
        "in_reply_to": fields.in_reply_to[:255],
        "reach": fields.reach,
    }


def _mention_row(match: Found) -> dict[str, Any]:
    return {
        "label": match.label,
        "relevance": match.analysis.relevance.value,
        "sentiment": match.analysis.sentiment.value,
        "kind": match.analysis.kind.value,
        "explicit": match.label == Mention.Label.EXPLICIT_COMPLAINT,
        "category": match.analysis.category.value if match.analysis.category else "",
    }


def _collapse_copy(
    post: Post, fields: PostFields, found: list[Found], duplicates: DuplicateFinder
) -> None:
    """A new post that copies an earlier one points at it: no second mention or case."""
    organisation_ids = [match.organisation.pk for match in found]
    original = duplicates.original_of(post, fields.repost_of, organisation_ids)
    if original is not None:
        Post.objects.filter(pk=post.pk).update(duplicate_of=original)
        post.duplicate_of = original


def _attach_case(source: Source, raw: RawMessage, post: Post, mentions: list[Mention]) -> int:
    """A complaint with negative sentiment goes on a case; 1 when a case was opened."""
    case: Case | None = None
    opened = False
    for mention in mentions:
        wants_case = mention.label in COMPLAINTS and mention.sentiment == "negative"
        if not wants_case or mention.case_id is not None:
            continue
        if case is None:  # one message per post, also when it concerns two organisations
            case, opened = _put_on_case(source, raw, post, mention)
        Mention.objects.filter(pk=mention.pk).update(case=case)
        mention.case = case
    return int(opened)


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
    # Each step starts from the posts it names (by external id or author, both indexed)
    # and only then looks at their mentions: the organisation's mentions grow with every
    # post, a post's or an author's stay few.
    cases = Mention.objects.filter(
        organisation=mention.organisation_id, case__status__in=OPEN_STATUSES
    ).exclude(pk=mention.pk)
    on_source = Post.objects.filter(source=post.source_id)
    parent, seen = post.in_reply_to, {post.external_id}
    while parent and parent not in seen and len(seen) < THREAD_DEPTH:
        seen.add(parent)
        row = on_source.filter(external_id=parent).values_list("pk", "in_reply_to").first()
        if row is None:
            break
        hit = cases.filter(post=row[0]).select_related("case").first()
        if hit is not None:
            return hit.case
        parent = row[1]
    if post.author:
        recent = on_source.filter(author=post.author).order_by("-pk")  # a prolific author:
        theirs = list(recent.values_list("pk", flat=True)[:500])  # their latest posts
        hit = cases.filter(post__in=theirs).select_related("case").order_by("-created_at").first()
        if hit is not None:
            return hit.case
    return None
