"""`brandwache evaluate-suggestions`: top-1 and top-3 accuracy on the labelled messages."""

from __future__ import annotations

from typing import Any

import numpy as np
from django.core.management.base import BaseCommand, CommandParser
from sklearn.feature_extraction.text import TfidfVectorizer

from brandwache.answers import evaluation
from brandwache.answers.index import load_items
from brandwache.answers.ranking import Index, Item


def plain_tfidf(items: list[Item]) -> evaluation.Ranker:
    """The baseline: word TF-IDF with scikit-learn's defaults, cosine similarity."""
    vectorizer = TfidfVectorizer()
    matrix = vectorizer.fit_transform([f"{i.title} {i.keywords} {i.body}" for i in items])

    def rank(text: str) -> list[str]:
        scores = (matrix @ vectorizer.transform([text]).T).toarray().ravel()
        return [items[row].key for row in np.argsort(-scores, kind="stable")[:3]]

    return rank


class Command(BaseCommand):
    help = (
        "Measure the suggestions on the labelled customer messages (German and English, "
        "typos, Swiss spelling) against the demo knowledge base, beside a plain TF-IDF."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--database",
            action="store_true",
            help="rank the knowledge base in the database instead of the demo data file",
        )
        parser.add_argument("--misses", action="store_true", help="list the misses")

    def handle(self, *args: Any, **options: Any) -> None:
        items = load_items() if options["database"] else evaluation.demo_items()
        messages = evaluation.load_messages()
        self.stdout.write(f"{len(messages)} messages, {len(items)} articles and text modules")
        ours = evaluation.evaluate(evaluation.index_ranker(Index(items)), messages)
        baseline = evaluation.evaluate(plain_tfidf(items), messages)
        for name, result in (("Brandwache ranking", ours), ("plain TF-IDF baseline", baseline)):
            self.stdout.write(
                f"{name:22} top-1 {result.top1_accuracy:6.1%}  top-3 {result.top3_accuracy:6.1%}"
            )
        if options["misses"]:
            for message, keys in ours.misses:
                wanted = " / ".join(message.expected)
                self.stdout.write(f"- {message.text[:70]!r}\n  wanted {wanted}, got {keys}")
