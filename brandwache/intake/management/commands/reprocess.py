"""`brandwache reprocess [--all-failed | ID ...]`: process stored raw messages again."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext

from brandwache.intake.models import RawMessage
from brandwache.intake.pipeline import reprocess


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        return gettext(
            "Process stored raw messages again, for example after a fix, and print the results."
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("ids", nargs="*", type=int, metavar="ID")
        parser.add_argument(
            "--all-failed",
            action="store_true",
            help=gettext("Every raw message that could not be processed."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        ids: list[int] = list(dict.fromkeys(options["ids"]))
        if not ids and not options["all_failed"]:
            raise CommandError(gettext("Name raw message ids or use --all-failed."))
        if options["all_failed"]:
            failed = RawMessage.objects.filter(status=RawMessage.Status.FAILED).order_by("pk")
            ids += [pk for pk in failed.values_list("pk", flat=True) if pk not in ids]
        missing = []
        processed = still_failed = 0
        for pk in ids:
            # One at a time: payloads can be large.
            raw = RawMessage.objects.filter(pk=pk).first()
            if raw is None:
                missing.append(pk)
                self.stderr.write(gettext("#%(id)d: no such raw message") % {"id": pk})
                continue
            message = reprocess(raw)
            if message is not None:
                processed += 1
                self.stdout.write(
                    gettext("#%(id)d (%(channel)s): processed, case %(case)s")
                    % {"id": raw.pk, "channel": raw.channel, "case": message.case.reference}
                )
            else:
                still_failed += 1
                self.stdout.write(
                    gettext(
                        "#%(id)d (%(channel)s): failed again (attempt %(attempts)d): %(reason)s"
                    )
                    % {
                        "id": raw.pk,
                        "channel": raw.channel,
                        "attempts": raw.attempts,
                        "reason": raw.error,
                    }
                )
        self.stdout.write(
            gettext("Processed: %(processed)d, still failed: %(failed)d")
            % {"processed": processed, "failed": still_failed}
        )
        if missing:
            raise CommandError(gettext("%(count)d id(s) not found.") % {"count": len(missing)})
