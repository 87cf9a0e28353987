"""The triage model: one feature space, one linear softmax head per task, predicted in numpy.

All heads share one weight matrix (features x all classes): a text's scores for every class
of every head are its few hundred non-zero features times their rows of that matrix. Weights
are rounded to float16 as soon as a model is built, the same way they are stored, so a model
in memory and the same model read from its file predict identically.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from .features import FeatureSettings, FeatureSpace
from .text import normalise

TASKS = ("relevance", "sentiment", "kind", "category")


@dataclass(frozen=True)
class HeadSettings:
    """How one task's logistic regression is fitted (chosen by cross-validation, see README)."""

    C: float = 10.0
    balanced: bool = False

    def as_dict(self) -> dict[str, object]:
        return {"C": self.C, "balanced": self.balanced}


DEFAULT_HEADS = {
    "relevance": HeadSettings(C=10.0, balanced=True),
    "sentiment": HeadSettings(C=10.0),
    "kind": HeadSettings(C=10.0),
    "category": HeadSettings(C=10.0),
}


@dataclass(frozen=True)
class Head:
    task: str
    classes: tuple[str, ...]
    start: int  # first column in the shared weight matrix

    @property
    def stop(self) -> int:
        return self.start + len(self.classes)


@dataclass
class TriageModel:
    features: FeatureSpace
    heads: dict[str, Head]
    weights: np.ndarray  # (features, classes of all heads), float16 values
    bias: np.ndarray  # (classes of all heads,), float32 values
    metadata: dict[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.weights = np.asarray(self.weights, dtype=np.float16)
        self.bias = np.asarray(self.bias, dtype=np.float32)
        columns = max((head.stop for head in self.heads.values()), default=0)
        if self.weights.shape != (self.features.size, columns) or self.bias.shape != (columns,):
            raise ValueError(
                f"weights {self.weights.shape} and bias {self.bias.shape} do not fit "
                f"{self.features.size} features and {columns} classes"
            )
        # Computing in float32 from the float16 values: the same numbers whatever the source.
        self._weights = self.weights.astype(np.float32)

    @property
    def version(self) -> str:
        return str(self.metadata.get("version", "unsaved"))

    def probabilities(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """Per task an array (texts x classes) of probabilities; texts are raw, not normalised."""
        scores = np.empty((len(texts), self.bias.size), dtype=np.float32)
        # Row by row, not as one sparse product: no matrix to build, which is most of the
        # cost for the single message the background task hands in.
        for index, text in enumerate(texts):
            columns, weights = self.features.row(normalise(text))
            scores[index] = weights.astype(np.float32) @ np.take(self._weights, columns, axis=0)
        scores += self.bias
        result = {}
        for task, head in self.heads.items():
            logits = scores[:, head.start : head.stop]
            exp = np.exp(logits - logits.max(axis=1, keepdims=True))
            result[task] = exp / exp.sum(axis=1, keepdims=True)
        return result

    def predict(self, texts: Sequence[str]) -> dict[str, list[str]]:
        """The most probable class per task and text."""
        return {
            task: [self.heads[task].classes[i] for i in probs.argmax(axis=1)]
            for task, probs in self.probabilities(texts).items()
        }


def _fit_head(
    matrix: sparse.csr_matrix, labels: Sequence[str], settings: HeadSettings
) -> tuple[tuple[str, ...], np.ndarray, np.ndarray]:
    """Classes, weights (features x classes) and bias of one multinomial logistic regression."""
    from sklearn.linear_model import LogisticRegression

    classes = tuple(sorted(set(labels)))
    if len(classes) == 1:
        # One class seen: it is always the answer (a huge bias on a one-column softmax).
        return classes, np.zeros((matrix.shape[1], 1)), np.zeros(1)
    model = LogisticRegression(
        C=settings.C, max_iter=2000, class_weight="balanced" if settings.balanced else None
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", category=UserWarning)
        model.fit(matrix, list(labels))
    coef, intercept = model.coef_, model.intercept_
    if len(classes) == 2:
        # Binary: sigmoid(z) equals the softmax of (-z/2, z/2).
        coef = np.vstack([-coef[0] / 2, coef[0] / 2])
        intercept = np.array([-intercept[0] / 2, intercept[0] / 2])
    assert tuple(model.classes_) == classes
    return classes, coef.T, intercept


def fit_model(
    texts: Sequence[str],
    labels: dict[str, Sequence[str | None]],
    *,
    feature_settings: FeatureSettings | None = None,
    head_settings: dict[str, HeadSettings] | None = None,
    metadata: dict[str, object] | None = None,
) -> TriageModel:
    """Fit the feature space on all texts and one head per task on the texts labelled for it.

    `labels[task][i]` is the label of `texts[i]` for that task, or None where it is unknown
    (a GermEval post has no kind or category).
    """
    head_settings = {**DEFAULT_HEADS, **(head_settings or {})}
    normalised = [normalise(text) for text in texts]
    space = FeatureSpace.fit(normalised, feature_settings)
    matrix = space.transform(normalised)
    heads: dict[str, Head] = {}
    weights: list[np.ndarray] = []
    biases: list[np.ndarray] = []
    start = 0
    for task in TASKS:
        task_labels = labels.get(task)
        if task_labels is None:
            continue
        rows = [i for i, label in enumerate(task_labels) if label is not None]
        if not rows:
            continue
        settings = head_settings.get(task, HeadSettings())
        classes, coef, intercept = _fit_head(
            matrix[rows], [str(task_labels[i]) for i in rows], settings
        )
        heads[task] = Head(task, classes, start)
        weights.append(coef)
        biases.append(intercept)
        start += len(classes)
    if not heads:
        raise ValueError("no task has any labelled text")
    return TriageModel(
        features=space,
        heads=heads,
        weights=np.hstack(weights),
        bias=np.concatenate(biases),
        metadata={
            **(metadata or {}),
            "heads": {task: head_settings[task].as_dict() for task in heads},
        },
    )
