"""Counting once for several feature spaces gives each exactly the rows it would count alone."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.feature_extraction.text import CountVectorizer

from brandwache.triage.classifier import Head, _log_softmax
from brandwache.triage.counting import RowBatch, SharedCounting
from brandwache.triage.features import FeatureSettings, FeatureSpace, _counter
from brandwache.triage.text import normalise, replace_letters
from brandwache.triage.urgency import find_urgency, find_urgency_many

TEXTS = [
    "Grüezi, min Zug nach Bern isch scho wieder 20 Minute z'spät!!",
    "Die Rechnung wurde doppelt abgebucht, bitte um Rückzahlung.",
    "Servus, des Packerl is no ned do, wo bleibt's denn?",
    "@Alpenbahn danke für die schnelle Hilfe heute früh 👍",
    "i want to cancel my contract, been waiting 3 weeks for a reply",
    "Ordered a kettle, it arrived with a cracked lid. Not impressed tbh 😡",
    "wheres my parcel??? tracking says delivered but nothing at the door",
    "Top Service, der Techniker war pünktlich und sehr freundlich.",
    "Sehr geehrte Damen und Herren, ich kündige hiermit mein Abo per Ende Monat.",
    "grand job lads, the new app is class",
    "Kabel am Ladegerät hat gefunkt und ist geschmolzen, Kind hat sich erschrocken",
    "Straße gesperrt, Umleitung über Maßbach, Öffnungszeiten unverändert.",
]
# Texts the spaces were not fitted on: unknown words, only unknown words, nothing at all.
OTHER_TEXTS = [
    "Der Kundendienst hat mich dreimal weiterverbunden und dann aufgelegt.",
    "qqqq zzzz",
    "",
    "the lift at platform 4 has been out of order since monday",
]


def _spaces(settings: FeatureSettings | None = None) -> tuple[FeatureSpace, FeatureSpace]:
    texts = [normalise(text) for text in TEXTS]
    settings = settings or FeatureSettings(min_df=1)
    # Two spaces with vocabularies that overlap only in part.
    return FeatureSpace.fit(texts[:8], settings), FeatureSpace.fit(texts[5:], settings)


def _sklearn_tf_idf(space: FeatureSpace, texts: list[str]) -> np.ndarray:
    """The rows as sklearn counts them, weighted here: sublinear tf, idf, L2 per block."""
    blocks = []
    for name in FeatureSpace.BLOCKS:
        block = space.blocks[name]
        counter: CountVectorizer = _counter(name, space.settings, vocabulary=block.vocabulary)
        counts = counter.transform(texts).toarray().astype(np.float64)
        values = np.where(counts > 0, 1.0 + np.log(np.maximum(counts, 1.0)), 0.0) * block.idf
        norms = np.linalg.norm(values, axis=1, keepdims=True)
        blocks.append(np.divide(values, norms, out=np.zeros_like(values), where=norms > 0))
    return np.hstack(blocks)


def _dense(batch: RowBatch, size: int) -> np.ndarray:
    result = np.zeros((len(batch), size))
    for index in range(len(batch)):
        columns, values = batch[index]
        assert len(set(columns.tolist())) == len(columns)
        result[index, columns] = values
    return result


def test_rows_are_the_tf_idf_of_sklearns_counts():
    texts = [normalise(text) for text in TEXTS + OTHER_TEXTS]
    for space in _spaces():
        expected = _sklearn_tf_idf(space, texts)
        assert np.allclose(_dense(space.rows(texts), space.size), expected, rtol=1e-12, atol=0)


def test_one_count_gives_each_space_exactly_its_own_rows():
    texts = [normalise(text) for text in TEXTS + OTHER_TEXTS]
    first, second = _spaces()
    assert set(first.blocks["char"].terms) != set(second.blocks["char"].terms)
    shared = SharedCounting([first, second]).rows_many(texts)
    for space, batch in zip((first, second), shared, strict=True):
        alone = space.rows(texts)
        for index in range(len(texts)):
            assert np.array_equal(batch[index][0], alone[index][0])
            assert np.array_equal(batch[index][1], alone[index][1])
            assert np.array_equal(batch[index][0], space.row(texts[index])[0])


def test_words_counted_before_are_counted_the_same_again():
    texts = [normalise(text) for text in TEXTS + OTHER_TEXTS]
    space, _other = _spaces()
    cold = [space.row(text) for text in texts]  # each word's n-grams looked up, then kept
    warm = space.rows(texts)
    fresh, _other = _spaces()
    for index, text in enumerate(texts):
        for columns, values in (warm[index], space.row(text), fresh.row(text)):
            assert np.array_equal(columns, cold[index][0])
            assert np.array_equal(values, cold[index][1])


@pytest.mark.parametrize("ngrams", [(1, 1), (1, 2), (1, 3), (2, 3)])
def test_word_ngrams_are_those_of_sklearns_analyser(ngrams):
    settings = FeatureSettings(word_ngrams=ngrams, min_df=1)
    space, _other = _spaces(settings)
    analyser = _counter("word", settings).build_analyzer()
    for text in TEXTS + OTHER_TEXTS:
        text = normalise(text)
        assert space.counting._word_grams(text) == analyser(text)


def test_spaces_with_different_ngrams_count_on_their_own():
    first, _second = _spaces()
    other = FeatureSpace.fit(
        [normalise(text) for text in TEXTS], FeatureSettings(char_ngrams=(3, 5), min_df=1)
    )
    assert SharedCounting.of(first, other) is None
    assert SharedCounting.of(first, None) is not None


def test_a_batch_product_equals_one_text_at_a_time():
    space, _other = _spaces()
    weights = np.random.default_rng(3).normal(size=(space.size, 5)).astype(np.float32)
    # Texts without any known term at the start, in the middle and at the end.
    texts = [normalise(text) for text in ["", *TEXTS[:3], "qqqq", *TEXTS[3:], ""]]
    batch = space.rows(texts)
    totals = batch.dot(weights)
    assert totals.shape == (len(texts), 5)
    for index, text in enumerate(texts):
        columns, values = space.row(text)
        expected = values.astype(np.float32) @ weights[columns]
        assert np.allclose(totals[index], expected, rtol=1e-5, atol=1e-6)
    assert not totals[0].any() and not totals[-1].any()
    assert space.rows(["", "qqqq"]).dot(weights).shape == (2, 5)
    assert space.rows([]).dot(weights).shape == (0, 5)


def test_all_heads_log_softmax_at_once_equals_head_by_head():
    heads = {
        "relevance": Head("relevance", ("irrelevant", "relevant"), 0),
        "sentiment": Head("sentiment", ("negative", "neutral", "positive"), 2),
        "category": Head("category", ("a", "b", "c", "d", "e"), 5),
    }
    scores = np.random.default_rng(5).normal(scale=8, size=(7, 10)).astype(np.float32)
    result = _log_softmax(scores, heads)
    for head in heads.values():
        logits = scores[:, head.start : head.stop].astype(np.float64)
        expected = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
        assert np.allclose(result[:, head.start : head.stop], expected, atol=1e-5)
        assert np.allclose(np.exp(result[:, head.start : head.stop]).sum(axis=1), 1, atol=1e-5)


def test_letters_are_replaced_as_a_translation_table_would():
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
    for text in TEXTS:
        lowered = text.lower()
        assert replace_letters(lowered, {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}) == (
            lowered.translate(table)
        )


def test_urgency_of_a_batch_equals_one_text_at_a_time():
    from brandwache.triage.analysis import SHIPPED_MODEL
    from brandwache.triage.modelfile import load_urgency

    model = load_urgency(SHIPPED_MODEL)
    texts = TEXTS + OTHER_TEXTS
    assert find_urgency_many(texts, model) == [find_urgency(text, model) for text in texts]
    assert find_urgency_many(texts) == [find_urgency(text) for text in texts]


def test_a_model_whose_heads_do_not_lie_side_by_side_is_refused():
    from brandwache.triage.classifier import TriageModel

    space, _other = _spaces()
    gap = {
        "relevance": Head("relevance", ("irrelevant", "relevant"), 0),
        "sentiment": Head("sentiment", ("negative", "neutral", "positive"), 3),
    }
    with pytest.raises(ValueError, match="side by side"):
        TriageModel(space, gap, np.zeros((space.size, 6)), np.zeros(6))
    side_by_side = {**gap, "sentiment": Head("sentiment", ("negative", "neutral", "positive"), 2)}
    TriageModel(space, side_by_side, np.zeros((space.size, 5)), np.zeros(5))
