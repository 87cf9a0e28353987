"""Urgency rules on texts written after them, by other hands, without looking at them.

The corpus's urgency column tuned the rules; this set (`urgency_heldout.tsv`, same format)
shows how they do on wording they have not seen. Its figures are in the README.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from brandwache.triage.dataset import read_corpus, shipped_corpora
from brandwache.triage.evaluation import evaluate_urgency
from brandwache.triage.urgency import KINDS

HELD_OUT = Path(__file__).with_name("urgency_heldout.tsv")

# Measured, less a small margin: (precision, recall) of the rules.
FLOORS = {
    "cancellation": (0.75, 0.20),
    "legal": (0.80, 0.72),
    "safety": (0.75, 0.23),
    "public": (0.72, 0.62),
    "storm": (0.85, 0.78),
}


@pytest.fixture(scope="module")
def examples():
    return read_corpus(HELD_OUT)


def test_the_held_out_set_is_new_and_covers_every_signal(examples):
    corpus = {example.text for path in shipped_corpora() for example in read_corpus(path)}
    assert len(examples) >= 260
    assert not corpus & {example.text for example in examples}
    for kind in KINDS:
        assert sum(kind in (e.urgency or ()) for e in examples) >= 25


@pytest.mark.parametrize("kind", KINDS)
def test_the_rules_stay_above_their_floor(kind, examples):
    score = evaluate_urgency(examples)[kind]
    precision, recall = FLOORS[kind]
    assert score.precision >= precision, score.misses
    assert score.recall >= recall, score.misses
