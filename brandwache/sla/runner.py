"""The `brandwache worker` loop: queued tasks and, every few seconds, an SLA pass and a
listening pass.

Built on django-tasks-db's `Worker`: its signal handling (first Ctrl-C or
SIGTERM finishes the current task, the second one ends it), its task
claiming (`get_locked` + `claim`, an exclusive transaction on SQLite) and
its `run_task` are used as they are. Only the loop is ours, because it
schedules more kinds of work: besides tasks and SLA passes, the listening
pass (`listening/schedule.py`: poll the due sources, check for spikes) every
`listen_interval` seconds (0: never), and four times per task lease an upkeep
that keeps the worker's heartbeat fresh, re-queues the tasks of workers that
died (`leases.py`) and the replies whose task was lost (`cases/delivery.py`).
An SLA pass, listening pass or upkeep counts as a running task, so a shutdown
waits for the batch in hand and starts no other.
"""

from __future__ import annotations

import logging
import random
import time

from django.conf import settings
from django.db import DatabaseError, OperationalError, close_old_connections, connection
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from brandwache.cases.delivery import sweep_outbox
from brandwache.sla.leases import Heartbeat, beat, forget, reap_abandoned_tasks
from brandwache.sla.passes import run_pass

log = logging.getLogger("brandwache.sla.worker")


def _refresh_connections() -> None:
    """Drop expired or broken connections, as after a request; not inside a transaction
    someone else holds (a test calling the command), which it would cut."""
    if not connection.in_atomic_block:
        close_old_connections()


class SlaWorker(Worker):
    def __init__(
        self, *, sla_interval: float, listen_interval: float, run_tasks: bool, **options: object
    ) -> None:
        super().__init__(**options)  # type: ignore[arg-type]
        self.sla_interval = sla_interval
        self.listen_interval = listen_interval  # 0: no listening here
        self.run_tasks = run_tasks
        self.passes = 0
        self.listening_passes = 0
        self.upkeep_interval = max(settings.BRANDWACHE_TASK_LEASE_SECONDS / 4, 0.1)

    def run(self) -> None:
        beat(self.worker_id)
        # A one-off run (`--once`, maybe inside a caller's transaction) beats from its loop.
        heartbeat = None if self.batch else Heartbeat(self.worker_id, interval=self.upkeep_interval)
        if heartbeat is not None:
            heartbeat.start()
        try:
            self.loop()
        finally:
            if heartbeat is not None:
                heartbeat.stop()
            try:
                forget(self.worker_id)
            except DatabaseError:  # the heartbeat then just grows old, which is as good
                log.warning("Could not remove the heartbeat of worker %s", self.worker_id)

    def loop(self) -> None:
        listening = self.listen_interval > 0
        log.info(
            "Starting worker worker_id=%s tasks=%s SLA pass every %s s listening %s",
            self.worker_id,
            ",".join(self.queue_names) if self.run_tasks else "inline, not here",
            self.sla_interval,
            f"every {self.listen_interval} s" if listening else "off",
        )
        if self.startup_delay and self.interval and not self.batch:
            time.sleep(random.random())  # noqa: S311  (spread workers started together)
        next_pass = next_upkeep = next_listen = time.monotonic()
        while self.running:
            _refresh_connections()
            if time.monotonic() >= next_upkeep:
                self.upkeep()
                next_upkeep = time.monotonic() + self.upkeep_interval
            if time.monotonic() >= next_pass and not (self.batch and self.passes):
                self.sla_pass()
                next_pass = time.monotonic() + self.sla_interval
            # After the SLA pass: a slow source never delays a reminder.
            if (
                listening
                and self.running
                and time.monotonic() >= next_listen
                and not (self.batch and self.listening_passes)
            ):
                self.listening_pass()
                next_listen = time.monotonic() + self.listen_interval
            outcome = self.run_next_task() if self.run_tasks else False
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                log.info("Ran the maximum of %d tasks; stopping.", self._run_tasks)
                return
            if self.batch and outcome is False:
                log.info("One SLA pass done and no task left; stopping.")
                return
            _refresh_connections()
            if self.running and not outcome:
                due = [next_pass, next_upkeep, *([next_listen] if listening else [])]
                wake = min(due) - time.monotonic()
                time.sleep(max(0.0, min(self.interval, wake)))

    def upkeep(self) -> None:
        """Heartbeat; tasks of dead workers and replies whose task was lost queued again."""
        self.running_task = True
        try:
            beat(self.worker_id)
            if self.run_tasks:
                reap_abandoned_tasks(backend_name=self.backend_name)
            sweep_outbox()
        except Exception:
            if self.batch:
                raise
            log.exception("The upkeep failed; trying again in %s s", self.upkeep_interval)
        finally:
            self.running_task = False

    def sla_pass(self) -> None:
        self.running_task = True
        try:
            result = run_pass(keep_going=lambda: self.running)
        except Exception:
            if self.batch:
                raise
            log.exception("The SLA pass failed; trying again in %s s", self.sla_interval)
            return
        finally:
            self.running_task = False
            self.passes += 1
        if result.checked:
            log.info(
                "SLA pass: %d clocks checked, %d reminders, %d breaches, %d escalations, "
                "%d left for later",
                result.checked,
                result.reminders,
                result.breaches,
                result.escalations,
                result.deferred,
            )

    def listening_pass(self) -> None:
        """Poll the due listening sources and check for spikes, as `listen --once` does."""
        # Imported here: the listening app loads the text analysis, which a worker that
        # does not listen never needs.
        from brandwache.listening.schedule import listen_once

        self.running_task = True
        try:
            result = listen_once()
        except Exception:
            if self.batch:
                raise
            log.exception("The listening pass failed; trying again in %s s", self.listen_interval)
            return
        finally:
            self.running_task = False
            self.listening_passes += 1
        for polled in result.polled:
            if polled.error:
                log.warning("Listening source %s: %s", polled.source.name, polled.error)
        if result.polled or result.spikes:
            log.info(
                "Listening pass: %d sources polled, %d posts, %d mentions, %d cases, "
                "%d failed items, %d source errors, %d new spike alerts",
                len(result.polled),
                result.total("posts"),
                result.total("mentions"),
                result.total("cases"),
                result.total("failed"),
                result.errors,
                result.spikes,
            )

    def run_next_task(self) -> bool | None:
        """Run one queued task: True if one ran, False if none is ready, None if the
        database was locked (so nobody can tell)."""
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        with exclusive_transaction(tasks.db):
            try:
                task_result = tasks.get_locked()
                if task_result is not None:
                    task_result.claim(self.worker_id)  # no other worker will run it
            except OperationalError as error:
                if is_locked_database_exception(error):
                    return None
                raise
        if task_result is None:
            return False
        self.run_task(task_result)
        return True
