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
HELD_OUT_B = Path(__file__).with_name("urgency_heldout_b.tsv")

# Measured with the shipped model (README), less a small margin: (precision, recall). On A,
# cancellation fell from 0.82 / 0.66 to 0.74 / 0.49 when `corpus_urgency_b.tsv` and
# `corpus_public.tsv` came in and rose to 0.79 / 0.66 with `corpus_urgency_c.tsv`; nothing was
# chosen on either set.
FLOORS = {
    "cancellation": (0.75, 0.60),
    "legal": (0.90, 0.85),
    "safety": (0.92, 0.75),
    "public": (0.88, 0.72),
    "storm": (0.85, 0.82),
}
# B labels storm only where many people's outrage is meant (README), so the rules find little.
FLOORS_B = {
    "cancellation": (0.88, 0.78),
    "legal": (0.95, 0.84),
    "safety": (0.89, 0.84),
    "public": (0.77, 0.79),
    "storm": (0.75, 0.15),
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


def test_the_second_held_out_set_is_new_too():
    corpus = {example.text for path in shipped_corpora() for example in read_corpus(path)}
    examples = read_corpus(HELD_OUT_B)
    assert len(examples) >= 600
    assert not corpus & {example.text for example in examples}


@pytest.fixture(scope="module")
def detector():
    return load_urgency(SHIPPED_MODEL)


@pytest.mark.parametrize(("path", "floors"), [(HELD_OUT, FLOORS), (HELD_OUT_B, FLOORS_B)])
def test_the_shipped_detector_stays_above_its_floors(path, floors, detector):
    scores = evaluate_urgency(read_corpus(path), model=detector)
    # Figures only: the lines themselves are not shown, so nobody tunes on them by accident.
    low = {
        kind: f"{scores[kind].precision:.3f} / {scores[kind].recall:.3f}"
        for kind, (precision, recall) in floors.items()
        if scores[kind].precision < precision or scores[kind].recall < recall
    }
    assert not low, f"{path.name}: below the floor: {low}"
