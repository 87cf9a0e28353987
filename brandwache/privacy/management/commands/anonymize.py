"""`brandwache anonymize`: read text on standard input, write it anonymised to standard output."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from brandwache.privacy.masking import anonymise


class Command(BaseCommand):
    help = "Replace personal data in text from standard input with typed placeholders."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--language", choices=["de", "en"], help="Language of the text (default: both)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        text = sys.stdin.read()
        self.stdout.write(anonymise(text, options["language"]), ending="")
