"""Counting a text's n-grams once for every feature space that reads it.

The classifiers and the learnt urgency signals each have their own vocabulary and idf, but the
same n-gram settings. A prediction therefore looks each n-gram up once, in the union of their
vocabularies, and hands every space its own TF-IDF row from those counts; counting was most of
the cost of a prediction, and it was done once per space.

Character n-grams are most of a text's terms, and words repeat from one message to the next:
the known character n-grams of a word are looked up once and kept (up to `CACHED_WORDS`
words per process), so a familiar word costs one dictionary lookup instead of twenty.

A batch of texts is weighted in one pass of array operations (`RowBatch`), and its product
with a weight matrix is one gather, multiply and segment sum (`RowBatch.dot`) instead of a
few dozen small numpy calls per text. Rows are those of counting each space on its own
(`FeatureSpace.rows` is this with one space): the same n-grams and columns in the same order,
values equal but for the last bit of a sum.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from itertools import chain
from operator import is_not
from typing import TYPE_CHECKING

import numpy as np

from .features import char_ngrams

if TYPE_CHECKING:
    from .features import FeatureSpace

# Words whose character n-grams are kept per counting (about 0.3 KB each, so at most some
# 15 MB). Beyond this, new words are counted as they come, without being kept.
CACHED_WORDS = 50_000
Row = tuple[np.ndarray, np.ndarray]


@dataclass(frozen=True)
class RowBatch:
    """The rows of several texts in one space, one after the other: text i has the column
    indices `columns[starts[i]:starts[i + 1]]` with the TF-IDF values at the same places."""

    columns: np.ndarray  # int64
    values: np.ndarray  # float64
    starts: np.ndarray  # (texts + 1,) int64

    def __len__(self) -> int:
        return len(self.starts) - 1

    def __getitem__(self, index: int) -> Row:
        start, stop = self.starts[index], self.starts[index + 1]
        return self.columns[start:stop], self.values[start:stop]

    def dot(self, weights: np.ndarray) -> np.ndarray:
        """(texts x weight columns): each text's values times the rows of `weights` (float32)
        at its columns, summed, for all texts in a handful of array operations."""
        products = np.zeros((len(self.values) + 1, weights.shape[1]), dtype=np.float32)
        np.multiply(
            self.values.astype(np.float32)[:, None], weights[self.columns], out=products[:-1]
        )
        # The zero row after the last entry is where texts at the end without any known term
        # start (reduceat needs starts inside the array); reduceat gives each such text the
        # row at its start, so they are zeroed after.
        totals = np.add.reduceat(products, self.starts[:-1], axis=0)
        totals[self.starts[:-1] == self.starts[1:]] = 0.0
        return totals


class _Union:
    """The union of several spaces' terms, word terms first, then char n-grams (a word and an
    n-gram may be spelt alike: each block has its own ids), and per space the column of each
    union term in that space (-1 where it lacks the term) and the space's idf by column."""

    def __init__(self, spaces: Sequence[FeatureSpace]):
        self.words: dict[str, int] = {}
        for space in spaces:
            for term in space.blocks["word"].terms:
                self.words.setdefault(term, len(self.words))
        self.chars: dict[str, int] = {}
        for space in spaces:
            for term in space.blocks["char"].terms:
                self.chars.setdefault(term, len(self.words) + len(self.chars))
        self.columns: list[np.ndarray] = []
        self.idf: list[np.ndarray] = []
        # Whether a space has every union term: then no entry needs leaving out.
        self.complete: list[bool] = []
        for space in spaces:
            word, char = space.blocks["word"], space.blocks["char"]
            columns = np.full(len(self.words) + len(self.chars), -1, dtype=np.int64)
            places = [self.words[term] for term in word.terms]
            places += [self.chars[term] for term in char.terms]
            columns[np.array(places, dtype=np.int64)] = np.arange(len(places))
            self.columns.append(columns)
            self.idf.append(np.concatenate([word.idf, char.idf]))
            self.complete.append(bool((columns >= 0).all()))


class SharedCounting:
    """Rows of several feature spaces with the same n-gram settings from one count of a text."""

    def __init__(self, spaces: Sequence[FeatureSpace]):
        first = spaces[0].settings
        for space in spaces[1:]:
            settings = space.settings
            if (settings.word_ngrams, settings.char_ngrams, settings.token_pattern) != (
                first.word_ngrams,
                first.char_ngrams,
                first.token_pattern,
            ):
                raise ValueError("feature spaces with different n-gram settings cannot share")
        self.spaces = tuple(spaces)
        self._tokens = re.compile(first.token_pattern).findall
        self._word_range = first.word_ngrams
        self._char_range = first.char_ngrams
        self._union = _Union(spaces)
        self._char_terms: dict[str, tuple[int, ...]] = {}

    @classmethod
    def of(cls, *spaces: FeatureSpace | None) -> SharedCounting | None:
        """One counting for the spaces given (None left out), if they can share it."""
        present = [space for space in spaces if space is not None]
        try:
            return cls(present) if present else None
        except ValueError:
            return None

    def _word_grams(self, text: str) -> list[str]:
        """The word n-grams of sklearn's "word" analyser (no lower-casing, no stop words), in
        its order: the shortest first, each from left to right; joined in C, not in a loop."""
        tokens = self._tokens(text)
        low, high = self._word_range
        grams = list(tokens) if low == 1 else []
        for n in range(max(low, 2), high + 1):
            grams += map(" ".join, zip(*(tokens[start:] for start in range(n)), strict=False))
        return grams

    def _char_counts(self, text: str) -> Counter[int]:
        known = self._char_terms
        vocabulary = self._union.chars
        low, high = self._char_range
        terms: list[int] = []
        for word in text.split():
            found = known.get(word)
            if found is None:
                grams = map(vocabulary.get, char_ngrams(word, low, high))
                found = tuple(filter(partial(is_not, None), grams))
                if len(known) < CACHED_WORDS:
                    known[word] = found
            terms += found
        return Counter(terms)

    def rows_many(self, texts: Sequence[str]) -> list[RowBatch]:
        """Per space (in the order given), the rows of normalised texts: column indices and
        TF-IDF values (sublinear tf, idf, L2 per block), word block first, then char."""
        # Two counts per text, its words' then its characters': group 2 i is text i's word
        # block, 2 i + 1 its char block, and the entries come in that order.
        counts: list[Counter[int]] = []
        for text in texts:
            words = Counter(map(self._union.words.get, self._word_grams(text)))
            words.pop(None, None)  # type: ignore[call-overload]
            counts += (words, self._char_counts(text))  # type: ignore[arg-type]
        sizes = list(map(len, counts))
        total = sum(sizes)
        terms = np.fromiter(chain.from_iterable(counts), dtype=np.int64, count=total)
        tf = np.fromiter(
            chain.from_iterable(count.values() for count in counts), dtype=np.float64, count=total
        )
        tf = 1.0 + np.log(tf)
        groups = np.repeat(np.arange(len(counts)), sizes)
        batches = []
        for columns, idf, complete in zip(
            self._union.columns, self._union.idf, self._union.complete, strict=True
        ):
            present, group, space_tf = columns[terms], groups, tf
            if not complete:
                known = present >= 0
                present, group, space_tf = present[known], group[known], space_tf[known]
            values = space_tf * idf[present]
            # Every value is positive, so a block with any term has a positive norm.
            norms = np.sqrt(np.bincount(group, weights=values * values, minlength=len(counts)))
            starts = np.zeros(len(texts) + 1, dtype=np.int64)
            np.cumsum(np.bincount(group >> 1, minlength=len(texts)), out=starts[1:])
            batches.append(RowBatch(present, values / norms[group], starts))
        return batches

    def rows(self, text: str) -> list[Row]:
        """Per space, the row of one normalised text."""
        return [batch[0] for batch in self.rows_many([text])]
