"""`brandwache import-answers FILE.csv`: import the knowledge base, every row or none."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from brandwache.answers.csvio import ImportRefused, import_csv


class Command(BaseCommand):
    help = (
        "Import categories, articles and text modules from a CSV file in the export format. "
        "If any row is bad, nothing is imported and every bad row is listed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the CSV file to read")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with open(options["file"], encoding="utf-8-sig", newline="") as source:
                report = import_csv(source, None)
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {options['file']}: {error}") from None
        except ImportRefused as refused:
            raise CommandError(
                "Nothing was imported. Please correct these rows:\n" + "\n".join(refused.errors)
            ) from None
        self.stdout.write(
            f"Imported: {report.created} new, {report.updated} changed, "
            f"{report.unchanged} unchanged."
        )
