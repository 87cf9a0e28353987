"""Leases of background tasks: a task whose worker died is run again by another one.

Every `brandwache worker` keeps a `WorkerHeartbeat` row fresh: its loop and a small thread
(so also while a long task runs) write `last_seen` four times per lease. A task still
marked running whose worker has not been seen for `TASK_LEASE_SECONDS` (killed, its machine
gone) is put back in the queue by the next pass of any worker; after `TASK_ATTEMPTS` tries
it is marked failed instead, so a task that kills its worker cannot loop forever.

Tasks may therefore run more than once; they are written to tolerate that (a reply keeps its
Message-ID, a triaged message is not triaged twice).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import DatabaseError, connection
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from brandwache.cases.models import WorkerHeartbeat

log = logging.getLogger("brandwache.sla.worker")

# Heartbeats of workers gone this long are deleted; until then they show who ran what.
FORGET_AFTER = timedelta(days=1)


class WorkerLost(Exception):
    """Recorded on a task whose worker stopped while running it, on every attempt."""


def lease() -> timedelta:
    return timedelta(seconds=settings.BRANDWACHE_TASK_LEASE_SECONDS)


def beat(worker_id: str, *, now: datetime | None = None) -> None:
    """Say that this worker is alive (and register it the first time)."""
    now = now or timezone.now()
    if WorkerHeartbeat.objects.filter(pk=worker_id).update(last_seen=now):
        return
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"last_seen": now},
        create_defaults={
            "last_seen": now,
            "started_at": now,
            "host": socket.gethostname()[:255],
            "pid": os.getpid(),
        },
    )


def forget(worker_id: str) -> None:
    """A worker that stops cleanly removes its heartbeat; it holds no task any more."""
    WorkerHeartbeat.objects.filter(pk=worker_id).delete()


class Heartbeat:
    """Beats for a worker from a thread of its own, also while the worker runs a long task."""

    def __init__(self, worker_id: str, *, interval: float) -> None:
        self.worker_id = worker_id
        self.interval = interval
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="heartbeat", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join(timeout=max(self.interval, 1.0) + 30)

    def _run(self) -> None:
        try:
            while not self._stopping.wait(self.interval):
                try:
                    beat(self.worker_id)
                except DatabaseError as error:
                    # A busy or restarting database: the next beat tries again.
                    log.warning("Heartbeat of worker %s failed: %s", self.worker_id, error)
                    connection.close()
        finally:
            connection.close()  # this thread's own connection


@dataclass
class ReapResult:
    requeued: int = 0
    failed: int = 0


def reap_abandoned_tasks(*, backend_name: str, now: datetime | None = None) -> ReapResult:
    """Put running tasks whose worker was not seen for the lease back in the queue, or mark
    them failed once they have used up their attempts."""
    now = now or timezone.now()
    cutoff = now - lease()
    alive = set(
        WorkerHeartbeat.objects.filter(last_seen__gte=cutoff).values_list("worker_id", flat=True)
    )
    result = ReapResult()
    running = DBTaskResult.objects.running().filter(
        backend_name=backend_name, started_at__lt=cutoff
    )
    for task in running.only("id", "worker_ids", "started_at", "task_path"):
        worker = task.worker_ids[-1] if task.worker_ids else None
        if worker in alive:
            continue  # a long task of a live worker
        same = DBTaskResult.objects.filter(
            pk=task.pk, status=TaskResultStatus.RUNNING, started_at=task.started_at
        )
        attempts = len(task.worker_ids)
        if attempts >= settings.BRANDWACHE_TASK_ATTEMPTS:
            if same.update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                return_value=None,
                exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
                traceback=(
                    f"{WorkerLost.__qualname__}: the worker running this task stopped "
                    f"(workers {', '.join(task.worker_ids)}); given up after {attempts} "
                    "attempts.\n"
                ),
            ):
                result.failed += 1
                log.error(
                    "Task %s (%s) lost its worker %d times; marked failed",
                    task.pk,
                    task.task_path,
                    attempts,
                )
        elif same.update(status=TaskResultStatus.READY, started_at=None):
            result.requeued += 1
            log.warning(
                "Task %s (%s) lost its worker %s; queued again (attempt %d of %d next)",
                task.pk,
                task.task_path,
                worker,
                attempts + 1,
                settings.BRANDWACHE_TASK_ATTEMPTS,
            )
    WorkerHeartbeat.objects.filter(last_seen__lt=now - FORGET_AFTER).delete()
    return result
