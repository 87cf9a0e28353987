"""The complaint model: the shipped weights load, a stale file is refused, fitting works."""

from __future__ import annotations

import json
import random

import pytest

from brandwache.listening import complaint_model
from brandwache.listening.complaint_model import FEATURES, WeightsError


def test_the_shipped_weights_fit_the_features_classify_computes() -> None:
    weights = complaint_model.read_weights(complaint_model.WEIGHTS_FILE)
    assert len(weights.coefficients) == len(FEATURES)
    assert 0.3 <= weights.threshold <= 0.7


def test_weights_fitted_on_other_features_are_refused_with_what_to_do(tmp_path) -> None:
    stale = tmp_path / "weights.json"
    stale.write_text(
        json.dumps(
            {"features": ["a", "b"], "coefficients": [1, 2], "intercept": 0, "threshold": 0.5}
        )
    )
    with pytest.raises(WeightsError, match="fit it again"):
        complaint_model.read_weights(stale)


def test_unreadable_weights_say_which_file(tmp_path) -> None:
    with pytest.raises(WeightsError, match="missing.json"):
        complaint_model.read_weights(tmp_path / "missing.json")


def features(**set_to: float) -> list[float]:
    return [set_to.get(name, 0.0) for name in FEATURES]


def test_thanks_without_a_complaints_tone_is_never_a_complaint() -> None:
    thanks = features(
        sentiment_neutral=0.8,
        kind_other=0.8,
        cue_praise=1,
        praise_without_complaint_tone=1,
        rule_verdict=1,
        cue_lasting=1,
    )
    assert complaint_model.thanks_only(thanks)
    assert not complaint_model.complains(thanks)
    sarcasm = features(sentiment_negative=0.7, cue_praise=1, cue_complaint_tone=1, rule_verdict=1)
    assert not complaint_model.thanks_only(sarcasm)
    assert complaint_model.complains(sarcasm)
    # "Danke für die Kaffeemaschine, leider war sie nicht drin 😍": thanks with a "but".
    contrast = features(
        sentiment_positive=0.8,
        kind_praise=0.8,
        cue_praise=1,
        praise_without_complaint_tone=1,
        praise_with_contrast=1,
    )
    assert not complaint_model.thanks_only(contrast)


def test_fitting_finds_the_evidence_and_a_threshold_that_keeps_counts_unbiased() -> None:
    rng = random.Random(3)
    rows, truth, groups = [], [], []
    for index in range(600):
        complaint = rng.random() < 0.4
        negative = rng.random() < (0.8 if complaint else 0.15)
        rows.append(features(sentiment_negative=float(negative), rule_verdict=float(negative)))
        truth.append(complaint)
        groups.append(index % 3)
    weights, figures = complaint_model.fit(rows, truth, groups)
    negative = FEATURES.index("sentiment_negative")
    assert weights.coefficients[negative] > 0
    assert weights.probability(rows[0]) != weights.probability(features())
    predicted = sum(weights.probability(row) >= weights.threshold for row in rows)
    assert figures["posts"] == 600 and figures["complaints"] == sum(truth)
    assert abs(predicted - sum(truth)) < 0.35 * sum(truth)


def test_written_weights_read_back_the_same(tmp_path) -> None:
    weights = complaint_model.Weights(tuple(0.1 * i for i in range(len(FEATURES))), -0.5, 0.42)
    path = tmp_path / "weights.json"
    complaint_model.write_weights(path, weights, {"posts": 3})
    assert complaint_model.read_weights(path) == weights
