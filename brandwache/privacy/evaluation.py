"""Precision and recall of `find_personal_data` per kind on a labelled sentence set.

The set is JSON lines: {"text": ..., "language": "de"|"en", "spans": [[start, end, KIND]]}.
A find counts only if kind, start and end all match a labelled span.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .masking import find_personal_data
from .spans import Kind

LABELLED_SET = Path(__file__).parent / "tests" / "pii_sentences.jsonl"


@dataclass
class Score:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        labelled = self.true_positives + self.false_negatives
        return self.true_positives / labelled if labelled else 1.0


@dataclass(frozen=True)
class Example:
    text: str
    language: str
    spans: frozenset[tuple[int, int, Kind]]


def load_examples(path: Path = LABELLED_SET) -> list[Example]:
    examples = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            spans = frozenset((s, e, Kind(k)) for s, e, k in row["spans"])
            examples.append(Example(row["text"], row["language"], spans))
    return examples


def evaluate(examples: Iterable[Example]) -> dict[Kind, Score]:
    scores = {kind: Score() for kind in Kind}
    for example in examples:
        found = {(s.start, s.end, s.kind) for s in find_personal_data(example.text)}
        for start, end, kind in found | example.spans:
            score = scores[kind]
            if (start, end, kind) in found and (start, end, kind) in example.spans:
                score.true_positives += 1
            elif (start, end, kind) in found:
                score.false_positives += 1
                score.misses.append(f"extra {example.text[start:end]!r} in {example.text!r}")
            else:
                score.false_negatives += 1
                score.misses.append(f"missed {example.text[start:end]!r} in {example.text!r}")
    return scores


def report(scores: dict[Kind, Score]) -> str:
    lines = [f"{'kind':<16} {'precision':>9} {'recall':>7} {'labelled':>8} {'found':>6}"]
    for kind, score in scores.items():
        labelled = score.true_positives + score.false_negatives
        found = score.true_positives + score.false_positives
        precision, recall = f"{score.precision:.3f}", f"{score.recall:.3f}"
        lines.append(f"{kind.value:<16} {precision:>9} {recall:>7} {labelled:>8} {found:>6}")
    return "\n".join(lines)
