"""`brandwache anonymize`: personal data in text from standard input replaced by placeholders.

Without options the whole input is one text. With `--jsonl` every input line is a JSON
object `{"id", "lang", "text"}` and every output line `{"id", "text"}` (see `jsonlines.py`).
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from brandwache.privacy.jsonlines import LineError, anonymise_lines
from brandwache.privacy.masking import anonymise


class Command(BaseCommand):
    help = "Replace personal data in text from standard input with typed placeholders."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--language", choices=["de", "en"], help="Language of the text (default: both)."
        )
        parser.add_argument(
            "--jsonl",
            action="store_true",
            help='Read JSON Lines {"id", "lang", "text"} and write {"id", "text"} per line.',
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["jsonl"]:
            self.stdout.write(anonymise(sys.stdin.read(), options["language"]), ending="")
            return
        errors = 0
        for result in anonymise_lines(sys.stdin.buffer):
            if isinstance(result, LineError):
                errors += 1
                self.stderr.write(str(result))
            else:
                self.stdout.write(result)
        if errors:
            raise CommandError(f"{errors} line(s) could not be read; the others were written.")
