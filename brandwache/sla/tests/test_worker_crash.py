"""A worker killed (SIGKILL) in the middle of a task: the next worker runs that task again.

Real processes: `brandwache worker` on the test's database with a lease of two seconds.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import connection, transaction
from django.tasks import TaskResultStatus
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from brandwache.cases import actions
from brandwache.contacts.actions import IdentityRef
from brandwache.contacts.models import Identity
from brandwache.intake.channels.base import ParsedMessage
from brandwache.triage.models import Triage
from brandwache.triage.tasks import triage_message
from tests.gate import gate, hold_at_gate, let_through
from tests.workers import wait_until, worker_environment, worker_process

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def status_of(task: DBTaskResult) -> str:
    return DBTaskResult.objects.values_list("status", flat=True).get(pk=task.pk)


@override_settings(TASKS=DATABASE_TASKS)
def test_a_task_running_when_its_worker_is_killed_is_run_again_by_the_next_worker(
    tmp_path,
) -> None:
    environment = worker_environment(TASK_LEASE_SECONDS="2")
    with gate() as held:
        task = DBTaskResult.objects.get(pk=hold_at_gate.enqueue(held.port).id)
        with worker_process("first", environment, tmp_path) as first:
            wait_until(held.arrival, what="the first worker to start the task", worker=first)
            first.kill()
        assert status_of(task) == TaskResultStatus.RUNNING  # what nobody cleaned up before

        with worker_process("second", environment, tmp_path) as second:
            arrival = wait_until(
                held.arrival, what="the second worker to run the task again", worker=second
            )
            let_through(arrival)
            wait_until(
                lambda: status_of(task) == TaskResultStatus.SUCCESSFUL,
                what="the task to finish",
                worker=second,
            )
            second.stop()

    task.refresh_from_db()
    assert task.worker_ids == ["first", "second"]
    assert task.return_value == "through the gate"


@contextmanager
def table_locked(table: str) -> Iterator[None]:
    """Hold an EXCLUSIVE lock on `table` from another connection: others may read it, but
    whoever writes to it waits until the block ends."""
    locked, release = threading.Event(), threading.Event()
    problems: list[BaseException] = []

    def hold() -> None:
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f'LOCK TABLE "{table}" IN EXCLUSIVE MODE')
                locked.set()
                release.wait(timeout=300)
        except BaseException as error:  # reported in the test's own thread
            problems.append(error)
            locked.set()
        finally:
            connection.close()

    holder = threading.Thread(target=hold)
    holder.start()
    assert locked.wait(timeout=60) and not problems, problems
    try:
        yield
    finally:
        release.set()
        holder.join(timeout=60)


def waiting_to_write(table: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock' AND query LIKE %s",
            [f'INSERT INTO "{table}"%'],
        )
        return cursor.fetchone()[0] > 0


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="holding a worker inside the triage needs PostgreSQL's table locks",
)
@override_settings(TASKS=DATABASE_TASKS, BRANDWACHE_TRIAGE=True)
def test_a_triage_whose_worker_is_killed_midway_is_completed_by_the_next_worker(
    tmp_path,
) -> None:
    environment = worker_environment(TASK_LEASE_SECONDS="2")
    table = Triage._meta.db_table
    with table_locked(table):
        message = actions.record_inbound_message(
            ParsedMessage(
                channel="email",
                sender=IdentityRef(Identity.Kind.EMAIL, "ruedi.meier@example.ch", "Ruedi Meier"),
                subject="Rechnung doppelt",
                text="Sie haben mir die Rechnung vom März doppelt abgebucht. Bitte erstatten.",
            ),
            None,
        )
        task = DBTaskResult.objects.get(task_path=triage_message.module_path)
        with worker_process("first", environment, tmp_path) as first:
            # The analysis is done; the worker waits to store it.
            wait_until(
                lambda: waiting_to_write(table),
                what="the first worker to reach the end of the triage",
                worker=first,
            )
            first.kill()
    assert status_of(task) == TaskResultStatus.RUNNING
    assert not Triage.objects.filter(message=message).exists()

    with worker_process("second", environment, tmp_path) as second:
        wait_until(
            lambda: status_of(task) == TaskResultStatus.SUCCESSFUL,
            what="the triage to be completed",
            worker=second,
        )
        second.stop()

    task.refresh_from_db()
    assert task.worker_ids == ["first", "second"]
    assert task.return_value != "already analysed"  # the second worker did the work
    assert Triage.objects.filter(message=message).count() == 1
