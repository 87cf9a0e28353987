"""The triage API: what a message is about, how it sounds, what it is, and how urgent.

    analyse(text, subject="") -> Analysis        one message
    analyse_many(texts) -> list[Analysis]       a batch, one matrix product for all texts
    current_model() -> TriageModel              loaded once per process (and per setting)

The model comes from the folder in the setting `BRANDWACHE_TRIAGE_MODEL`, or the one shipped
with Brandwache when that is empty. Language needs no model; urgency uses the model's learnt
signals when it has them, else the rules alone.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from django.conf import settings

from .classifier import TriageModel
from .counting import SharedCounting
from .language import detect_language
from .modelfile import load_model, load_urgency
from .text import join_subject, normalise
from .urgency import find_urgency_many
from .urgency_model import UrgencyModel
from .values import Label, UrgencySignal

__all__ = [
    "Analysis",
    "Label",
    "UrgencySignal",
    "analyse",
    "analyse_many",
    "current_model",
]

SHIPPED_MODEL = Path(__file__).parent / "shipped" / "default"
# A category below this probability is not worth suggesting.
MIN_CATEGORY_CONFIDENCE = 0.35
# What a model without a head for a task answers, with confidence 0.
FALLBACK = {"relevance": "relevant", "sentiment": "neutral", "kind": "other"}


@dataclass(frozen=True)
class Analysis:
    language: Label  # de/en/fr/it, or "und" when unsure
    relevance: Label  # relevant / irrelevant
    sentiment: Label  # negative / neutral / positive
    kind: Label  # complaint / question / praise / other
    category: Label | None  # one of the configured categories, None if unsure
    urgency: tuple[UrgencySignal, ...]
    model_version: str

    def as_dict(self) -> dict[str, object]:
        """JSON-ready, for storing."""
        return asdict(self) | {"urgency": [asdict(signal) for signal in self.urgency]}


_lock = threading.Lock()
_loaded: dict[str, TriageModel] = {}
_urgency_loaded: dict[str, UrgencyModel | None] = {}
# The models a counting was built for, and that counting.
_counting: tuple[TriageModel, UrgencyModel | None, SharedCounting | None] | None = None


def model_path() -> Path:
    configured = settings.BRANDWACHE_TRIAGE_MODEL
    return Path(configured) if configured else SHIPPED_MODEL


def current_model() -> TriageModel:
    """The configured model, loaded on first use and kept for the life of the process."""
    key = str(model_path())
    model = _loaded.get(key)
    if model is None:
        with _lock:
            model = _loaded.get(key)
            if model is None:
                model = load_model(Path(key))
                _loaded.clear()
                _loaded[key] = model
    return model


def current_urgency_model() -> UrgencyModel | None:
    """The configured model's learnt urgency signals (None: it has none), loaded once."""
    key = str(model_path())
    if key not in _urgency_loaded:
        with _lock:
            if key not in _urgency_loaded:
                loaded = load_urgency(Path(key))
                _urgency_loaded.clear()
                _urgency_loaded[key] = loaded
    return _urgency_loaded[key]


def current_counting() -> SharedCounting | None:
    """One counting of each text for the classifiers and the learnt urgency signals (None when
    their n-gram settings differ: each then counts on its own), built once per model."""
    global _counting
    model, urgency_model = current_model(), current_urgency_model()
    built = _counting
    if built is None or built[0] is not model or built[1] is not urgency_model:
        with _lock:
            built = _counting
            if built is None or built[0] is not model or built[1] is not urgency_model:
                counting = (
                    SharedCounting.of(model.features, urgency_model.features)
                    if urgency_model is not None
                    else model.features.counting
                )
                built = _counting = (model, urgency_model, counting)
    return built[2]


def analyse(text: str, *, subject: str = "") -> Analysis:
    """The analysis of one message (subject and body read as one text)."""
    return analyse_many([join_subject(text, subject)])[0]


def analyse_many(texts: Sequence[str]) -> list[Analysis]:
    """Analyses in the order of `texts`; the classifiers run once over the whole batch."""
    if not texts:
        return []
    model = current_model()
    urgency_model = current_urgency_model()
    counting = current_counting()
    normalised = [normalise(text) for text in texts]
    # Counted once for both parts when they can share it; else each counts for itself.
    rows = counting.rows_many(normalised) if counting is not None else [None, None]
    probabilities = model.probabilities(texts, normalised=normalised, rows=rows[0])
    urgency = find_urgency_many(texts, urgency_model, rows[1] if urgency_model else None)
    allowed = configured_categories()
    results = []
    for row, text in enumerate(texts):
        labels = {
            task: _best(model, task, probabilities[task][row])
            if task in probabilities
            else Label(value, 0.0)
            for task, value in FALLBACK.items()
        }
        # Categories are learnt on relevant texts; an irrelevant one gets none.
        category = (
            _category(model, probabilities["category"][row], allowed)
            if "category" in probabilities and labels["relevance"].value != "irrelevant"
            else None
        )
        results.append(
            Analysis(
                language=detect_language(text),
                relevance=labels["relevance"],
                sentiment=labels["sentiment"],
                kind=labels["kind"],
                category=category,
                urgency=urgency[row],
                model_version=model.version,
            )
        )
    return results


def _best(model: TriageModel, task: str, probabilities: np.ndarray) -> Label:
    index = int(probabilities.argmax())
    return Label(model.heads[task].classes[index], round(float(probabilities[index]), 4))


def configured_categories() -> tuple[str, ...]:
    from brandwache.cases.categories import category_choices

    return tuple(key for key, _label in category_choices())


def _category(
    model: TriageModel, probabilities: np.ndarray, allowed: Sequence[str]
) -> Label | None:
    """The likeliest configured category, or None.

    The model can only choose among the categories it learnt. If the organisation configured
    one the model never saw, choosing among the rest would push those messages into wrong
    ones, so the model answers nothing until it is trained on the organisation's cases.
    Among known ones, the probabilities are renormalised over the configured categories.
    """
    classes = model.heads["category"].classes
    if not allowed or not set(allowed) <= set(classes):
        return None
    candidates = [c for c in classes if c in allowed]
    weights = np.array([probabilities[classes.index(c)] for c in candidates])
    weights = weights / weights.sum()
    best = int(weights.argmax())
    if weights[best] < MIN_CATEGORY_CONFIDENCE:
        return None
    return Label(candidates[best], round(float(weights[best]), 4))
