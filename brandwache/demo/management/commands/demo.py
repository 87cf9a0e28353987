"""`brandwache demo`: load the demo desk (teams, staff, cases on every channel)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from brandwache.demo.data import load_demo


class Command(BaseCommand):
    help = "Load the demo data: teams, staff and cases on every channel. Safe to run again."

    def handle(self, *args: Any, **options: Any) -> None:
        result = load_demo()
        self.stdout.write(
            f"Demo data: {len(result.loaded)} stories loaded, "
            f"{len(result.skipped)} already present."
        )
