"""Scores: GermEval 2017 micro-F1 for relevance and sentiment, urgency signals per signal.

Personal-data detection has its own evaluation in `brandwache.privacy.evaluation`; the
`evaluate pii` command only calls it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from brandwache.scoring import Score, score_table

from .classifier import TriageModel
from .cues import CueSettings
from .dataset import Example
from .germeval import read_germeval
from .training import fit, folds
from .urgency import KINDS, find_urgency
from .urgency_model import UrgencyModel

GERMEVAL_TASKS = ("relevance", "sentiment")
# GermEval's relevance is "feedback about Deutsche Bahn": the organisation a model trained on it
# looks out for, as a user would name their own when training (`train --brand`), with the words
# of its field and the other operators and senses of "Bahn" it is not (the context cues).
RAIL_WORDS = (
    "zug", "zuege*", "ice", "ic", "ec", "bahnhof*", "hbf", "gleis*", "fahrkarte*", "ticket*",
    "schaffner*", "zugbegleiter*", "verspaet*", "bahncard*", "s-bahn*", "regionalbahn*",
    "regionalexpress", "fernverkehr*", "nahverkehr*", "stellwerk*", "lokfuehrer*", "gdl", "evg",
    "streik*", "pendler*", "bahnsteig*", "waggon*", "abteil*", "bordbistro", "sitzplatz*",
    "reservierung*", "anschluss*", "umsteig*", "fahrplan*", "zugausfall*", "weiche*",
    "oberleitung*", "bahnstrecke*", "strecke*",
)  # fmt: skip
NOT_DEUTSCHE_BAHN = (
    "sbb", "oebb", "bvg", "mvg", "kvb", "hvv", "vrr", "evag", "wiener linien", "flixbus",
    "lufthansa", "tram", "trams", "strassenbahn*", "u-bahn*", "achterbahn*", "laufbahn*",
    "autobahn*", "rennbahn*", "umlaufbahn*", "eisbahn*", "bobbahn*", "kegelbahn*", "startbahn*",
    "landebahn*",
)  # fmt: skip
GERMEVAL_CUES = CueSettings(
    brand_terms=("Deutsche Bahn", "Bahn", "DB"),
    context_terms=RAIL_WORDS,
    other_terms=NOT_DEUTSCHE_BAHN,
)


def micro_f1(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """Micro-averaged F1 over the classes; with one label per document it equals accuracy."""
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted labels differ in number")
    if not gold:
        return 0.0
    true_positives = sum(g == p for g, p in zip(gold, predicted, strict=True))
    # Every document has one gold and one predicted label: each error is one false positive
    # and one false negative, so precision = recall = F1.
    false_positives = false_negatives = len(gold) - true_positives
    precision = true_positives / (true_positives + false_positives)
    recall = true_positives / (true_positives + false_negatives)
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


def majority_f1(gold: Sequence[str]) -> float:
    return Counter(gold).most_common(1)[0][1] / len(gold) if gold else 0.0


@dataclass(frozen=True)
class GermEvalResult:
    documents: int
    scores: dict[str, float]
    baselines: dict[str, float]
    how: str

    def lines(self) -> list[str]:
        lines = [f"{task} micro-F1: {self.scores[task]:.3f}" for task in GERMEVAL_TASKS]
        lines.append(
            f"({self.documents} documents; {self.how}; majority baseline "
            + ", ".join(f"{task} {self.baselines[task]:.3f}" for task in GERMEVAL_TASKS)
            + ")"
        )
        return lines


def _score(examples: Sequence[Example], predicted: dict[str, list[str]]) -> dict[str, float]:
    scores = {}
    for task in GERMEVAL_TASKS:
        if task not in predicted:
            raise ValueError(f"the model has no {task} classifier")
        scores[task] = micro_f1([e.labels[task] for e in examples], predicted[task])
    return scores


def _baselines(examples: Sequence[Example]) -> dict[str, float]:
    return {task: majority_f1([e.labels[task] for e in examples]) for task in GERMEVAL_TASKS}


def evaluate_germeval(
    test_file: Path,
    *,
    model: TriageModel | None = None,
    train_files: Sequence[Path] = (),
    k: int | None = None,
    also: Sequence[Path] = (),
    baseline: bool = False,
) -> GermEvalResult:
    """Score on a GermEval file: the given model, one trained on `train_files`, or with `k`
    folds one trained on the other folds of the file itself (plus the training files).

    `also` pools more files with the test file before the folds are drawn (cross-validation
    over several periods); `baseline` trains with the first level alone, the method before
    the second level and its cues."""
    if also and not k:
        raise ValueError("pooling files (also) needs a number of folds")
    test = [example for path in (test_file, *also) for example in read_germeval(path)]
    training = [example for path in train_files for example in read_germeval(path)]
    options: dict[str, object] = {"stacked": False} if baseline else {"cue_settings": GERMEVAL_CUES}
    if k:
        predicted: dict[str, list[str]] = {task: [""] * len(test) for task in GERMEVAL_TASKS}
        for held_out in folds(k, len(test)):
            held = set(held_out)
            fold_training = [e for i, e in enumerate(test) if i not in held] + training
            fold_model = fit(fold_training, **options)
            fold_predictions = fold_model.predict([test[i].text for i in held_out])
            for task in GERMEVAL_TASKS:
                for index, value in zip(held_out, fold_predictions[task], strict=True):
                    predicted[task][index] = value
        how = f"{k}-fold cross-validation on the file"
        if also:
            how = f"{k}-fold cross-validation on {1 + len(also)} files pooled"
        if train_files:
            how += " with the training files added to each fold"
    elif training:
        model = fit(training, **options)
        how = f"model trained on {len(training)} documents of the training files"
        predicted = model.predict([e.text for e in test])
    else:
        if model is None:
            raise ValueError("give a model, training files or a number of folds")
        how = f"model {model.version}" if "version" in model.metadata else "this model"
        predicted = model.predict([e.text for e in test])
    if baseline and (k or training):
        how += "; first level only (baseline method)"
    return GermEvalResult(len(test), _score(test, predicted), _baselines(test), how)


def evaluate_urgency(
    examples: Sequence[Example],
    misses: list[str] | None = None,
    model: UrgencyModel | None = None,
) -> dict[str, Score]:
    """Precision and recall of each urgency signal against the examples' urgency labels: the
    model's learnt signals and the rules for the rest, or the rules alone without a model."""
    scores = {kind: Score() for kind in KINDS}
    for example in examples:
        if example.urgency is None:
            continue
        found = {signal.kind: signal.evidence for signal in find_urgency(example.text, model)}
        for kind in KINDS:
            scores[kind].count(
                found=kind in found,
                wanted=kind in example.urgency,
                extra=f"{kind} extra ({found.get(kind)}): {example.text[:160]!r}",
                missed=f"{kind} missed: {example.text[:160]!r}",
            )
    if misses is not None:
        misses.extend(miss for score in scores.values() for miss in score.misses)
    return scores


def urgency_report(scores: dict[str, Score]) -> str:
    return score_table(scores, "signal")
