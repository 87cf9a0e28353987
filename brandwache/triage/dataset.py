"""Labelled texts for training and evaluation, and the readers of the formats they come in.

An `Example` knows only the labels someone gave it: a GermEval post has relevance and
sentiment, a corpus line all of them. Each task trains on the
examples labelled for it.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
CORPUS_COLUMNS = ("text", "language", "relevance", "sentiment", "kind", "category", "urgency")
VALUES = {
    "relevance": ("relevant", "irrelevant"),
    "sentiment": ("negative", "neutral", "positive"),
    "kind": ("complaint", "question", "praise", "other"),
}
CORPUS_CATEGORIES = ("billing", "delivery", "product", "service", "contract", "other")
URGENCY_KINDS = ("cancellation", "legal", "safety", "public", "storm")


class DataError(ValueError):
    """A data file that does not follow its format; the message names file and line."""


@dataclass(frozen=True)
class Example:
    text: str
    language: str = ""
    labels: Mapping[str, str] = field(default_factory=dict)
    # None: not labelled for urgency (the corpus labels it on relevant texts only)
    urgency: frozenset[str] | None = None
    source: str = ""


def shipped_corpora() -> list[Path]:
    """The labelled corpora that ship with Brandwache (written for it, AGPL like the code)."""
    return sorted(DATA_DIR.glob("corpus_*.tsv"))


def _relevance(value: str) -> str:
    return {"true": "relevant", "false": "irrelevant"}.get(value.strip().lower(), value.strip())


def read_corpus(path: Path) -> list[Example]:
    """The triage corpus: tab-separated with a header line naming `CORPUS_COLUMNS`."""
    return list(_corpus_rows(Path(path)))


def _corpus_rows(path: Path) -> Iterator[Example]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header is None:
            return
        header = [name.strip().lower() for name in header]
        missing = [name for name in CORPUS_COLUMNS if name not in header]
        if missing:
            raise DataError(f"{path}: the header lacks the columns {', '.join(missing)}")
        index = {name: header.index(name) for name in CORPUS_COLUMNS}
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if len(row) < len(header):
                row = row + [""] * (len(header) - len(row))
            yield _corpus_example(path, reader.line_num, {k: row[i] for k, i in index.items()})


def _corpus_example(path: Path, line: int, cells: dict[str, str]) -> Example:
    text = cells["text"].replace("\\n", "\n").strip()
    if not text:
        raise DataError(f"{path}, line {line}: the text is empty")
    labels = {
        "relevance": _relevance(cells["relevance"]),
        "sentiment": cells["sentiment"].strip().lower(),
        "kind": cells["kind"].strip().lower(),
    }
    for task, value in labels.items():
        if value not in VALUES[task]:
            raise DataError(f"{path}, line {line}: {task} {value!r} is not one of {VALUES[task]}")
    category = cells["category"].strip().lower()
    if category and category not in CORPUS_CATEGORIES:
        raise DataError(f"{path}, line {line}: unknown category {category!r}")
    # Category belongs to relevant texts only; an irrelevant one has none to learn from.
    if category and labels["relevance"] == "relevant":
        labels["category"] = category
    urgency = frozenset(
        part.strip().lower() for part in cells["urgency"].split(",") if part.strip()
    )
    unknown = urgency - set(URGENCY_KINDS)
    if unknown:
        raise DataError(f"{path}, line {line}: unknown urgency {', '.join(sorted(unknown))}")
    return Example(
        text=text,
        language=cells["language"].strip().lower(),
        labels=labels,
        urgency=urgency if labels["relevance"] == "relevant" else None,
        source=path.name,
    )
