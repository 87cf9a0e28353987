"""Ranks knowledge-base items (articles and text modules) for a customer message.

Two signals, combined, then the language and the agents' choices:

- **Words, BM25.** Every item is a bag of lemmatised, folded words (title three times,
  search words twice, text once) plus the parts of its German compounds. A query word
  the index does not know (a typo, an odd spelling) stands for the known words whose
  character trigrams are most alike ("verspaetnug" → "verspaetung").
- **Character n-grams, TF-IDF cosine** (3 to 5 letters inside words) over the folded
  text: catches word families the lemmatiser keeps apart ("zurückerstatten" and
  "Rückerstattung") and what is left of typos.

    base  = WORDS · bm25 / (bm25 + BM25_HALF) + CHARS · cosine
    score = (base + feedback) · (1 for the message's language, else LANGUAGE_FACTOR)

- **Feedback.** Messages for which agents chose an item are kept as character-n-gram
  vectors; every recorded message at least FEEDBACK_SIMILARITY alike to the new one adds
  its similarity to the item that was chosen for it (capped at 1), times FEEDBACK_WEIGHT.

Pure Python + numpy/scipy/scikit-learn; no Django, so the benchmark and the evaluation
build it from plain data.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from brandwache.answers.ngrams import CharNgrams
from brandwache.answers.text import CompoundSplitter, folded_words, guess_language, words


@dataclass(frozen=True, slots=True)
class Item:
    """One article or text module as the ranking sees it."""

    key: str  # "article:<slug>" or "module:<shortcut>"
    title: str
    body: str
    language: str
    keywords: str = ""
    category: str = ""
    pk: int | None = None

    @property
    def kind(self) -> str:
        return self.key.partition(":")[0]


@dataclass(frozen=True, slots=True)
class Tuning:
    title_weight: int = 3
    keyword_weight: int = 2
    k1: float = 1.2
    b: float = 0.75
    bm25_half: float = 8.0
    words: float = 0.6
    chars: float = 0.4
    ngram_range: tuple[int, int] = (3, 5)
    compounds: bool = True
    fuzzy: bool = True
    fuzzy_similarity: float = 0.6
    fuzzy_terms: int = 2
    language_factor: float = 0.75
    feedback_weight: float = 0.35
    feedback_similarity: float = 0.3


DEFAULT_TUNING = Tuning()


@dataclass(frozen=True, slots=True)
class Suggestion:
    item: Item
    score: float
    rank: int


@dataclass(frozen=True)
class Query:
    text: str
    language: str
    terms: dict[int, float]  # vocabulary id → weight
    chars: sparse.csr_matrix  # 1 × n-grams, l2-normalised


def cosine_by_column(matrix: sparse.csc_matrix, row: sparse.csr_matrix) -> np.ndarray:
    """Dot products of every row of a unit-row matrix with one unit row, column by column."""
    if not row.nnz:
        return np.zeros(matrix.shape[0], dtype=np.float32)
    return np.asarray(matrix[:, row.indices] @ row.data).ravel()


class Index:
    """An immutable in-memory index over a list of items."""

    def __init__(self, items: Iterable[Item], tuning: Tuning = DEFAULT_TUNING) -> None:
        self.items: list[Item] = list(items)
        self.tuning = tuning
        self.positions = {item.key: row for row, item in enumerate(self.items)}
        self.languages = np.array([item.language for item in self.items])
        documents = [self._item_words(item) for item in self.items]
        self.splitter = CompoundSplitter(w for document in documents for w in document)
        if tuning.compounds:
            documents = [self.splitter.expand(document) for document in documents]
        self._build_words(documents)
        self.chars = CharNgrams(tuning.ngram_range)
        # By column: a query touches only the columns of its own n-grams.
        self.char_matrix = self.chars.fit_transform(
            [self._item_chars(i) for i in self.items]
        ).tocsc()

    def __len__(self) -> int:
        return len(self.items)

    # -- building ------------------------------------------------------------------------

    def _item_words(self, item: Item) -> list[str]:
        t = self.tuning
        return (
            words(item.title, item.language) * t.title_weight
            + words(item.keywords, item.language) * t.keyword_weight
            + words(item.body, item.language)
        )

    @staticmethod
    def _item_chars(item: Item) -> list[str]:
        return folded_words(f"{item.title}\n{item.keywords}\n{item.body}")

    def _build_words(self, documents: Sequence[list[str]]) -> None:
        t = self.tuning
        self.vocabulary: dict[str, int] = {}
        indptr, indices, counts = [0], [], []
        for document in documents:
            for token, count in Counter(document).items():
                indices.append(self.vocabulary.setdefault(token, len(self.vocabulary)))
                counts.append(count)
            indptr.append(len(indices))
        n, size = len(documents), max(len(self.vocabulary), 1)
        tf = sparse.csr_matrix(
            (np.array(counts, dtype=np.float32), indices, indptr), shape=(n, size)
        )
        lengths = np.asarray(tf.sum(axis=1)).ravel()
        average = float(lengths.mean()) if n and lengths.mean() > 0 else 1.0
        df = np.bincount(tf.indices, minlength=size)
        idf = np.log1p((n - df + 0.5) / (df + 0.5)).astype(np.float32)
        rows = np.repeat(np.arange(n), np.diff(tf.indptr))
        norm = t.k1 * (1 - t.b + t.b * lengths[rows] / average)
        weights = idf[tf.indices] * tf.data * (t.k1 + 1) / (tf.data + norm)
        self.bm25 = sparse.csr_matrix((weights, tf.indices, tf.indptr), shape=(n, size)).tocsc()
        self.terms = list(self.vocabulary)
        # Character trigrams of the vocabulary, for query words the index does not know.
        self.term_grams = CharNgrams((3, 3))
        self.term_matrix = self.term_grams.fit_transform([[t] for t in self.terms]).tocsc()

    # -- querying ------------------------------------------------------------------------

    def query(self, text: str, language: str | None = None) -> Query:
        language = language or guess_language(text)
        tokens = words(text, language)
        if self.tuning.compounds:
            tokens = self.splitter.expand(tokens)
        terms: dict[int, float] = {}
        unknown = []
        for token in dict.fromkeys(tokens):
            if token in self.vocabulary:
                terms[self.vocabulary[token]] = 1.0
            elif len(token) >= 4:
                unknown.append(token)
        if unknown and self.tuning.fuzzy and self.terms:
            for term, weight in self._similar_terms(unknown):
                terms[term] = max(terms.get(term, 0.0), weight)
        return Query(text=text, language=language, terms=terms, chars=self.vectorise([text])[0])

    def vectorise(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """Texts as rows of character n-gram weights, comparable with each other."""
        return self.chars.transform([folded_words(text) for text in texts])

    def _similar_terms(self, unknown: list[str]) -> Iterable[tuple[int, float]]:
        t = self.tuning
        vectors = self.term_grams.transform([[token] for token in unknown])
        for vector in vectors:
            row = cosine_by_column(self.term_matrix, vector)
            best = np.argsort(row)[::-1][: t.fuzzy_terms]
            for term in best:
                if row[term] >= t.fuzzy_similarity:
                    yield int(term), float(row[term])

    def scores(self, query: Query, feedback: Feedback | None = None) -> np.ndarray:
        """The score of every item for the query, in item order."""
        t = self.tuning
        n = len(self.items)
        if not n:
            return np.zeros(0)
        if query.terms:
            ids = np.fromiter(query.terms, dtype=np.int64)
            weights = np.fromiter(query.terms.values(), dtype=np.float32)
            bm25 = np.asarray(self.bm25[:, ids] @ weights).ravel()
        else:
            bm25 = np.zeros(n, dtype=np.float32)
        cosine = cosine_by_column(self.char_matrix, query.chars)
        total = t.words * bm25 / (bm25 + t.bm25_half) + t.chars * cosine
        if feedback is not None:
            total = total + feedback.boost(query)
        return np.where(self.languages == query.language, total, total * t.language_factor)

    def search(
        self,
        text: str,
        *,
        language: str | None = None,
        limit: int = 3,
        feedback: Feedback | None = None,
        minimum: float = 0.0,
    ) -> list[Suggestion]:
        """The best `limit` items for a message, best first, above `minimum`."""
        if not self.items or not text.strip():
            return []
        scores = self.scores(self.query(text, language), feedback)
        count = min(limit, len(scores))
        top = np.argpartition(-scores, count - 1)[:count]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [
            Suggestion(item=self.items[row], score=float(scores[row]), rank=rank)
            for rank, row in enumerate(top, start=1)
            if scores[row] > minimum
        ]


class Feedback:
    """The agents' recorded choices, as vectors in one index's character n-gram space."""

    def __init__(
        self, index: Index, vectors: sparse.csr_matrix | None, chosen: Sequence[str]
    ) -> None:
        self.index = index
        self.vectors = vectors.tocsc() if vectors is not None else None
        self.rows = np.array([index.positions.get(key, -1) for key in chosen], dtype=np.int64)

    @classmethod
    def from_texts(cls, index: Index, records: Sequence[tuple[str, str]]) -> Feedback:
        """From (message text, chosen item key) pairs."""
        if not records:
            return cls(index, None, [])
        vectors = index.vectorise([text for text, _key in records])
        return cls(index, vectors, [key for _text, key in records])

    def __len__(self) -> int:
        return len(self.rows)

    def boost(self, query: Query) -> np.ndarray:
        boost = np.zeros(len(self.index.items), dtype=np.float32)
        if self.vectors is None or not len(self.rows):
            return boost
        t = self.index.tuning
        similarity = cosine_by_column(self.vectors, query.chars)
        near = (similarity >= t.feedback_similarity) & (self.rows >= 0)
        np.add.at(boost, self.rows[near], similarity[near])
        return t.feedback_weight * np.minimum(boost, 1.0)
