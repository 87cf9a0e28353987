"""`brandwache import-mail PATH ...`: import .eml files, folders, Maildirs and mbox files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext, gettext_lazy

from brandwache.intake.mailsources import (
    ImportSummary,
    MailItem,
    UnreadablePath,
    check_path,
    import_paths,
)

PROGRESS_EVERY = 1000
OUTCOMES = {
    "imported": gettext_lazy("imported"),
    "duplicate": gettext_lazy("already known"),
    "failed": gettext_lazy("failed"),
    "unreadable": gettext_lazy("unreadable"),
    "skipped": gettext_lazy("skipped"),
}


class Command(BaseCommand):
    verbosity = 1
    done = 0

    @property
    def help(self) -> str:  # type: ignore[override]
        return gettext(
            "Import e-mail from .eml files, folders (with Maildirs) and mbox files. "
            "Messages already known are skipped; ones that cannot be processed are kept as failed."
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument(
            "--batch-size",
            type=int,
            default=100,
            help=gettext("Messages stored raw together before they are processed (default 100)."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        paths = [Path(path) for path in options["paths"]]
        for path in paths:
            try:
                check_path(path)
            except UnreadablePath as error:
                raise CommandError(str(error)) from None
        if options["batch_size"] < 1:
            raise CommandError(gettext("--batch-size must be at least 1."))
        self.verbosity = options["verbosity"]
        self.done = 0
        summary = import_paths(paths, batch_size=options["batch_size"], on_item=self._report)
        self._summarise(summary)
        if summary.unreadable:
            raise CommandError(
                gettext("%(count)d message(s) could not be read.")
                % {"count": len(summary.unreadable)}
            )

    def _report(self, item: MailItem, outcome: str, reason: str) -> None:
        self.done += 1
        if self.verbosity >= 2:
            line = f"{item.source}: {OUTCOMES.get(outcome, outcome)}"
            self.stdout.write(f"{line} ({reason})" if reason else line)
        elif self.verbosity == 1 and self.done % PROGRESS_EVERY == 0 and self.stderr.isatty():
            self.stderr.write(gettext("%(count)d messages read …") % {"count": self.done})

    def _summarise(self, summary: ImportSummary) -> None:
        self.stdout.write(gettext("Imported: %(count)d") % {"count": summary.imported})
        self.stdout.write(
            gettext("Duplicates (already known): %(count)d") % {"count": summary.duplicates}
        )
        self.stdout.write(
            gettext("Failed (kept for reprocessing): %(count)d") % {"count": len(summary.failed)}
        )
        for source, reason in summary.failed:
            self.stdout.write(f"  {source}: {reason}")
        if summary.skipped:
            self.stderr.write(
                gettext("Skipped (links and special files are never read): %(count)d")
                % {"count": len(summary.skipped)}
            )
            for source, reason in summary.skipped:
                self.stderr.write(f"  {source}: {reason}")
        if summary.unreadable:
            self.stderr.write(gettext("Unreadable: %(count)d") % {"count": len(summary.unreadable)})
            for source, reason in summary.unreadable:
                self.stderr.write(f"  {source}: {reason}")
