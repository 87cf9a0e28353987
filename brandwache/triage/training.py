"""Training: gather labelled examples with their sources, fit, cross-validate, write a model folder.

Every source carries its licence and whether a model trained on it may be redistributed;
the model card repeats both, so nobody ships a model trained on data that forbids it.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from .classifier import TASKS, TriageModel, fit_model, folds
from .dataset import Example, read_corpus, shipped_corpora
from .germeval import LICENCE as GERMEVAL_LICENCE
from .germeval import read_germeval
from .modelfile import CARD_FILE, METADATA_FILE, WEIGHTS_FILE, save_model, write_weights
from .urgency_model import UrgencyModel

SHIPPED_LICENCE = "AGPL-3.0-or-later (written for Brandwache)"
MODEL_FILES = {METADATA_FILE, WEIGHTS_FILE, CARD_FILE}


@dataclass(frozen=True)
class Source:
    name: str
    licence: str
    redistributable: bool
    examples: int
    note: str = ""

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "licence": self.licence,
            "redistributable": self.redistributable,
            "examples": self.examples,
            "note": self.note,
        }


@dataclass
class TrainingData:
    examples: list[Example] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)

    def add(self, examples: list[Example], source: Source) -> None:
        self.examples.extend(examples)
        self.sources.append(source)

    @property
    def redistributable(self) -> bool:
        return all(source.redistributable for source in self.sources)


def labelled_cases() -> list[Example]:
    """The organisation's own labelled messages: only the labels an agent gave or confirmed
    with one click on the case page (the newest verdict per label). An urgency verdict names
    every signal of the message, so it becomes the example's urgency set."""
    from brandwache.triage.corrections import corrected_texts, urgency_set

    examples = []
    for item in corrected_texts():
        if not item.text.strip():
            continue
        labels = dict(item.labels)
        verdict = labels.pop("urgency", None)
        urgency = None if verdict is None else urgency_set(verdict)
        examples.append(Example(item.text, item.language, labels, urgency=urgency, source="cases"))
    return examples


def gather(
    *,
    corpora: Sequence[Path] | None = None,
    germeval: Sequence[Path] = (),
    include_cases: bool = False,
) -> TrainingData:
    """The examples to train on; `corpora=None` means the corpora shipped with Brandwache."""
    data = TrainingData()
    shipped = {path.resolve() for path in shipped_corpora()}
    for path in shipped_corpora() if corpora is None else corpora:
        examples = read_corpus(path)
        if Path(path).resolve() in shipped:
            source = Source(Path(path).name, SHIPPED_LICENCE, True, len(examples))
        else:
            note = "the user's own corpus: check its terms before sharing the model"
            source = Source(Path(path).name, "not stated", False, len(examples), note)
        data.add(examples, source)
    for path in germeval:
        examples = read_germeval(path)
        note = "GermEval 2017 (Wojatzki et al.): non-commercial use only"
        data.add(examples, Source(Path(path).name, GERMEVAL_LICENCE, False, len(examples), note))
    if include_cases:
        examples = labelled_cases()
        note = "the organisation's own messages, personal data masked: still never share"
        data.add(examples, Source("labelled cases", "own data", False, len(examples), note))
    return data


def fit(examples: Sequence[Example], **options: object) -> TriageModel:
    """One model from examples; each task learns from the examples labelled for it."""
    labels = {task: [example.labels.get(task) for example in examples] for task in TASKS}
    return fit_model([example.text for example in examples], labels, **options)  # type: ignore[arg-type]


def cross_validate(
    examples: Sequence[Example], k: int = 5, **options: object
) -> dict[str, dict[str, float]]:
    """Micro-F1 per task (and per language) from k-fold cross-validation; each fold's model
    is fitted the same way as the final one (`options` as for `fit`), on the other folds."""
    predictions: list[dict[str, str]] = [{} for _ in examples]
    for held_out in folds(k, len(examples)):
        held = set(held_out)
        training = [e for i, e in enumerate(examples) if i not in held]
        model = fit(training, **options)
        predicted = model.predict([examples[i].text for i in held_out])
        for task, values in predicted.items():
            for index, value in zip(held_out, values, strict=True):
                predictions[index][task] = value
    return score_predictions(examples, predictions)


def score_predictions(
    examples: Sequence[Example], predictions: Sequence[dict[str, str]]
) -> dict[str, dict[str, float]]:
    """Micro-F1 of each task overall ("all") and per language, over examples labelled for it."""
    right: Counter[tuple[str, str]] = Counter()
    total: Counter[tuple[str, str]] = Counter()
    for example, predicted in zip(examples, predictions, strict=True):
        for task, gold in example.labels.items():
            if task not in predicted:
                continue
            for group in ("all", example.language or "und"):
                total[task, group] += 1
                right[task, group] += predicted[task] == gold
    scores: dict[str, dict[str, float]] = {}
    for (task, group), count in sorted(total.items()):
        scores.setdefault(task, {})[group] = round(right[task, group] / count, 4)
    return scores


def label_counts(examples: Sequence[Example]) -> dict[str, dict[str, int]]:
    counts: dict[str, Counter[str]] = {task: Counter() for task in TASKS}
    for example in examples:
        for task, value in example.labels.items():
            counts.setdefault(task, Counter())[value or "(none)"] += 1
    return {task: dict(sorted(c.items())) for task, c in counts.items() if c}


def version_name(created: datetime, digest: str) -> str:
    return f"triage-{created:%Y%m%d}-{digest[:8]}"


def write_model(
    model: TriageModel,
    *,
    output: Path | None,
    models_dir: Path,
    created: datetime | None = None,
    card: object = None,
    urgency: UrgencyModel | None = None,
) -> Path:
    """Save under a version named after the date and the weights' hash; return the folder.

    `card` is a callable taking the model and returning the model card's text, called once
    the version is known. `urgency` is the learnt urgency part, saved in the same archive.
    """
    created = created or datetime.now(UTC)
    with tempfile.TemporaryDirectory() as scratch:
        digest = write_weights(model, Path(scratch) / "weights.npz", urgency)
    version = version_name(created, digest)
    model.metadata.update({"version": version, "created": created.isoformat(timespec="seconds")})
    folder = output or models_dir / version
    if folder.exists():
        foreign = sorted(p.name for p in folder.iterdir() if p.name not in MODEL_FILES)
        if foreign:
            raise FileExistsError(
                f"{folder} holds other files ({', '.join(foreign)}): choose a new or empty folder"
            )
    text = card(model) if callable(card) else ""
    return save_model(model, folder, card=text, urgency=urgency)
