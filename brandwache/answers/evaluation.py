"""Suggestion quality: top-1 and top-3 accuracy on labelled customer messages.

The labelled set (`tests/suggestion_messages.jsonl`) holds realistic customer messages
in German and English, with typos and Swiss spelling, each with the key(s) of the demo
knowledge-base item(s) that answer it. A suggestion counts as a hit when its key is one
of them.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from brandwache.answers.ranking import Index, Item

HERE = Path(__file__).resolve().parent
DEMO_FILE = HERE / "data" / "demo_knowledge_base.toml"
MESSAGES_FILE = HERE / "tests" / "suggestion_messages.jsonl"


@dataclass(frozen=True)
class Labelled:
    text: str
    expected: tuple[str, ...]


@dataclass
class Result:
    total: int = 0
    top1: int = 0
    top3: int = 0
    misses: list[tuple[Labelled, list[str]]] = field(default_factory=list)

    @property
    def top1_accuracy(self) -> float:
        return self.top1 / self.total if self.total else 0.0

    @property
    def top3_accuracy(self) -> float:
        return self.top3 / self.total if self.total else 0.0


def load_demo_data(path: Path = DEMO_FILE) -> dict[str, list[dict[str, str]]]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def demo_items(path: Path = DEMO_FILE) -> list[Item]:
    """The demo knowledge base as ranking items, without a database."""
    data = load_demo_data(path)
    items = [
        Item(
            key=f"article:{entry['slug']}",
            title=entry["title"],
            body=entry["body"].strip(),
            language=entry["language"],
            keywords=entry.get("keywords", ""),
            category=entry.get("category", ""),
        )
        for entry in data.get("article", [])
    ]
    items += [
        Item(
            key=f"module:{entry['shortcut']}",
            title=entry["name"],
            body=entry["body"].strip(),
            language=entry["language"],
            keywords=entry.get("keywords", ""),
            category=entry.get("category", ""),
        )
        for entry in data.get("module", [])
    ]
    return items


def load_messages(path: Path = MESSAGES_FILE) -> list[Labelled]:
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return [Labelled(row["text"], tuple(row["expected"])) for row in rows]


Ranker = Callable[[str], Sequence[str]]


def index_ranker(index: Index) -> Ranker:
    return lambda text: [s.item.key for s in index.search(text, limit=3)]


def evaluate(rank: Ranker, messages: Iterable[Labelled]) -> Result:
    """Top-1 and top-3 hits of a ranker (message → keys, best first) over the messages."""
    result = Result()
    for message in messages:
        keys = list(rank(message.text))[:3]
        result.total += 1
        hit1 = bool(keys) and keys[0] in message.expected
        hit3 = any(key in message.expected for key in keys)
        result.top1 += hit1
        result.top3 += hit3
        if not hit1:
            result.misses.append((message, keys))
    return result
