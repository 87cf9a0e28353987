"""`brandwache suggest`: the best answers for a customer message read from standard input."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from brandwache.answers import index


class Command(BaseCommand):
    help = (
        "Read a customer message on standard input and print the best articles and text "
        "modules of the knowledge base, one per line with its score."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--language", choices=["de", "en"], help="the message's language (default: guessed)"
        )
        parser.add_argument("--limit", type=int, default=3, help="how many (default 3)")

    def handle(self, *args: Any, **options: Any) -> None:
        text = sys.stdin.read()
        if not text.strip():
            raise CommandError("No message on standard input.")
        suggestions = index.suggest(text, language=options["language"], limit=options["limit"])
        if not suggestions:
            self.stdout.write("No article or text module fits this message.")
        for s in suggestions:
            self.stdout.write(f"{s.rank}. {s.score:.3f}  {s.item.key}  {s.item.title}")
