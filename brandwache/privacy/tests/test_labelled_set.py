"""Precision and recall per kind on the labelled sentences may only go up."""

from __future__ import annotations

import pytest

from brandwache.privacy.evaluation import evaluate, load_examples
from brandwache.privacy.spans import Kind

# Measured on the labelled set, less a small margin so a new sentence doesn't fail the build.
FLOORS: dict[Kind, tuple[float, float]] = {
    Kind.EMAIL: (0.97, 0.97),
    Kind.PHONE: (0.95, 0.95),
    Kind.IBAN: (0.97, 0.97),
    Kind.CARD: (0.95, 0.95),
    Kind.ADDRESS: (0.92, 0.94),
    Kind.CUSTOMER_NUMBER: (0.95, 0.93),
    Kind.BIRTH_DATE: (0.95, 0.95),
    Kind.PLATE: (0.95, 0.95),
    Kind.NAME: (0.97, 0.95),
}


@pytest.fixture(scope="module")
def scores():
    return evaluate(load_examples())


def test_the_labelled_set_is_well_formed() -> None:
    examples = load_examples()
    assert len(examples) >= 300
    assert {e.language for e in examples} == {"de", "en"}
    for example in examples:
        for start, end, _kind in example.spans:
            assert 0 <= start < end <= len(example.text)
            assert example.text[start:end].strip() == example.text[start:end]
    assert {kind for e in examples for *_, kind in e.spans} == set(Kind)


@pytest.mark.parametrize("kind", list(Kind))
def test_precision_and_recall_stay_above_their_floor(kind: Kind, scores) -> None:
    precision, recall = FLOORS[kind]
    score = scores[kind]
    assert score.precision >= precision, score.misses
    assert score.recall >= recall, score.misses
