"""Precision and recall of a detector against labelled examples, and the table that prints them.

Used by every evaluation that scores found/not found per label (personal data, urgency
signals, playbook checks), so they count and print the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass
class Score:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    true_negatives: int = 0
    misses: list[str] = field(default_factory=list)

    def count(self, *, found: bool, wanted: bool, extra: str = "", missed: str = "") -> None:
        """Count one decision; `extra` / `missed` describe a wrong one for the miss list."""
        if found and wanted:
            self.true_positives += 1
        elif found:
            self.false_positives += 1
            if extra:
                self.misses.append(extra)
        elif wanted:
            self.false_negatives += 1
            if missed:
                self.misses.append(missed)
        else:
            self.true_negatives += 1

    @property
    def labelled(self) -> int:
        return self.true_positives + self.false_negatives

    @property
    def found(self) -> int:
        return self.true_positives + self.false_positives

    @property
    def precision(self) -> float:
        return self.true_positives / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.labelled if self.labelled else 1.0

    def as_dict(self) -> dict[str, float]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "labelled": self.labelled,
            "found": self.found,
        }


def score_table(scores: Mapping[str, Score], heading: str) -> str:
    """One line per label: precision, recall, how many were labelled and how many found."""
    lines = [f"{heading:<16} {'precision':>9} {'recall':>7} {'labelled':>8} {'found':>6}"]
    for name, score in scores.items():
        lines.append(
            f"{name:<16} {score.precision:>9.3f} {score.recall:>7.3f} "
            f"{score.labelled:>8} {score.found:>6}"
        )
    return "\n".join(lines)
