"""Urgency signals on texts written after the rules, by other hands, without looking at them.

The corpus's urgency column tuned the rules and taught the model's urgency heads; this set
(`urgency_heldout.tsv`, same format) shows how both do on wording they have not seen.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from brandwache.triage.analysis import analyse_many
from brandwache.triage.dataset import read_corpus, shipped_corpora
from brandwache.triage.evaluation import evaluate_urgency
from brandwache.triage.urgency import KINDS

HELD_OUT = Path(__file__).with_name("urgency_heldout.tsv")

# Measured with the shipped model, less a small margin: (precision, recall) of rules + model.
FLOORS = {
    "cancellation": (0.75, 0.25),
    "legal": (0.78, 0.75),
    "safety": (0.80, 0.30),
    "public": (0.70, 0.62),
    "storm": (0.85, 0.78),
}


@pytest.fixture(scope="module")
def examples():
    return read_corpus(HELD_OUT)


@pytest.fixture(scope="module")
def scores(examples):
    rules = evaluate_urgency(examples)
    combined = evaluate_urgency(
        examples, detect=lambda texts: [a.urgency for a in analyse_many(texts)]
    )
    return rules, combined


def test_the_held_out_set_is_new_and_covers_every_signal(examples):
    corpus = {example.text for path in shipped_corpora() for example in read_corpus(path)}
    assert len(examples) >= 260
    assert not corpus & {example.text for example in examples}
    for kind in KINDS:
        assert sum(kind in (e.urgency or ()) for e in examples) >= 25


@pytest.mark.parametrize("kind", KINDS)
def test_rules_and_model_stay_above_their_floor(kind, scores):
    _rules, combined = scores
    precision, recall = FLOORS[kind]
    assert combined[kind].precision >= precision, combined[kind].misses
    assert combined[kind].recall >= recall, combined[kind].misses


@pytest.mark.parametrize("kind", KINDS)
def test_the_model_only_adds_signals_to_the_rules(kind, scores):
    rules, combined = scores
    assert combined[kind].true_positives >= rules[kind].true_positives
    assert combined[kind].labelled == rules[kind].labelled
