"""How well `find_personal_data` does on a labelled set: precision/recall, leaks, over-masking.

The set is JSON lines: {"text": ..., "language": "de"|"en", "spans": [[start, end, KIND]]},
optionally with "id", "source" and "variety". Three measures:

- precision/recall per kind: a find counts only if kind, start and end all match a label;
- leaks: a labelled entity is left visible when any letter or digit of it is not covered by
  a find of whatever kind (what a reader of the anonymised text would still see);
- over-masking: of the words outside every labelled span, the share that a find covers
  (on texts without any personal data this is the share of ordinary words changed).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from brandwache.scoring import Score, score_table

from .masking import find_personal_data
from .spans import Kind, Span

LABELLED_SET = Path(__file__).parent / "tests" / "pii_sentences.jsonl"
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Example:
    text: str
    language: str
    spans: frozenset[tuple[int, int, Kind]]
    id: str = ""
    source: str = ""


def load_examples(path: Path = LABELLED_SET) -> list[Example]:
    examples = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            row = json.loads(line)
            spans = frozenset((s, e, Kind(k)) for s, e, k in row["spans"])
            examples.append(
                Example(
                    row["text"],
                    row["language"],
                    spans,
                    id=str(row.get("id", number)),
                    source=row.get("source", ""),
                )
            )
    return examples


def evaluate(examples: Iterable[Example]) -> dict[Kind, Score]:
    scores = {kind: Score() for kind in Kind}
    for example in examples:
        found = {
            (s.start, s.end, s.kind) for s in find_personal_data(example.text, example.language)
        }
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


@dataclass
class Exposure:
    """Leaks per language and kind, and over-masked words per language."""

    entities: Counter[tuple[str, Kind]] = field(default_factory=Counter)
    leaked: Counter[tuple[str, Kind]] = field(default_factory=Counter)
    # Words outside labelled spans, on all texts and on texts without any personal data.
    words: Counter[tuple[str, bool]] = field(default_factory=Counter)
    masked_words: Counter[tuple[str, bool]] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    def leak_rate(self, language: str | None = None, kind: Kind | None = None) -> float:
        def total(counter: Counter[tuple[str, Kind]]) -> int:
            return sum(
                n
                for (lang, k), n in counter.items()
                if language in (None, lang) and kind in (None, k)
            )

        entities = total(self.entities)
        return total(self.leaked) / entities if entities else 0.0

    def over_masking(self, language: str | None = None, *, clean_only: bool = True) -> float:
        def total(counter: Counter[tuple[str, bool]]) -> int:
            return sum(
                n
                for (lang, clean), n in counter.items()
                if language in (None, lang) and (clean or not clean_only)
            )

        words = total(self.words)
        return total(self.masked_words) / words if words else 0.0


def _covered(found: list[Span], length: int) -> bytearray:
    covered = bytearray(length)
    for span in found:
        covered[span.start : span.end] = b"\x01" * (span.end - span.start)
    return covered


Finder = Callable[[str, str | None], list[Span]]


def measure_exposure(examples: Iterable[Example], finder: Finder = find_personal_data) -> Exposure:
    """Leaks and over-masking of `finder` (Brandwache's, unless a baseline is compared)."""
    exposure = Exposure()
    for example in examples:
        text = example.text
        found = finder(text, example.language)
        covered = _covered(found, len(text))
        labelled = _covered([Span(s, e, k, "") for s, e, k in example.spans], len(text))
        for start, end, kind in sorted(example.spans):
            exposure.entities[example.language, kind] += 1
            visible = any(not covered[i] and text[i].isalnum() for i in range(start, end))
            if visible:
                exposure.leaked[example.language, kind] += 1
                exposure.misses.append(
                    f"{kind.value} left visible: {text[start:end]!r} ({example.id})"
                )
        clean = not example.spans
        for word in WORD.finditer(text):
            if any(labelled[word.start() : word.end()]):
                continue
            exposure.words[example.language, clean] += 1
            if any(covered[word.start() : word.end()]):
                exposure.masked_words[example.language, clean] += 1
                exposure.misses.append(f"ordinary word masked: {word.group()!r} ({example.id})")
    return exposure


def _percent(part: float) -> str:
    return f"{100 * part:5.1f} %"


def exposure_report(exposure: Exposure) -> str:
    languages = sorted(
        {lang for lang, _kind in exposure.entities} | {lang for lang, _clean in exposure.words}
    )
    head = f"{'left visible':<16}" + "".join(f"{lang:>16}" for lang in [*languages, "all"])
    lines = [head]
    for kind in Kind:
        cells = []
        for language in [*languages, None]:
            entities = sum(
                n
                for (lang, k), n in exposure.entities.items()
                if k is kind and language in (None, lang)
            )
            leaked = sum(
                n
                for (lang, k), n in exposure.leaked.items()
                if k is kind and language in (None, lang)
            )
            rate = _percent(leaked / entities) if entities else "      -"
            cells.append(f"{leaked:>4}/{entities:<4}{rate:>8}")
        lines.append(f"{kind.value:<16}" + "".join(cells))
    lines.append(
        f"{'overall':<16}"
        + "".join(
            f"{_percent(exposure.leak_rate(language)):>16}" for language in [*languages, None]
        )
    )
    lines.append("")
    lines.append(f"{'words masked':<16}" + "".join(f"{lang:>16}" for lang in [*languages, "all"]))
    for label, clean_only in (("texts w/o PII", True), ("all texts", False)):
        lines.append(
            f"{label:<16}"
            + "".join(
                f"{_percent(exposure.over_masking(language, clean_only=clean_only)):>16}"
                for language in [*languages, None]
            )
        )
    return "\n".join(lines)
