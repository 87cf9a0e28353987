"""Precision and recall of the playbook detectors on a labelled set of reply sentences.

The set is JSON lines: {"text": ..., "language": "de"|"en", "labels": [detector, ...]},
where `labels` names every detector that should fire on the text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from brandwache.playbook.detectors import PLAYBOOK_CHECKS
from brandwache.scoring import Score, score_table

LABELLED_SET = Path(__file__).parent / "tests" / "reply_sentences.jsonl"


@dataclass(frozen=True)
class Example:
    text: str
    language: str
    labels: frozenset[str]


def load_examples(path: Path = LABELLED_SET) -> list[Example]:
    examples = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            examples.append(Example(row["text"], row["language"], frozenset(row["labels"])))
    return examples


def evaluate(examples: Iterable[Example]) -> dict[str, Score]:
    scores = {name: Score() for name in PLAYBOOK_CHECKS}
    for example in examples:
        for name, detector in PLAYBOOK_CHECKS.items():
            scores[name].count(
                found=detector(example.text).found,
                wanted=name in example.labels,
                extra=f"extra: {example.text}",
                missed=f"missed: {example.text}",
            )
    return scores


def report(scores: dict[str, Score]) -> str:
    return score_table(scores, "detector")
