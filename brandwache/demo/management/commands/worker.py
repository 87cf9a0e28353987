"""`brandwache worker`: run background tasks from the database queue (all queues)."""

from __future__ import annotations

from django.core.management.base import CommandParser
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand


class Command(DatabaseWorkerCommand):
    help = "Run background tasks (mail delivery, imports); start more for more throughput."

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(queue_name="*")
