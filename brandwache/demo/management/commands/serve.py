"""`brandwache serve`: migrate, first-start set-up, then gunicorn and the task worker."""

from __future__ import annotations

import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from brandwache.demo.serving import serve


class Command(BaseCommand):
    help = (
        "Migrate, create an admin and the demo data on first start, then serve Brandwache "
        "with gunicorn and a background task worker until stopped (Ctrl-C or SIGTERM)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--bind",
            default=None,
            help="Address to listen on, e.g. 127.0.0.1:8000 (default: $BIND or 127.0.0.1:$PORT).",
        )
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="Do not start the task worker here (run `brandwache worker` elsewhere).",
        )

    def say(self, line: str) -> None:
        self.stdout.write(line)
        self.stdout.flush()

    def handle(self, *args: Any, **options: Any) -> None:
        code = serve(
            bind=options["bind"] or settings.BRANDWACHE_BIND,
            embedded_worker=settings.BRANDWACHE_EMBEDDED_WORKER and not options["no_worker"],
            demo=settings.BRANDWACHE_DEMO,
            say=self.say,
        )
        if code:
            sys.exit(code)
