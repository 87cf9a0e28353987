"""`brandwache export-answers FILE.csv`: the whole knowledge base as one CSV file."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from brandwache.answers.csvio import export_csv


class Command(BaseCommand):
    help = "Export categories, articles and text modules to a CSV file ('-' for standard output)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the CSV file to write, or - for standard output")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["file"] == "-":
            export_csv(sys.stdout)
            return
        with open(options["file"], "w", encoding="utf-8", newline="") as out:
            count = export_csv(out)
        self.stderr.write(f"{count} rows written to {options['file']}.")
