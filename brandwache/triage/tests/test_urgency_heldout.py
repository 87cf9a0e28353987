"""Urgency signals on texts written after them, by other hands, without looking at them.

The corpus's urgency column tuned the rules and trains the learnt signals; this set
(`urgency_heldout.tsv`, same format) shows how the shipped detector does on wording it has not
seen. It is never used to choose anything; its figures are in the README.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from brandwache.triage.analysis import SHIPPED_MODEL
from brandwache.triage.dataset import read_corpus, shipped_corpora
from brandwache.triage.evaluation import evaluate_urgency
from brandwache.triage.modelfile import load_urgency
from brandwache.triage.urgency import KINDS

HELD_OUT = Path(__file__).with_name("urgency_heldout.tsv")

# Measured with the shipped model (README), less a small margin: (precision, recall).
FLOORS = {
    "cancellation": (0.77, 0.60),
    "legal": (0.92, 0.78),
    "safety": (0.88, 0.62),
    "public": (0.80, 0.66),
    "storm": (0.85, 0.82),
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


@pytest.fixture(scope="module")
def scores(examples):
    return evaluate_urgency(examples, model=load_urgency(SHIPPED_MODEL))


@pytest.mark.parametrize("kind", KINDS)
def test_the_shipped_detector_stays_above_its_floor(kind, scores):
    score = scores[kind]
    precision, recall = FLOORS[kind]
    # Figures only: the lines themselves are not shown, so nobody tunes on them by accident.
    assert score.precision >= precision, f"{kind} precision {score.precision:.3f}"
    assert score.recall >= recall, f"{kind} recall {score.recall:.3f}"
