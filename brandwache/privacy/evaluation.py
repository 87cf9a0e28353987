"""Precision and recall of `find_personal_data` per kind on a labelled sentence set.

The set is JSON lines: {"text": ..., "language": "de"|"en", "spans": [[start, end, KIND]]}.
A find counts only if kind, start and end all match a labelled span.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from brandwache.scoring import Score, score_table

from .masking import find_personal_data
from .spans import Kind

LABELLED_SET = Path(__file__).parent / "tests" / "pii_sentences.jsonl"


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
            piece = f"{example.text[start:end]!r} in {example.text!r}"
            scores[kind].count(
                found=(start, end, kind) in found,
                wanted=(start, end, kind) in example.spans,
                extra=f"extra {piece}",
                missed=f"missed {piece}",
            )
    return scores


def report(scores: dict[Kind, Score]) -> str:
    return score_table({kind.value: score for kind, score in scores.items()}, "kind")
