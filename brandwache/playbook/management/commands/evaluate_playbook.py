"""`brandwache evaluate-playbook`: precision and recall per detector on the labelled replies."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from brandwache.playbook.detectors import DETECTOR_VERSION
from brandwache.playbook.evaluation import LABELLED_SET, evaluate, load_examples, report


class Command(BaseCommand):
    help = "Print precision and recall of the complaint playbook's detectors."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", nargs="?", type=Path, default=LABELLED_SET)
        parser.add_argument("--misses", action="store_true", help="List every wrong verdict.")

    def handle(self, *args: Any, **options: Any) -> None:
        examples = load_examples(options["path"])
        scores = evaluate(examples)
        self.stdout.write(f"{len(examples)} labelled replies, detectors {DETECTOR_VERSION}")
        self.stdout.write(report(scores))
        if options["misses"]:
            for name, score in scores.items():
                for miss in score.misses:
                    self.stdout.write(f"{name}: {miss}")
