"""Check the triage corpus files and print their label counts.

Usage: ``python brandwache/triage/data/check_corpus.py [FILE ...]`` (default: every
``corpus_*.tsv`` beside this script). Exits with status 1 when a file breaks the format
described in README.md. Needs only the standard library, no Django.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent
COLUMNS = ("text", "language", "relevance", "sentiment", "kind", "category", "urgency")
LANGUAGES = ("de", "en", "fr", "it")
RELEVANCE = ("true", "false")
SENTIMENTS = ("negative", "neutral", "positive")
KINDS = ("complaint", "question", "praise", "other")
CATEGORIES = ("billing", "delivery", "product", "service", "contract", "other")
URGENCY = ("cancellation", "legal", "safety", "public", "storm")
MIN_WORDS, MAX_WORDS = 5, 100
# Two texts whose word sets overlap this much are near-duplicates (Jaccard similarity).
NEAR_DUPLICATE = 0.7


@dataclass(frozen=True)
class Row:
    line: int
    text: str
    language: str
    relevance: str
    sentiment: str
    kind: str
    category: str
    urgency: tuple[str, ...]

    @property
    def relevant(self) -> bool:
        return self.relevance == "true"


def read(path: Path) -> tuple[list[Row], list[str]]:
    """The rows of one file and the problems found while reading it."""
    rows: list[Row] = []
    problems: list[str] = []
    lines = Path(path).read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or tuple(lines[0].split("\t")) != COLUMNS:
        return [], [f"{path.name}: the header must be {' | '.join(COLUMNS)}"]
    for number, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) != len(COLUMNS):
            problems.append(f"{path.name}:{number}: {len(cells)} columns, expected {len(COLUMNS)}")
            continue
        text, language, relevance, sentiment, kind, category, urgency = cells
        signals = tuple(urgency.split(",")) if urgency else ()
        rows.append(Row(number, text, language, relevance, sentiment, kind, category, signals))
    return rows, problems


def row_problems(row: Row, where: str) -> list[str]:
    """What is wrong with one row (empty when nothing is)."""
    at = f"{where}:{row.line}"
    found = []
    # A leading quote would make csv readers with default settings take the cell as quoted.
    if row.text != row.text.strip() or "\r" in row.text or row.text.startswith('"'):
        found.append(f"{at}: surrounding blanks, a carriage return or a leading quote")
    words = len(row.text.split())
    if not MIN_WORDS <= words <= MAX_WORDS:
        found.append(f"{at}: {words} words, expected {MIN_WORDS} to {MAX_WORDS}")
    for name, value, allowed in (
        ("language", row.language, LANGUAGES),
        ("relevance", row.relevance, RELEVANCE),
        ("sentiment", row.sentiment, SENTIMENTS),
        ("kind", row.kind, KINDS),
    ):
        if value not in allowed:
            found.append(f"{at}: {name} {value!r} is not one of {', '.join(allowed)}")
    if row.relevant and row.category not in CATEGORIES:
        found.append(f"{at}: a relevant text needs a category from {', '.join(CATEGORIES)}")
    # Category and urgency describe feedback, so irrelevant texts carry neither.
    if not row.relevant and (row.category or row.urgency):
        found.append(f"{at}: an irrelevant text has no category and no urgency")
    # Sentiment is towards the organisation: a text that gives it no feedback has none.
    if not row.relevant and row.sentiment != "neutral":
        found.append(f"{at}: an irrelevant text is neutral")
    unknown = [signal for signal in row.urgency if signal not in URGENCY]
    if unknown or len(set(row.urgency)) != len(row.urgency):
        found.append(f"{at}: urgency {','.join(row.urgency)!r} must be distinct {URGENCY}")
    return found


def normalised(text: str) -> str:
    """The text without case, digits and punctuation: equal keys are duplicates."""
    return " ".join(re.findall(r"[^\W\d_]+", text.lower()))


def duplicates(rows: Sequence[Row], where: str) -> list[str]:
    """Exact duplicates after normalisation, and near-duplicates by shared words."""
    found = []
    first: dict[str, int] = {}
    for row in rows:
        key = normalised(row.text)
        if key in first:
            found.append(f"{where}:{row.line}: duplicates line {first[key]}")
        else:
            first[key] = row.line
    found += [
        f"{where}:{b.line}: nearly the same as line {a.line}" for a, b in near_duplicates(rows)
    ]
    return found


def near_duplicates(rows: Sequence[Row]) -> list[tuple[Row, Row]]:
    """Pairs whose word sets have a Jaccard similarity of at least NEAR_DUPLICATE.

    Sorting by size bounds the search: a set can only be that similar to sets at most
    1/NEAR_DUPLICATE times its size.
    """
    sets = sorted(
        ((frozenset(normalised(row.text).split()), row) for row in rows),
        key=lambda pair: len(pair[0]),
    )
    pairs: list[tuple[Row, Row]] = []
    for index, (words, row) in enumerate(sets):
        limit = len(words) / NEAR_DUPLICATE
        for other_words, other in sets[index + 1 :]:
            if len(other_words) > limit:
                break
            shared = len(words & other_words)
            union = len(words) + len(other_words) - shared
            if union and shared / union >= NEAR_DUPLICATE:
                pairs.append((row, other) if row.line < other.line else (other, row))
    return pairs


def check(path: Path) -> tuple[list[Row], list[str]]:
    """All rows of a file and every problem with it."""
    rows, problems = read(path)
    for row in rows:
        problems += row_problems(row, path.name)
    problems += duplicates(rows, path.name)
    return rows, problems


def counts(rows: Iterable[Row]) -> dict[str, Counter[str]]:
    """Label counts; category and urgency count relevant rows only."""
    rows = list(rows)
    relevant = [row for row in rows if row.relevant]
    return {
        "language": Counter(row.language for row in rows),
        "relevance": Counter(row.relevance for row in rows),
        "sentiment": Counter(row.sentiment for row in rows),
        "kind": Counter(row.kind for row in rows),
        "category": Counter(row.category for row in relevant),
        "urgency": Counter(signal for row in relevant for signal in row.urgency),
        "urgency lines": Counter("with a signal" if row.urgency else "without" for row in relevant),
    }


def report(path: Path, rows: Sequence[Row]) -> str:
    """Counts as a small Markdown table, the way README.md shows them."""
    lines = [f"### {path.name}: {len(rows)} lines", "", "| label | counts |", "| --- | --- |"]
    for name, counter in counts(rows).items():
        total = sum(counter.values()) or 1
        cells = ", ".join(
            f"{value} {number} ({100 * number / total:.0f} %)"
            for value, number in sorted(counter.items(), key=lambda item: -item[1])
        )
        lines.append(f"| {name} | {cells} |")
    return "\n".join(lines)


def main(argv: Sequence[str]) -> int:
    paths = [Path(arg) for arg in argv] or sorted(DATA_DIR.glob("corpus_*.tsv"))
    failed = False
    for path in paths:
        rows, problems = check(path)
        print(report(path, rows), end="\n\n")
        for problem in problems:
            print(f"  {problem}")
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
