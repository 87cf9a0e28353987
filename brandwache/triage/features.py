"""One feature space for every classifier: TF-IDF of word 1–2-grams and character 2–5-grams.

Character n-grams inside word boundaries carry German compounds ("Zugausfall" shares
"ausfall" with "Ausfall") and misspellings; word bigrams carry negation and phrases
("nicht zufrieden"). The n-grams are those of sklearn's `CountVectorizer` analysers, with a
fixed vocabulary, so a space rebuilt from stored terms transforms text exactly like the one
that was fitted; the
TF-IDF weighting (sublinear tf, smoothed idf, L2 per block) is done in numpy, in
`counting`, which counts a text once for all the spaces a prediction reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, partial
from typing import TYPE_CHECKING

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer

from .text import TOKEN_PATTERN

if TYPE_CHECKING:
    from .counting import RowBatch, SharedCounting


@dataclass(frozen=True)
class FeatureSettings:
    word_ngrams: tuple[int, int] = (1, 2)
    char_ngrams: tuple[int, int] = (2, 5)
    min_df: int = 2
    # Upper bounds on the vocabulary (most frequent terms kept) to keep model files small.
    max_word_terms: int = 60_000
    max_char_terms: int = 120_000
    token_pattern: str = TOKEN_PATTERN

    def as_dict(self) -> dict[str, object]:
        return {
            "word_ngrams": list(self.word_ngrams),
            "char_ngrams": list(self.char_ngrams),
            "min_df": self.min_df,
            "max_word_terms": self.max_word_terms,
            "max_char_terms": self.max_char_terms,
            "token_pattern": self.token_pattern,
        }

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> FeatureSettings:
        def pair(value: object) -> tuple[int, int]:
            low, high = value  # type: ignore[misc]
            return int(low), int(high)

        return cls(
            word_ngrams=pair(data["word_ngrams"]),
            char_ngrams=pair(data["char_ngrams"]),
            min_df=int(data["min_df"]),  # type: ignore[call-overload]
            max_word_terms=int(data["max_word_terms"]),  # type: ignore[call-overload]
            max_char_terms=int(data["max_char_terms"]),  # type: ignore[call-overload]
            token_pattern=str(data["token_pattern"]),
        )


def char_ngrams(text: str, low: int, high: int) -> list[str]:
    """Character n-grams inside word boundaries, as sklearn's "char_wb" analyser makes them
    (each word padded with one space; a word no longer than n counts once, whole), written
    with slices in comprehensions because this is the hottest loop of a prediction."""
    grams: list[str] = []
    for word in text.split():
        padded = f" {word} "
        length = len(padded)
        for n in range(low, high + 1):
            if length <= n:
                grams.append(padded)
                break
            grams.extend([padded[i : i + n] for i in range(length - n + 1)])
    return grams


def _counter(block: str, settings: FeatureSettings, **options: object) -> CountVectorizer:
    if block == "word":
        return CountVectorizer(
            analyzer="word",
            token_pattern=settings.token_pattern,
            ngram_range=settings.word_ngrams,
            lowercase=False,
            dtype=np.float64,
            **options,
        )
    low, high = settings.char_ngrams
    return CountVectorizer(
        analyzer=partial(char_ngrams, low=low, high=high), dtype=np.float64, **options
    )


class Block:
    """One vectoriser's terms (in column order) and their idf.

    Terms come from sklearn's own analyser (the one `CountVectorizer` fits with), so the
    n-grams are exactly those of the fitted space; counting and weighting are done in
    `counting.SharedCounting`, without building a sparse matrix per step, which matters for
    one text at a time.
    """

    def __init__(self, terms: list[str], idf: np.ndarray, counter: CountVectorizer):
        self.terms = terms
        self.idf = np.asarray(idf, dtype=np.float64)
        self.vocabulary: dict[str, int] = counter.vocabulary


class FeatureSpace:
    """Word and character blocks side by side; texts must already be normalised."""

    BLOCKS = ("word", "char")

    def __init__(self, settings: FeatureSettings, blocks: dict[str, tuple[list[str], np.ndarray]]):
        self.settings = settings
        self.blocks: dict[str, Block] = {}
        for name in self.BLOCKS:
            terms, idf = blocks[name]
            vocabulary = {term: index for index, term in enumerate(terms)}
            if len(vocabulary) != len(terms):
                raise ValueError(f"the {name} vocabulary repeats a term")
            if len(idf) != len(terms):
                raise ValueError(
                    f"the {name} block has {len(terms)} terms but {len(idf)} idf values"
                )
            self.blocks[name] = Block(terms, idf, _counter(name, settings, vocabulary=vocabulary))

        # Where each block's columns start in the joint space.
        self.offsets = np.cumsum([0] + [len(self.blocks[name].terms) for name in self.BLOCKS])

    @property
    def size(self) -> int:
        return int(self.offsets[-1])

    @cached_property
    def counting(self) -> SharedCounting:
        """This space's own counting (a prediction that reads several spaces shares one)."""
        from .counting import SharedCounting

        return SharedCounting([self])

    def rows(self, texts: Sequence[str]) -> RowBatch:
        """Column indices and L2-normalised sublinear TF-IDF values (per block) of normalised
        texts: per text the word block first, then char."""
        return self.counting.rows_many(texts)[0]

    def row(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """The columns and values of one normalised text."""
        return self.rows([text])[0]

    def transform(self, texts: Sequence[str], dtype: type = np.float64) -> sparse.csr_matrix:
        """One row per text, as a sparse matrix (for fitting; prediction uses `rows`)."""
        batch = self.rows(texts)
        return sparse.csr_matrix(
            (batch.values.astype(dtype), batch.columns, batch.starts),
            shape=(len(texts), self.size),
        )

    @classmethod
    def fit(cls, texts: Sequence[str], settings: FeatureSettings | None = None) -> FeatureSpace:
        """Terms seen in at least `min_df` texts (the most frequent up to the cap), smoothed idf.

        The idf is stored as float32 and used as such, so a space rebuilt from a file is the same.
        """
        settings = settings or FeatureSettings()
        blocks: dict[str, tuple[list[str], np.ndarray]] = {}
        limits = {"word": settings.max_word_terms, "char": settings.max_char_terms}
        for name in cls.BLOCKS:
            min_df = min(settings.min_df, max(1, len(texts)))
            counter = _counter(name, settings, min_df=min_df, max_features=limits[name])
            counts = counter.fit_transform(texts).tocsc()
            document_frequency = np.diff(counts.indptr)
            terms = counter.get_feature_names_out().tolist()
            idf = np.log((1 + len(texts)) / (1 + document_frequency)) + 1.0
            blocks[name] = (terms, idf.astype(np.float32))
        return cls(settings, blocks)
