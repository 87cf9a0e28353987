"""`brandwache evaluate-pii`: precision and recall per kind on the labelled sentence set."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from brandwache.privacy.evaluation import LABELLED_SET, evaluate, load_examples, report


class Command(BaseCommand):
    help = "Print precision and recall of the personal-data finder per kind."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", nargs="?", type=Path, default=LABELLED_SET)
        parser.add_argument("--misses", action="store_true", help="List every wrong find.")

    def handle(self, *args: Any, **options: Any) -> None:
        scores = evaluate(load_examples(options["path"]))
        self.stdout.write(report(scores))
        if options["misses"]:
            for kind, score in scores.items():
                for miss in score.misses:
                    self.stdout.write(f"{kind.value}: {miss}")
