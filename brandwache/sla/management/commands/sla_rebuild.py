"""`brandwache sla-rebuild`: clocks from the timelines of cases that have none, or of named ones."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from brandwache.cases.models import Case
from brandwache.sla.models import SlaClock
from brandwache.sla.replay import rebuild


class Command(BaseCommand):
    help = (
        "Rebuild service-level clocks from case timelines, each event at its own time; what "
        "became due since is recorded without notifying anyone."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("references", nargs="*", help="case references, e.g. BW-2026-00042")
        parser.add_argument(
            "--missing",
            action="store_true",
            help="every open case without clocks (after switching service levels on)",
        )

    def handle(self, *args: Any, references: list[str], missing: bool, **options: Any) -> None:
        if not references and not missing:
            raise CommandError("Name case references or use --missing.")
        cases = Case.objects.none()
        if references:
            cases = Case.objects.filter(reference__in=references)
            unknown = set(references) - set(cases.values_list("reference", flat=True))
            if unknown:
                raise CommandError(f"No such case: {', '.join(sorted(unknown))}")
        if missing:
            without = (
                Case.objects.exclude(status__in=[Case.Status.RESOLVED, Case.Status.CLOSED])
                .filter(merged_into__isnull=True)
                .exclude(pk__in=SlaClock.objects.values("case_id"))
            )
            cases = cases | without
        done = 0
        for case in cases.order_by("pk").iterator():
            rebuild(case)
            done += 1
        self.stdout.write(f"Clocks rebuilt for {done} cases.")
