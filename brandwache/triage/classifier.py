"""The triage model: word and character n-grams, a linear softmax head per task, and a second
level that combines the heads with hand-made cues; predicted in numpy.

First level: all heads share one weight matrix (features x all classes): a text's scores for
every class of every head are its few hundred non-zero features times their rows of that
matrix. Weights are rounded to float16 as soon as a model is built, the same way they are
stored, so a model in memory and the same model read from its file predict identically.

Second level (`Combiner`, stacking): per task one small softmax over the log-probabilities of
every first-level head and the cues of `cues.py` (length and form of the text, mentions of the
organisation, a tone lexicon). It is fitted on out-of-fold first-level probabilities, so it
learns how far to trust the n-gram heads on texts they have not seen. By cross-validation on
GermEval 2017 dev + test_dia it lifts relevance by about 0.01 and sentiment by 0.005–0.01
(see the README). Models without a second level (format 1) predict with the first alone.
"""

from __future__ import annotations

import random
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from .counting import RowBatch
from .cues import CueSettings, cue_matrix, cue_names
from .features import FeatureSettings, FeatureSpace
from .text import normalise

TASKS = ("relevance", "sentiment", "kind", "category")
# Log-probabilities enter the second level clipped here, so one confident head cannot swamp it.
MIN_LOG_PROBABILITY = float(np.log(1e-4))
# Folds for the out-of-fold first-level probabilities the second level is fitted on.
STACK_FOLDS = 3
# Regularisation of the second level (5-fold cross-validation on GermEval: 0.3 and 1 tie, 0.1
# loses 0.005 of relevance).
COMBINER_C = 1.0
# Below this many labelled texts for some task the second level is left out: too few to fit it.
MIN_STACK_TEXTS = 50


def folds(count: int, size: int, seed: int = 0) -> list[list[int]]:
    """`count` disjoint index lists covering range(size), shuffled with a fixed seed."""
    order = list(range(size))
    random.Random(seed).shuffle(order)  # noqa: S311 (reproducible folds, not secrets)
    return [order[start::count] for start in range(count)]


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
class Combiner:
    """The second level: the first level's log-probabilities of all classes, then the cues,
    times `weights` plus `bias`, then a softmax per head (same column layout as the first)."""

    cue_settings: CueSettings
    weights: np.ndarray  # (classes of all heads + cues, classes of all heads), float32
    bias: np.ndarray  # (classes of all heads,), float32

    def __post_init__(self) -> None:
        self.weights = np.asarray(self.weights, dtype=np.float32)
        self.bias = np.asarray(self.bias, dtype=np.float32)

    def inputs(self, log_probabilities: np.ndarray, normalised: Sequence[str]) -> np.ndarray:
        clipped = np.maximum(log_probabilities, MIN_LOG_PROBABILITY)
        return np.hstack([clipped, cue_matrix(list(normalised), self.cue_settings)])


def _log_softmax(scores: np.ndarray, heads: dict[str, Head]) -> np.ndarray:
    """Per head, the log-probabilities of its classes, in the same columns. The heads lie side
    by side from column 0 (`_fit_heads` lays them out so, `TriageModel` checks), so all heads
    are done at once: a handful of array operations, whatever the number of heads."""
    starts = [head.start for head in heads.values()]
    sizes = [len(head.classes) for head in heads.values()]
    shifted = scores - np.repeat(np.maximum.reduceat(scores, starts, axis=1), sizes, axis=1)
    totals = np.add.reduceat(np.exp(shifted), starts, axis=1)
    return shifted - np.repeat(np.log(totals), sizes, axis=1)


@dataclass
class TriageModel:
    features: FeatureSpace
    heads: dict[str, Head]
    weights: np.ndarray  # (features, classes of all heads), float16 values
    bias: np.ndarray  # (classes of all heads,), float32 values
    metadata: dict[str, object] = field(default_factory=dict)
    combiner: Combiner | None = None

    def __post_init__(self) -> None:
        self.weights = np.asarray(self.weights, dtype=np.float16)
        self.bias = np.asarray(self.bias, dtype=np.float32)
        columns = max((head.stop for head in self.heads.values()), default=0)
        stops = [0, *(head.stop for head in self.heads.values())]
        if any(head.start != stop for head, stop in zip(self.heads.values(), stops, strict=False)):
            raise ValueError("the heads do not lie side by side from the first column")
        if self.weights.shape != (self.features.size, columns) or self.bias.shape != (columns,):
            raise ValueError(
                f"weights {self.weights.shape} and bias {self.bias.shape} do not fit "
                f"{self.features.size} features and {columns} classes"
            )
        if self.combiner is not None:
            inputs = columns + len(cue_names(self.combiner.cue_settings))
            if self.combiner.weights.shape != (inputs, columns) or self.combiner.bias.shape != (
                columns,
            ):
                raise ValueError(
                    f"second-level weights {self.combiner.weights.shape} and bias "
                    f"{self.combiner.bias.shape} do not fit {inputs} inputs and {columns} classes"
                )
        # Computing in float32 from the float16 values: the same numbers whatever the source.
        self._weights = self.weights.astype(np.float32)

    @property
    def version(self) -> str:
        return str(self.metadata.get("version", "unsaved"))

    def first_level_scores(
        self, normalised: Sequence[str], rows: RowBatch | None = None
    ) -> np.ndarray:
        """Scores (texts x classes of all heads) of the first level for normalised texts;
        `rows`: their rows in this model's feature space, when already counted."""
        if rows is None:
            rows = self.features.rows(normalised)
        # No sparse matrix: building one is most of the cost for the single message the
        # background task hands in.
        return rows.dot(self._weights) + self.bias

    def probabilities(
        self,
        texts: Sequence[str],
        *,
        normalised: Sequence[str] | None = None,
        rows: RowBatch | None = None,
    ) -> dict[str, np.ndarray]:
        """Per task an array (texts x classes) of probabilities; texts are raw, not normalised.
        `normalised` and `rows` (the texts normalised, and counted in this model's space) spare
        that work when the caller has done it for other parts too (`analysis.analyse_many`)."""
        if normalised is None:
            normalised = [normalise(text) for text in texts]
        log_probabilities = _log_softmax(self.first_level_scores(normalised, rows), self.heads)
        if self.combiner is not None:
            inputs = self.combiner.inputs(log_probabilities, normalised)
            scores = inputs @ self.combiner.weights + self.combiner.bias
            log_probabilities = _log_softmax(scores, self.heads)
        probabilities = np.exp(log_probabilities)
        return {task: probabilities[:, head.start : head.stop] for task, head in self.heads.items()}

    def predict(self, texts: Sequence[str]) -> dict[str, list[str]]:
        """The most probable class per task and text."""
        return {
            task: [self.heads[task].classes[i] for i in probs.argmax(axis=1)]
            for task, probs in self.probabilities(texts).items()
        }


def _logistic_regression(
    matrix: sparse.csr_matrix | np.ndarray,
    labels: Sequence[str],
    C: float,
    balanced: bool,
    start: tuple[tuple[str, ...], np.ndarray, np.ndarray] | None = None,
) -> tuple[tuple[str, ...], np.ndarray, np.ndarray]:
    """Classes, weights (inputs x classes) and bias of one multinomial logistic regression;
    a binary one as two symmetric columns, so every head is a softmax. `start` (a result of
    this function with the same classes) is where the solver begins: a fold's head starts
    from the final one and converges in a fraction of the iterations."""
    from sklearn.linear_model import LogisticRegression

    classes = tuple(sorted(set(labels)))
    if len(classes) == 1:
        # One class seen: it is always the answer (a huge bias on a one-column softmax).
        return classes, np.zeros((matrix.shape[1], 1)), np.zeros(1)
    model = LogisticRegression(C=C, max_iter=2000, class_weight="balanced" if balanced else None)
    if start is not None and start[0] == classes:
        _classes, start_coef, start_bias = start
        model.warm_start = True
        if len(classes) == 2:  # back from the two symmetric columns to sklearn's one
            model.coef_, model.intercept_ = 2 * start_coef[:, 1:].T, 2 * start_bias[1:]
        else:
            model.coef_, model.intercept_ = start_coef.T.copy(), start_bias.copy()
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


def _labelled(labels: dict[str, Sequence[str | None]]) -> dict[str, list[int]]:
    """Per task, the indices of the texts labelled for it (tasks without any left out)."""
    rows = {
        task: [i for i, label in enumerate(labels.get(task) or []) if label is not None]
        for task in TASKS
    }
    return {task: indices for task, indices in rows.items() if indices}


def _fit_heads(
    matrix: sparse.csr_matrix,
    labels: dict[str, Sequence[str | None]],
    rows: dict[str, list[int]],
    head_settings: dict[str, HeadSettings],
    layout: tuple[dict[str, Head], np.ndarray, np.ndarray] | None = None,
) -> tuple[dict[str, Head], np.ndarray, np.ndarray]:
    """The first level: one head per task on the rows labelled for it. With `layout` (the final
    model's heads, weights and bias), a fold's heads start from the final ones and fill the
    same columns; a class the fold never saw gets a bias that makes it all but impossible."""
    heads: dict[str, Head] = {}
    weights: list[np.ndarray] = []
    biases: list[np.ndarray] = []
    start = 0
    for task, indices in rows.items():
        settings = head_settings.get(task, HeadSettings())
        start_from = None
        if layout is not None:
            final = layout[0][task]
            start_from = (
                final.classes,
                layout[1][:, final.start : final.stop],
                layout[2][final.start : final.stop],
            )
        classes, coef, intercept = _logistic_regression(
            matrix[indices],
            [str(labels[task][i]) for i in indices],
            settings.C,
            settings.balanced,
            start_from,
        )
        if layout is not None:
            target = layout[0][task].classes
            full_coef = np.zeros((matrix.shape[1], len(target)))
            full_bias = np.full(len(target), -30.0)
            for column, name in enumerate(classes):
                full_coef[:, target.index(name)] = coef[:, column]
                full_bias[target.index(name)] = intercept[column]
            classes, coef, intercept = target, full_coef, full_bias
        heads[task] = Head(task, classes, start)
        weights.append(coef)
        biases.append(intercept)
        start += len(classes)
    return heads, np.hstack(weights), np.concatenate(biases)


def _fit_combiner(
    matrix: sparse.csr_matrix,
    normalised: Sequence[str],
    labels: dict[str, Sequence[str | None]],
    rows: dict[str, list[int]],
    head_settings: dict[str, HeadSettings],
    first_level: tuple[dict[str, Head], np.ndarray, np.ndarray],
    cue_settings: CueSettings,
) -> Combiner:
    """The second level, fitted on out-of-fold first-level log-probabilities and the cues."""
    heads = first_level[0]
    columns = max(head.stop for head in heads.values())
    out_of_fold = np.zeros((len(normalised), columns), dtype=np.float32)
    for held_out in folds(STACK_FOLDS, len(normalised), seed=1):
        held = set(held_out)
        fold_rows = {t: [i for i in indices if i not in held] for t, indices in rows.items()}
        _heads, weights, bias = _fit_heads(matrix, labels, fold_rows, head_settings, first_level)
        scores = np.asarray(matrix[held_out] @ weights.astype(np.float16).astype(np.float32))
        out_of_fold[held_out] = _log_softmax(scores + bias, heads)
    combiner = Combiner(cue_settings, np.zeros((0, columns)), np.zeros(columns))
    inputs = combiner.inputs(out_of_fold, normalised)
    weights = np.zeros((inputs.shape[1], columns), dtype=np.float32)
    bias = np.zeros(columns, dtype=np.float32)
    for task, head in heads.items():
        indices = rows[task]
        classes, coef, intercept = _logistic_regression(
            inputs[indices], [str(labels[task][i]) for i in indices], COMBINER_C, False
        )
        assert classes == head.classes
        weights[:, head.start : head.stop] = coef
        bias[head.start : head.stop] = intercept
    return Combiner(cue_settings, weights, bias)


def fit_model(
    texts: Sequence[str],
    labels: dict[str, Sequence[str | None]],
    *,
    feature_settings: FeatureSettings | None = None,
    head_settings: dict[str, HeadSettings] | None = None,
    metadata: dict[str, object] | None = None,
    stacked: bool = True,
    cue_settings: CueSettings | None = None,
) -> TriageModel:
    """Fit the feature space on all texts and one head per task on the texts labelled for it,
    then (`stacked`) the second level on out-of-fold probabilities of those heads.

    `labels[task][i]` is the label of `texts[i]` for that task, or None where it is unknown
    (a GermEval post has no kind or category). `stacked=False` is the first level alone, the
    method before the second level existed (kept for comparison); it is also what a model gets
    when some task has fewer than `MIN_STACK_TEXTS` labelled texts.
    """
    head_settings = {**DEFAULT_HEADS, **(head_settings or {})}
    normalised = [normalise(text) for text in texts]
    space = FeatureSpace.fit(normalised, feature_settings)
    matrix = space.transform(normalised)
    rows = _labelled(labels)
    if not rows:
        raise ValueError("no task has any labelled text")
    heads, weights, bias = _fit_heads(matrix, labels, rows, head_settings)
    combiner = None
    if stacked and min(len(indices) for indices in rows.values()) >= MIN_STACK_TEXTS:
        cue_settings = cue_settings or CueSettings()
        combiner = _fit_combiner(
            matrix, normalised, labels, rows, head_settings, (heads, weights, bias), cue_settings
        )
    return TriageModel(
        features=space,
        heads=heads,
        weights=weights,
        bias=bias,
        metadata={
            **(metadata or {}),
            "heads": {task: head_settings[task].as_dict() for task in heads},
            "second_level": combiner is not None,
        },
        combiner=combiner,
    )
