"""TF-IDF over character n-grams inside words, computed word by word.

The weighting of scikit-learn's `TfidfVectorizer(analyzer="char_wb", sublinear_tf=True)`:
each word padded with a space on both sides, n-grams of every size in the range, term
frequency 1 + log(count), smoothed idf, rows of unit length (words shorter than the
largest n-gram are counted once here, not once per size). But a
word's n-grams are computed once for the whole vocabulary, and a document's counts are
the product of its word counts and the words' n-gram counts, so a knowledge base of
10,000 articles is vectorised in a fraction of the time a per-character pass takes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
from scipy import sparse


def word_ngrams(word: str, sizes: tuple[int, int]) -> Counter[str]:
    padded = f" {word} "
    low, high = sizes
    grams: Counter[str] = Counter()
    for n in range(low, high + 1):
        if len(padded) < n:
            break
        grams.update(padded[i : i + n] for i in range(len(padded) - n + 1))
    return grams


def _word_counts(
    documents: Sequence[Sequence[str]], words: dict[str, int], grow: bool
) -> sparse.csr_matrix:
    indptr, indices, data = [0], [], []
    for document in documents:
        for word, count in Counter(document).items():
            column = words.get(word)
            if column is None:
                if not grow:
                    continue
                column = words[word] = len(words)
            indices.append(column)
            data.append(count)
        indptr.append(len(indices))
    return sparse.csr_matrix(
        (np.array(data, dtype=np.float32), indices, indptr),
        shape=(len(documents), len(words)),
    )


class CharNgrams:
    """Fitted once on the knowledge base; turns word lists into unit-length vectors."""

    def __init__(self, sizes: tuple[int, int] = (3, 5)) -> None:
        self.sizes = sizes
        self.words: dict[str, int] = {}
        self.grams: dict[str, int] = {}
        self.word_grams = sparse.csr_matrix((0, 0), dtype=np.float32)
        self.idf = np.zeros(0, dtype=np.float32)

    @property
    def width(self) -> int:
        return max(len(self.grams), 1)

    def _gram_rows(self, words: Sequence[str]) -> sparse.csr_matrix:
        indptr, indices, data = [0], [], []
        for word in words:
            for gram, count in word_ngrams(word, self.sizes).items():
                column = self.grams.setdefault(gram, len(self.grams))
                indices.append(column)
                data.append(count)
            indptr.append(len(indices))
        return sparse.csr_matrix(
            (np.array(data, dtype=np.float32), indices, indptr),
            shape=(len(words), self.width),
        )

    def fit_transform(self, documents: Sequence[Sequence[str]]) -> sparse.csr_matrix:
        counts_by_word = _word_counts(documents, self.words, grow=True)
        self.word_grams = self._gram_rows(list(self.words))
        counts = (counts_by_word @ self.word_grams).tocsr()
        n = len(documents)
        df = np.bincount(counts.indices, minlength=self.width)
        self.idf = (np.log((1 + n) / (1 + df)) + 1).astype(np.float32)
        return self._weigh(counts)

    def transform(self, documents: Sequence[Sequence[str]]) -> sparse.csr_matrix:
        """Known words through the fitted table, new words n-gram by n-gram."""
        known = _word_counts(documents, self.words, grow=False)
        counts = (known @ self.word_grams).tocsr()
        rows, columns, data = [], [], []
        for row, document in enumerate(documents):
            for word in document:
                if word in self.words:
                    continue
                for gram, count in word_ngrams(word, self.sizes).items():
                    column = self.grams.get(gram)
                    if column is not None:
                        rows.append(row)
                        columns.append(column)
                        data.append(count)
        if data:
            new = sparse.coo_matrix(
                (np.array(data, dtype=np.float32), (rows, columns)), shape=counts.shape
            )
            counts = (counts + new).tocsr()  # duplicates are summed
        return self._weigh(counts)

    def _weigh(self, counts: sparse.csr_matrix) -> sparse.csr_matrix:
        """1 + log(tf), times idf, each row scaled to unit length."""
        weighted = sparse.csr_matrix(counts, dtype=np.float32)
        weighted.sum_duplicates()
        weighted.eliminate_zeros()
        weighted.data = (1 + np.log(weighted.data)) * self.idf[weighted.indices]
        norms = np.sqrt(
            np.bincount(
                np.repeat(np.arange(weighted.shape[0]), np.diff(weighted.indptr)),
                weights=weighted.data.astype(np.float64) ** 2,
                minlength=weighted.shape[0],
            )
        )
        norms[norms == 0] = 1.0
        weighted.data /= np.repeat(norms, np.diff(weighted.indptr)).astype(np.float32)
        return weighted
