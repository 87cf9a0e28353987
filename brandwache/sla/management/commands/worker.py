"""`brandwache worker`: queued tasks (all queues), the SLA pass and the listening pass,
until stopped.

`--once`: one SLA pass and one listening pass, then the queued tasks until the queue is
empty; then exit.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser
from django.tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand
from django_tasks_db.management.commands.db_worker import valid_interval

from brandwache.sla.runner import SlaWorker


class Command(DatabaseWorkerCommand):
    help = (
        "Run background tasks (mail delivery, imports), the service-level pass "
        "(reminders, escalations) and the listening pass (due sources, spikes); "
        "start more for more throughput."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--once",
            action="store_true",
            help="One SLA pass and one listening pass, then the queued tasks until the queue "
            "is empty; then exit.",
        )
        parser.add_argument(
            "--sla-interval",
            type=valid_interval,
            default=None,
            help="Seconds between SLA passes (default: BRANDWACHE_SLA_INTERVAL).",
        )
        parser.add_argument(
            "--listen-interval",
            type=valid_interval,
            default=None,
            help="Seconds between listening passes (due sources, spikes); 0: none "
            "(default: BRANDWACHE_LISTEN_INTERVAL).",
        )
        # No backend named: the default one, whose tasks run here only if it is the
        # database backend (otherwise they run inline and this worker does SLA passes).
        parser.set_defaults(queue_name="*", backend_name=None)

    def handle(self, *args: Any, **options: Any) -> None:
        self.configure_logging(options["verbosity"])
        logging.getLogger("brandwache.sla").setLevel(
            logging.WARNING if options["verbosity"] == 0 else logging.INFO
        )
        backend_name = options["backend_name"] or DEFAULT_TASK_BACKEND_ALIAS
        once = options["once"] or options["batch"]
        reload = options["reload"] and not once
        queue_names = options["queue_name"].split(",")
        excluded = options["exclude_queues"].split(",") if options["exclude_queues"] else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        listen_interval = options["listen_interval"]
        if listen_interval is None:  # 0 given on the command line switches listening off
            listen_interval = settings.BRANDWACHE_LISTEN_INTERVAL
        worker = SlaWorker(
            sla_interval=options["sla_interval"] or settings.BRANDWACHE_SLA_INTERVAL,
            listen_interval=max(float(listen_interval), 0.0),
            run_tasks=isinstance(task_backends[backend_name], DatabaseBackend),
            queue_names=queue_names,
            interval=options["interval"],
            batch=once,
            backend_name=backend_name,
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=excluded,
        )
        if reload:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()  # only the reloaded child handles signals
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
