"""Reposts and near-duplicates: a copy points at the first post and makes no mention or case.

    finder = DuplicateFinder()            one per processing batch
    finder.prepare(texts_and_organisations)   optional: the batch's candidates in one query
    finder.original_of(post, repost_of, organisation_ids)   the first post, or None
    finder.save()                         the signatures of the originals found, written

Exact reposts: a post that names the post it reposts (`PostFields.repost_of`, a reblog on
the same source) or an "RT @x: …" whose text, folded, is that of a known post. Near
duplicates: MinHash over word 3-shingles of the folded text, cut into LSH bands for
Jaccard ≥ 0.8, then the true Jaccard of the shingles checked. Only posts of the same
organisation within seven days of each other are compared, and only originals (never a
copy of a copy).

Every original leaves its keys (a hash of its folded text and one per band) in
`PostSignature`; a candidate is a post that shares a key. Looking them up costs one
indexed query per batch, not an index rebuilt from all earlier posts, so it stays as fast
at a million posts as at a hundred and needs no memory beyond the batch.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from datasketch import MinHash, MinHashLSH

from brandwache.bulkwrite import insert_rows
from brandwache.listening.classify import REPOST
from brandwache.listening.models import Post, PostSignature
from brandwache.listening.words import WORD, fold

WINDOW = timedelta(days=7)
JACCARD = 0.8
NUM_PERM = 128
SHINGLE = 3
# Shorter texts ("same here", "+1") are separate voices, not copies; only exact reposts
# of them collapse.
MIN_SHINGLES = 3
LOOKUP_CHUNK = 900  # keys per query: below every database's limit of bound parameters

# Drawn once: a MinHash draws its permutations on every construction, which costs more
# than the hashing itself. The bands and rows are datasketch's choice for the threshold.
_FIRST = MinHash(num_perm=NUM_PERM)
_PERMUTATIONS, _SCHEME = _FIRST.permutations, _FIRST.scheme
_LAYOUT = MinHashLSH(threshold=JACCARD, num_perm=NUM_PERM)
BANDS, ROWS = _LAYOUT.b, _LAYOUT.r


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


def _key(kind: bytes, data: bytes) -> int:
    """A signed 64-bit key, as the database's big integer holds it."""
    digest = hashlib.blake2b(data, digest_size=8, person=kind).digest()
    return int.from_bytes(digest, "big", signed=True)


@dataclass(frozen=True)
class _Keys:
    shingles: frozenset[str]
    exact: int
    bands: tuple[int, ...]  # empty for texts too short to be near-duplicates

    @classmethod
    def of(cls, text: str) -> _Keys:
        shingle_set = shingles(text)
        bands: tuple[int, ...] = ()
        if len(shingle_set) >= MIN_SHINGLES:
            signature = MinHash(num_perm=NUM_PERM, permutations=_PERMUTATIONS, scheme=_SCHEME)
            signature.update_batch([shingle.encode() for shingle in sorted(shingle_set)])
            values = signature.hashvalues
            bands = tuple(
                _key(b"band%d" % band, values[band * ROWS : (band + 1) * ROWS].tobytes())
                for band in range(BANDS)
            )
        return cls(shingle_set, _key(b"exact", normalised(text).encode()), bands)


def signature_values(text: str) -> tuple[int, ...]:
    """The keys an original with this text is stored under."""
    keys = _Keys.of(text)
    return (keys.exact, *keys.bands)


@dataclass(frozen=True)
class _Known:
    post_id: int
    text: str
    when: datetime | None


def _when(post: Post) -> datetime | None:
    return post.created_at or post.fetched_at


def _near(first: datetime | None, second: datetime | None) -> bool:
    return first is None or second is None or abs(first - second) <= WINDOW


class DuplicateFinder:
    """The originals a batch's posts are compared with: those stored before (looked up by
    key) and those kept earlier in the same batch."""

    def __init__(self) -> None:
        self._keys: dict[str, _Keys] = {}
        self._known: dict[tuple[int, int], list[_Known]] = defaultdict(list)
        self._looked_up: set[tuple[int, int]] = set()
        self._shingles: dict[int, frozenset[str]] = {}
        self._new: list[tuple[int, int, int]] = []  # post, organisation, key

    def prepare(self, items: Iterable[tuple[str, Sequence[int]]]) -> None:
        """Look up the candidates of many posts (text, organisation ids) at once."""
        wanted = set()
        for text, organisation_ids in items:
            keys = self._keys_of(text)
            wanted |= {(org, key) for org in organisation_ids for key in (keys.exact, *keys.bands)}
        self._look_up(wanted)

    def original_of(
        self, post: Post, repost_of: str, organisation_ids: Sequence[int]
    ) -> Post | None:
        """The first post `post` copies, or None (then `post` is kept as an original)."""
        if repost_of:
            reposted = (
                Post.objects.filter(source=post.source_id, external_id=repost_of)
                .exclude(pk=post.pk)
                .first()
            )
            if reposted is not None:
                return reposted.duplicate_of or reposted
        repost = bool(repost_of) or bool(REPOST.match(post.text))
        keys, when = self._keys_of(post.text), _when(post)
        self._look_up({(org, key) for org in organisation_ids for key in (keys.exact, *keys.bands)})
        hits: dict[int, datetime | None] = {}
        for organisation_id in organisation_ids:
            hits |= self._hits(organisation_id, keys, when, repost=repost, own=post.pk)
        if hits:
            first = min(hits, key=lambda pk: (hits[pk] is None, hits[pk] or 0, pk))
            return Post.objects.get(pk=first)
        self._keep(post, keys, when, organisation_ids)
        return None

    def save(self) -> None:
        """Write the keys of the originals kept since the last save (inside the caller's
        transaction: a batch rolled back leaves none behind)."""
        insert_rows(PostSignature, ("post_id", "organisation_id", "value"), self._new)
        self._new = []

    def _hits(
        self, organisation_id: int, keys: _Keys, when: datetime | None, *, repost: bool, own: int
    ) -> dict[int, datetime | None]:
        hits = {}
        if repost or len(keys.shingles) >= MIN_SHINGLES:
            for known in self._known[organisation_id, keys.exact]:
                if self._keys_of(known.text).exact == keys.exact:
                    hits[known.post_id] = known.when
        for band in keys.bands:
            for known in self._known[organisation_id, band]:
                if known.post_id not in hits:
                    other = self._keys_of(known.text).shingles
                    if jaccard(keys.shingles, other) >= JACCARD:
                        hits[known.post_id] = known.when
        return {pk: at for pk, at in hits.items() if pk != own and _near(at, when)}

    def _keep(
        self, post: Post, keys: _Keys, when: datetime | None, organisation_ids: Sequence[int]
    ) -> None:
        known = _Known(post.pk, post.text, when)
        for organisation_id in dict.fromkeys(organisation_ids):
            for key in (keys.exact, *keys.bands):
                self._known[organisation_id, key].append(known)
                self._new.append((post.pk, organisation_id, key))

    def _keys_of(self, text: str) -> _Keys:
        keys = self._keys.get(text)
        if keys is None:
            keys = self._keys[text] = _Keys.of(text)
        return keys

    def _look_up(self, wanted: set[tuple[int, int]]) -> None:
        missing = sorted(wanted - self._looked_up)
        self._looked_up |= wanted
        by_organisation: dict[int, list[int]] = defaultdict(list)
        for organisation_id, key in missing:
            by_organisation[organisation_id].append(key)
        for organisation_id, keys in by_organisation.items():
            for start in range(0, len(keys), LOOKUP_CHUNK):
                rows = PostSignature.objects.filter(
                    organisation=organisation_id,
                    value__in=keys[start : start + LOOKUP_CHUNK],
                    post__duplicate_of__isnull=True,
                ).values_list(
                    "value", "post_id", "post__text", "post__created_at", "post__fetched_at"
                )
                for value, post_id, text, created, fetched in rows:
                    self._known[organisation_id, value].append(
                        _Known(post_id, text, created or fetched)
                    )
