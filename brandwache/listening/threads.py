"""Public threads: reply chains and forum topics, their heat, and one alert when they boil.

    track(posts)          put new posts on their threads, refresh those threads, alert
    refresh_all(threads)  recount the figures and risk of threads, a few queries for all
    escalation_risk(f)    the 0-100 score of a thread's figures (formula in the README)
    argues(text)          an own reply that argues in public instead of offering contact

The alerts a hot thread sends are in `thread_alerts`.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit, urlunsplit

from django.db.models import F, Q
from django.utils import timezone

from brandwache.bulkwrite import update_fields
from brandwache.listening.classify import _is_own_account
from brandwache.listening.models import Mention, Post, Source, Thread
from brandwache.listening.organisations import Organisation as Profile
from brandwache.listening.organisations import from_model
from brandwache.listening.thread_alerts import alert_all, rearm
from brandwache.listening.words import fold
from brandwache.organisations.models import Organisation

log = logging.getLogger(__name__)
HOUR = timedelta(hours=1)
PARENT_DEPTH = 50
COOL_DOWN_BATCH = 500
QUIET_BEFORE_REARM = timedelta(hours=6)
# Forum topics as Discourse links them: /t/<slug>/<topic id>/<post number>.
TOPIC_POST_NUMBER = re.compile(r"^(/t/[^/]+/\d+)/\d+/?$")


def _cues(*phrases: str) -> re.Pattern[str]:
    folded = sorted({fold(phrase) for phrase in phrases}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(cue) for cue in folded) + r")(?!\w)")


# Contradicting, citing records, blaming: arguing in public whatever else is said.
ARGUE = _cues(
    "das stimmt nicht", "stimmt so nicht", "das ist falsch", "nicht korrekt",
    "laut unseren daten", "laut unserem system", "laut unseren unterlagen",
    "unseren daten zufolge", "wie bereits erwähnt", "wie bereits gesagt",
    "haben sie versäumt", "hätten sie", "sie hätten", "richtigstellen",
    "that's not true", "that is not true", "not correct", "incorrect", "actually",
    "according to our records", "our records show", "our data shows", "as already stated",
    "as we already said", "you failed to", "you should have", "to be clear",
)  # fmt: skip
# "Sie haben …" / "you have …": arguing unless the reply offers a personal contact.
ARGUE_WEAK = _cues("sie haben", "ihre angaben", "you have", "you were", "you did not", "you didn't")
CONTACT = _cues(
    "dm", "direktnachricht", "persönliche nachricht", "private nachricht", "schreiben sie uns",
    "rufen sie uns an", "rufen wir sie an", "rufe sie an", "melden sie sich", "ich melde mich",
    "please dm us", "dm us", "direct message", "private message", "send us a message",
    "we'll call you", "i'll call you", "call us", "reach out", "get in touch", "contact me",
)  # fmt: skip


def argues(text: str) -> bool:
    """An own reply that argues facts or contradicts, rather than offering contact."""
    folded = fold(text)
    if ARGUE.search(folded):
        return True
    return bool(ARGUE_WEAK.search(folded)) and not CONTACT.search(folded)


@dataclass(frozen=True)
class Figures:
    size: int
    posts_last_hour: int
    posts_hour_before: int
    participants: int
    reach: int
    negative_share: float
    argued: bool


def _saturating(value: float, half: float) -> float:
    """0 at 0, 0.5 at `half`, towards 1 beyond: no single figure can carry the score."""
    return value / (value + half) if value > 0 else 0.0


def escalation_risk(figures: Figures) -> int:
    """0-100; the weights and why are in the README ("Public threads")."""
    growth = (figures.posts_last_hour - figures.posts_hour_before) / max(
        figures.posts_hour_before, 2
    )
    score = (
        15 * _saturating(figures.size - 1, 10)
        + 20 * _saturating(figures.posts_last_hour, 4)
        + 10 * min(max(growth / 2, 0.0), 1.0)
        + 15 * _saturating(figures.participants - 1, 5)
        + 15 * min(math.log10(1 + max(figures.reach, 0)) / 6, 1.0)
        + 15 * min(max(figures.negative_share, 0.0), 1.0)
        + 10 * figures.argued
    )
    return round(min(max(score, 0.0), 100.0))


def track(posts: Sequence[Post]) -> int:
    """Put each post on its thread, refresh the touched threads; the number of alerts sent.

    The batch is placed in memory (`_Placing`) and written with a few queries, with the
    same threads as placing one post at a time; a batch with a reply chain as deep as
    PARENT_DEPTH (or a loop of replies) is placed one post at a time, as before."""
    ordered = sorted(posts, key=lambda post: (_time(post), post.pk))
    if not ordered:
        return 0
    placing = _Placing(ordered, one_post=False)
    try:
        keys = [placing.thread_of(post, depth=0) for post in ordered]
    except _TooDeep:
        return _track_one_by_one(ordered)
    threads = placing.save()
    touched = [threads[key] for key in dict.fromkeys(keys) if key in threads]  # not adopted
    refresh_all(touched)
    return alert_all(touched)


def _track_one_by_one(ordered: list[Post]) -> int:
    touched: dict[int, Thread] = {}
    for post in ordered:
        placing = _Placing([post], one_post=True)
        key = placing.thread_of(post, depth=0)
        thread = placing.save()[key]
        touched.setdefault(thread.pk, thread)
    alive = set(Thread.objects.filter(pk__in=touched).values_list("pk", flat=True))
    kept = [thread for pk, thread in touched.items() if pk in alive]  # a later root adopted it
    refresh_all(kept)
    return alert_all(kept)


def _time(post: Post) -> datetime:
    return post.created_at or post.fetched_at


def topic_key(url: str) -> str:
    """A forum post's topic: its link without the fragment (and Discourse's post number)."""
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return ""
    match = TOPIC_POST_NUMBER.match(parts.path)
    path = match.group(1) if match else parts.path
    return urlunsplit((parts.scheme, parts.netloc.lower(), path, parts.query, ""))


Key = tuple[int, str]  # a thread by source id and key


def _key(post: Post, key: str) -> Key:
    return post.source_id, key[:1000]


def _root_key(post: Post) -> Key:
    topic = topic_key(post.url)
    return _key(post, f"url:{topic}" if topic else f"id:{post.external_id}")


def _named(field: str, names: Iterable[Key]) -> Q:
    """Rows of several sources by a name unique within its source: one condition per source."""
    by_source: dict[int, list[str]] = defaultdict(list)
    for source_id, name in names:
        by_source[source_id].append(name)
    condition = Q(pk__in=[])
    for source_id, values in by_source.items():
        condition |= Q(source_id=source_id, **{f"{field}__in": values})
    return condition


class _TooDeep(Exception):
    """A reply chain reaches PARENT_DEPTH: placing it in memory could differ, so one at a time."""


class _Placing:
    """Where each post goes, worked out on rows loaded up front: the posts' parents level by
    level, and every thread they can go to. A reply joins its parent's thread (followed up to
    PARENT_DEPTH) or waits under the parent's id; a root starts its topic's thread and
    adopts the replies that waited for it. `save` writes it all back in bulk."""

    def __init__(self, posts: list[Post], *, one_post: bool) -> None:
        self.one_post = one_post  # then a chain deeper than PARENT_DEPTH waits, as it did
        self.batch = posts
        self.posts = {(post.source_id, post.external_id): post for post in posts}
        self._load_parents()
        self.threads: dict[Key, Thread] = {}  # stored ones, then the new ones once saved
        self.key_of: dict[int, Key] = {}
        self._load_threads()
        self.placed: dict[int, Key] = {}  # post pk -> its thread as placed here
        self.new: dict[Key, str] = {}  # threads to create, with the url they start with
        self.adopted: list[tuple[Thread, Key]] = []

    def _load_parents(self) -> None:
        wanted = {(post.source_id, post.in_reply_to) for post in self.batch if post.in_reply_to}
        for _level in range(PARENT_DEPTH):  # deep enough for every parent `thread_of` asks for
            wanted -= self.posts.keys()
            if not wanted:
                return
            rows = list(Post.objects.filter(_named("external_id", wanted)))
            self.posts.update(((row.source_id, row.external_id), row) for row in rows)
            wanted = {(row.source_id, row.in_reply_to) for row in rows if row.in_reply_to}

    def _load_threads(self) -> None:
        keys: set[Key] = set()
        for post in self.posts.values():
            if post.in_reply_to:
                keys.add(_key(post, f"id:{post.in_reply_to}"))
            else:
                keys |= {_root_key(post), _key(post, f"id:{post.external_id}")}
        ids = {post.thread_id for post in self.posts.values() if post.thread_id is not None}
        for thread in Thread.objects.filter(Q(pk__in=ids) | _named("key", keys)):
            self.threads[thread.source_id, thread.key] = thread
            self.key_of[thread.pk] = (thread.source_id, thread.key)

    def thread_of(self, post: Post, *, depth: int) -> Key:
        if post.pk in self.placed:
            return self.placed[post.pk]
        if post.thread_id is not None:
            return self.key_of[post.thread_id]
        if post.in_reply_to:
            parent = self.posts.get((post.source_id, post.in_reply_to))
            if parent is not None and parent.pk != post.pk and depth >= PARENT_DEPTH:
                if not self.one_post:
                    raise _TooDeep
                parent = None
            if parent is not None and parent.pk != post.pk:
                key = self.thread_of(parent, depth=depth + 1)
            else:  # the parent is not here (yet): the thread waits under its id
                key = self._get_or_create(_key(post, f"id:{post.in_reply_to}"), post)
        else:
            key = self._get_or_create(_root_key(post), post)
            self._adopt(_key(post, f"id:{post.external_id}"), key)
        self.placed[post.pk] = key
        return key

    def _get_or_create(self, key: Key, post: Post) -> Key:
        if key not in self.threads:
            self.new.setdefault(key, post.url[:1000])
        return key

    def _adopt(self, waiting: Key, key: Key) -> None:
        """Replies that came before their root waited under the root's id; join them."""
        orphan = self.threads.get(waiting)
        if waiting == key or orphan is None:
            return
        del self.threads[waiting]
        self.adopted.append((orphan, key))
        for post in self.posts.values():
            if self.placed.get(post.pk) == waiting or (
                post.pk not in self.placed and post.thread_id == orphan.pk
            ):
                self.placed[post.pk] = key

    def save(self) -> dict[Key, Thread]:
        """Create the new threads, move the adopted replies, set every post's thread: the
        threads by key."""
        if self.new:
            Thread.objects.bulk_create(
                [Thread(source_id=key[0], key=key[1], url=url) for key, url in self.new.items()],
                ignore_conflicts=True,  # made by another worker meanwhile: that one is used
            )
            for thread in Thread.objects.filter(_named("key", self.new)):
                self.threads[thread.source_id, thread.key] = thread
        for orphan, key in self.adopted:
            Post.objects.filter(thread=orphan).update(thread=self.threads[key])
            orphan.delete()
        moved: dict[int, Post] = {}
        for post in [*self.batch, *self.posts.values()]:
            if post.pk in self.placed:
                thread = self.threads[self.placed[post.pk]]
                if post.thread_id != thread.pk:
                    moved[post.pk] = post
                post.thread = thread
        update_fields(list(moved.values()), ["thread"])
        return self.threads


def refresh(thread: Thread) -> Thread:
    """Recount one thread's figures and risk (`refresh_all`)."""
    refresh_all([thread])
    return thread


def cool_down(now: datetime | None = None) -> int:
    """Recount, as of now, the threads whose speed still counts posts of more than an hour
    ago: nobody posting makes the speed fall to nothing, the risk sink and a thread that
    alerted re-arm (it stays hot on the page only while people post). The number recounted;
    run by every listening pass."""
    now = now or timezone.now()
    stale = (
        Thread.objects.filter(last_post_at__lt=now - HOUR)
        .filter(Q(posts_last_hour__gt=0) | Q(posts_hour_before__gt=0))
        .order_by("pk")
    )
    recounted, after = 0, 0
    while batch := list(stale.filter(pk__gt=after)[:COOL_DOWN_BATCH]):
        refresh_all(batch, as_of=now)
        rearm(batch)
        recounted, after = recounted + len(batch), batch[-1].pk
    # A large thread keeps much of its risk without anyone posting (size, reach, tone), so
    # after hours of silence it may alert again: the next heat-up is news of its own.
    Thread.objects.filter(alert_armed=False, last_post_at__lt=now - QUIET_BEFORE_REARM).update(
        alert_armed=True
    )
    return recounted


def refresh_all(threads: Sequence[Thread], *, as_of: datetime | None = None) -> None:
    """Recount the threads' figures and risk, copies (`duplicate_of`) once: the posts, the
    mentions and the organisations of all of them in one query each, one bulk update.
    The speed counts the hours up to the last post, or up to `as_of` when that is later."""
    ids = [thread.pk for thread in threads]
    posts: dict[int, list[Post]] = defaultdict(list)
    for post in Post.objects.filter(thread__in=ids, duplicate_of__isnull=True).order_by("pk"):
        posts[post.thread_id].append(post)  # type: ignore[index]
    mentions: dict[int, list[Mention]] = defaultdict(list)
    of_posts = Mention.objects.filter(post__thread__in=ids, post__duplicate_of__isnull=True)
    for mention in of_posts.annotate(thread_pk=F("post__thread")).order_by("post_id", "pk"):
        mentions[mention.thread_pk].append(mention)  # type: ignore[attr-defined]
    live = [thread for thread in threads if posts[thread.pk]]
    unowned = {thread.source_id for thread in live if not mentions[thread.pk]}
    source_owner = dict(Source.objects.filter(pk__in=unowned).values_list("pk", "organisation"))
    for thread in live:
        organisation_ids = Counter(mention.organisation_id for mention in mentions[thread.pk])
        if organisation_ids:
            thread.organisation_id = organisation_ids.most_common(1)[0][0]
        elif thread.organisation_id is None:
            thread.organisation_id = source_owner[thread.source_id]
    models = Organisation.objects.in_bulk({thread.organisation_id for thread in live} - {None})
    profiles = {pk: from_model(organisation) for pk, organisation in models.items()}
    now = timezone.now()
    for thread in live:
        profile = profiles.get(thread.organisation_id)  # type: ignore[arg-type]
        _recount(thread, posts[thread.pk], mentions[thread.pk], profile, as_of)
        thread.updated_at = now  # a bulk write does not apply auto_now
    fields = ["organisation", "size", "first_post_at", "last_post_at", "posts_last_hour"]
    fields += ["posts_hour_before", "participants", "reach", "negative_share", "own_replies"]
    update_fields(live, [*fields, "arguing_replies", "risk", "updated_at"])


def _recount(
    thread: Thread,
    posts: list[Post],
    mentions: list[Mention],
    organisation: Profile | None,
    as_of: datetime | None = None,
) -> None:
    times = sorted(_time(post) for post in posts)
    at = max(times[-1], as_of) if as_of is not None else times[-1]
    own = _own_replies(organisation, posts)
    ours = [mention for mention in mentions if mention.organisation_id == thread.organisation_id]
    negative = sum(mention.sentiment == "negative" for mention in ours)
    thread.size = len(posts)
    thread.first_post_at, thread.last_post_at = times[0], times[-1]
    thread.posts_last_hour = sum(at - HOUR < time <= at for time in times)
    thread.posts_hour_before = sum(at - 2 * HOUR < time <= at - HOUR for time in times)
    others = {post.author for post in posts if post.author and post not in own}
    thread.participants = len(others)
    thread.reach = sum(_reach(post) for post in posts)
    thread.negative_share = negative / len(ours) if ours else 0.0
    thread.own_replies = len(own)
    thread.arguing_replies = [post.pk for post in own if argues(post.text)]
    thread.risk = escalation_risk(
        Figures(
            size=thread.size,
            posts_last_hour=thread.posts_last_hour,
            posts_hour_before=thread.posts_hour_before,
            participants=thread.participants,
            reach=thread.reach,
            negative_share=thread.negative_share,
            argued=bool(thread.arguing_replies),
        )
    )


def _reach(post: Post) -> int:
    """Followers or views, whichever the source gives more of (views include followers)."""
    values = [post.reach.get(key) for key in ("followers", "views")]
    return max([value for value in values if isinstance(value, int)] or [0])


def _own_replies(organisation: Profile | None, posts: list[Post]) -> list[Post]:
    if organisation is None:
        return []
    first = min(posts, key=lambda post: (_time(post), post.pk))
    return [
        post
        for post in posts
        if post != first
        and post.author
        and _is_own_account(organisation, fold(post.author).lstrip("@"), on_page=False)
    ]
