"""The word-by-word character n-grams weigh like scikit-learn's char_wb TF-IDF."""

from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from brandwache.answers.ngrams import CharNgrams

DOCUMENTS = [
    "verspaetung entschaedigung fahrpreis verspaetung",
    "gepaeckschein koffer sendung haftung",
    "velotageskarte reservation sommer velo",
]
QUERIES = ["verspaetnug entschaedigugn", "koffer velo neuwort", "zzzz"]


def test_documents_and_queries_get_the_weights_of_char_wb_tfidf():
    ours = CharNgrams((3, 5))
    matrix = ours.fit_transform([d.split() for d in DOCUMENTS])
    reference = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    expected = reference.fit_transform(DOCUMENTS)
    ours_similarity = (matrix @ ours.transform([q.split() for q in QUERIES]).T).toarray()
    expected_similarity = (expected @ reference.transform(QUERIES).T).toarray()
    assert np.allclose(ours_similarity, expected_similarity, atol=1e-5)
    assert np.allclose((matrix @ matrix.T).toarray(), (expected @ expected.T).toarray(), atol=1e-5)


def test_an_empty_knowledge_base_gives_empty_vectors():
    ours = CharNgrams()
    assert ours.fit_transform([]).shape[0] == 0
    assert ours.transform([["velo"]]).nnz == 0
