"""Whether a post about an organisation complains: the last word of `classify.py`.

The rule of `classify.py` (triage sentiment and kind, tone cues, the thread, failure cues
when addressed) errs one way: it misses more complaints than it invents (sarcasm, a
complaint told as a plain report), so an organisation's complaint counts came out low.
A logistic regression over that verdict and the evidence behind it (the triage labels
with their confidence, each cue group, question form, thread) weighs them against
labelled posts instead of by hand; its threshold is set where the predicted number of
complaints matches the true number in cross-validation, so counts are not biased.

The weights are shipped in `shipped/complaint_weights.json` and fitted with

    python bench/listening/fit_complaint.py

on the tuning sets under `bench/listening/` (never the held-out ones).
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

WEIGHTS_FILE = Path(__file__).parent / "shipped" / "complaint_weights.json"
FEATURES = (
    "sentiment_negative",
    "sentiment_neutral",
    "sentiment_positive",
    "kind_complaint",
    "kind_question",
    "kind_praise",
    "kind_other",
    "relevance_relevant",
    "relevance_irrelevant",
    "cue_complaint_tone",
    "cue_praise",
    "cue_lasting",
    "cue_failure_question",
    "cue_negated_service",
    "cue_problem_noun",
    "praise_without_complaint_tone",
    "praise_with_contrast",
    "question_form",
    "question_mark",
    "is_reply",
    "rule_verdict",
    "parent_complains",
)
REGULARISATION = 1.0  # sklearn's C: the features are few and on one scale
PRAISE_CONFIDENCE = 0.6
THRESHOLDS = tuple(round(0.30 + 0.01 * step, 2) for step in range(41))  # 0.30-0.70


class WeightsError(Exception):
    pass


@dataclass(frozen=True)
class Weights:
    coefficients: tuple[float, ...]
    intercept: float
    threshold: float

    def probability(self, features: Sequence[float]) -> float:
        pairs = zip(self.coefficients, features, strict=True)
        score = self.intercept + sum(weight * value for weight, value in pairs)
        return 1.0 / (1.0 + math.exp(-score))


@functools.cache
def shipped() -> Weights:
    return read_weights(WEIGHTS_FILE)


def read_weights(path: Path) -> Weights:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise WeightsError(f"Cannot read the complaint weights {path}: {error}") from None
    if tuple(data.get("features", ())) != FEATURES:
        raise WeightsError(
            f"{path} was fitted on other features; fit it again (bench/listening/fit_complaint.py)"
        )
    return Weights(tuple(data["coefficients"]), data["intercept"], data["threshold"])


def complains(features: Sequence[float]) -> bool:
    if thanks_only(features):
        return False
    weights = shipped()
    return weights.probability(features) >= weights.threshold


def thanks_only(features: Sequence[float]) -> bool:
    """Praise the triage model is sure of, with thanks and no complaint's tone: never a
    complaint, however it is addressed (the regression, linear, would let a handle and a
    word such as "endlich" outweigh it)."""
    value = dict(zip(FEATURES, features, strict=True))
    return (
        value["praise_without_complaint_tone"] > 0
        and value["praise_with_contrast"] == 0
        and value["sentiment_negative"] == 0
        and value["kind_complaint"] == 0
    )


def fit(
    features: Sequence[Sequence[float]], complaint: Sequence[bool], groups: Sequence[int]
) -> tuple[Weights, dict[str, Any]]:
    """Weights fitted on all posts, the threshold chosen on cross-validated probabilities
    (one fold per group, e.g. per file: other writers) where the predicted number of
    complaints comes closest to the true one; with the cross-validated figures."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold, cross_val_predict

    x, y = np.asarray(features, dtype=float), np.asarray(complaint, dtype=bool)
    model = LogisticRegression(C=REGULARISATION, max_iter=5000)
    folds = GroupKFold(n_splits=len(set(groups)))
    held = cross_val_predict(model, x, y, cv=folds, groups=groups, method="predict_proba")[:, 1]
    threshold = min(THRESHOLDS, key=lambda t: (abs(int((held >= t).sum()) - int(y.sum())), t))
    predicted = held >= threshold
    hits = int((predicted & y).sum())
    figures = {
        "posts": len(y),
        "complaints": int(y.sum()),
        "threshold": threshold,
        "cross_validated_precision": round(hits / max(int(predicted.sum()), 1), 3),
        "cross_validated_recall": round(hits / max(int(y.sum()), 1), 3),
        "cross_validated_accuracy": round(float((predicted == y).mean()), 3),
    }
    model.fit(x, y)
    weights = Weights(
        tuple(round(float(value), 6) for value in model.coef_[0]),
        round(float(model.intercept_[0]), 6),
        threshold,
    )
    return weights, figures


def write_weights(path: Path, weights: Weights, figures: dict[str, Any]) -> None:
    data = {
        "features": list(FEATURES),
        "coefficients": list(weights.coefficients),
        "intercept": weights.intercept,
        "threshold": weights.threshold,
        "fitted": figures,
    }
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
