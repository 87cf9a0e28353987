"""Reposts and near-duplicates: a copy points at the first post and makes no mention or case.

    finder = DuplicateFinder()            one per processing batch
    finder.original_of(post, repost_of, organisation_ids)   the first post, or None

Exact reposts: a post that names the post it reposts (`PostFields.repost_of`, a reblog on
the same source) or an "RT @x: …" whose text, folded, is that of a known post. Near
duplicates: MinHash over word 3-shingles of the folded text, LSH at Jaccard ≥ 0.8, then
the true Jaccard of the shingles checked. Only posts of the same organisation within
seven days of each other are compared, and only originals (never a copy of a copy).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from datasketch import MinHash, MinHashLSH
from django.db.models import Q
from django.db.models.functions import Coalesce

from brandwache.listening.classify import REPOST
from brandwache.listening.models import Post
from brandwache.listening.words import WORD, fold

WINDOW = timedelta(days=7)
JACCARD = 0.8
NUM_PERM = 128
SHINGLE = 3
# Shorter texts ("same here", "+1") are separate voices, not copies; only exact reposts
# of them collapse.
MIN_SHINGLES = 3
MAX_CANDIDATES = 20_000  # most recent posts per organisation indexed per batch


def shingles(text: str) -> frozenset[str]:
    """Word 3-shingles of the folded text without a retweet prefix."""
    words = WORD.findall(fold(REPOST.sub("", text)))
    if len(words) < SHINGLE:
        return frozenset([" ".join(words)]) if words else frozenset()
    return frozenset(" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1))


def normalised(text: str) -> str:
    return " ".join(WORD.findall(fold(REPOST.sub("", text))))


def jaccard(first: frozenset[str], second: frozenset[str]) -> float:
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


def _signature(shingle_set: frozenset[str]) -> MinHash:
    signature = MinHash(num_perm=NUM_PERM)
    signature.update_batch([shingle.encode() for shingle in sorted(shingle_set)])
    return signature


def _when(post: Post) -> datetime | None:
    return post.created_at or post.fetched_at


@dataclass
class _Index:
    """Known originals of one organisation: exact texts and an LSH over the shingles."""

    lsh: MinHashLSH = field(
        default_factory=lambda: MinHashLSH(threshold=JACCARD, num_perm=NUM_PERM)
    )
    exact: dict[str, int] = field(default_factory=dict)
    shingles: dict[int, frozenset[str]] = field(default_factory=dict)
    times: dict[int, datetime | None] = field(default_factory=dict)

    def add(self, post_id: int, text: str, when: datetime | None) -> None:
        if post_id in self.times:
            return
        self.times[post_id] = when
        self.exact.setdefault(normalised(text), post_id)
        shingle_set = shingles(text)
        if len(shingle_set) >= MIN_SHINGLES:
            self.shingles[post_id] = shingle_set
            self.lsh.insert(post_id, _signature(shingle_set))

    def find(self, text: str, when: datetime | None, *, repost: bool) -> int | None:
        """The earliest known original within the window, or None."""
        hits: list[int] = []
        exact = self.exact.get(normalised(text))
        if exact is not None and (repost or len(shingles(text)) >= MIN_SHINGLES):
            hits.append(exact)
        shingle_set = shingles(text)
        if len(shingle_set) >= MIN_SHINGLES:
            for candidate in self.lsh.query(_signature(shingle_set)):
                if jaccard(shingle_set, self.shingles[candidate]) >= JACCARD:
                    hits.append(candidate)
        hits = [hit for hit in hits if _near(self.times[hit], when)]
        if not hits:
            return None
        return min(hits, key=lambda hit: (self.times[hit] is None, self.times[hit] or 0, hit))


def _near(first: datetime | None, second: datetime | None) -> bool:
    return first is None or second is None or abs(first - second) <= WINDOW


class DuplicateFinder:
    """The originals a batch's posts are compared with, indexed per organisation on first
    use; posts recorded in the batch join the index as they are kept."""

    def __init__(self) -> None:
        self._indexes: dict[int, _Index] = {}

    def original_of(self, post: Post, repost_of: str, organisation_ids: list[int]) -> Post | None:
        """The first post `post` copies, or None (then `post` is indexed as an original)."""
        if repost_of:
            reposted = (
                Post.objects.filter(source=post.source_id, external_id=repost_of)
                .exclude(pk=post.pk)
                .first()
            )
            if reposted is not None:
                return reposted.duplicate_of or reposted
        repost = bool(repost_of) or bool(REPOST.match(post.text))
        when = _when(post)
        for organisation_id in organisation_ids:
            found = self._index(organisation_id, when).find(post.text, when, repost=repost)
            if found is not None and found != post.pk:
                return Post.objects.get(pk=found)
        for organisation_id in organisation_ids:
            self._indexes[organisation_id].add(post.pk, post.text, when)
        return None

    def _index(self, organisation_id: int, when: datetime | None) -> _Index:
        index = self._indexes.get(organisation_id)
        if index is not None:
            return index
        index = self._indexes[organisation_id] = _Index()
        known = Post.objects.filter(
            mentions__organisation=organisation_id, duplicate_of__isnull=True
        ).annotate(when=Coalesce("created_at", "fetched_at"))
        if when is not None:
            # The batch may span days (an import): a margin on both sides, checked per pair.
            known = known.filter(Q(when__gte=when - 2 * WINDOW) & Q(when__lte=when + 2 * WINDOW))
        rows = known.order_by("-when").values_list("pk", "text", "when")[:MAX_CANDIDATES]
        for pk, text, posted in rows:
            index.add(pk, text, posted)
        return index
