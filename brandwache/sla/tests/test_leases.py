"""Task leases: workers leave a heartbeat; the tasks of a worker not seen for the lease are
queued again, and failed once they have lost their worker too often."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from brandwache.cases.models import WorkerHeartbeat
from brandwache.cases.tasks import deliver_message
from brandwache.sla.leases import Heartbeat, WorkerLost, beat, reap_abandoned_tasks
from tests.workers import wait_until

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
LEASE = timedelta(seconds=120)


def running_task(*workers: str, started: timedelta) -> DBTaskResult:
    """A task claimed by each of `workers` in turn, the last one `started` ago."""
    task = DBTaskResult.objects.get(pk=deliver_message.enqueue(10**9).id)
    for worker in workers:
        task.claim(worker)
    DBTaskResult.objects.filter(pk=task.pk).update(started_at=timezone.now() - started)
    return task


def reap() -> tuple[int, int]:
    result = reap_abandoned_tasks(backend_name="default")
    return result.requeued, result.failed


def status_of(task: DBTaskResult) -> str:
    return DBTaskResult.objects.values_list("status", flat=True).get(pk=task.pk)


@pytest.mark.django_db
@override_settings(TASKS=DATABASE_TASKS)
def test_a_task_whose_worker_was_not_seen_for_the_lease_is_queued_again() -> None:
    beat("dead", now=timezone.now() - LEASE - timedelta(seconds=1))
    task = running_task("dead", started=timedelta(minutes=5))

    assert reap() == (1, 0)

    task.refresh_from_db()
    assert (task.status, task.started_at) == (TaskResultStatus.READY, None)
    assert task.worker_ids == ["dead"]  # counts the attempt


@pytest.mark.django_db
@override_settings(TASKS=DATABASE_TASKS)
def test_the_long_task_of_a_worker_seen_within_the_lease_keeps_running() -> None:
    beat("alive", now=timezone.now() - LEASE + timedelta(seconds=5))
    task = running_task("alive", started=timedelta(hours=3))

    assert reap() == (0, 0)
    assert status_of(task) == TaskResultStatus.RUNNING


@pytest.mark.django_db
@override_settings(TASKS=DATABASE_TASKS)
def test_a_task_of_a_worker_without_heartbeat_is_queued_again_only_after_the_lease() -> None:
    fresh = running_task("old-style", started=timedelta(seconds=30))
    stale = running_task("old-style", started=LEASE + timedelta(seconds=1))

    assert reap() == (1, 0)

    assert status_of(fresh) == TaskResultStatus.RUNNING
    assert status_of(stale) == TaskResultStatus.READY


@pytest.mark.django_db
@override_settings(TASKS=DATABASE_TASKS)
def test_a_task_that_lost_its_worker_every_time_fails_instead_of_looping(settings) -> None:
    settings.BRANDWACHE_TASK_ATTEMPTS = 3
    task = running_task("a", "b", "c", started=timedelta(minutes=5))

    assert reap() == (0, 1)

    task.refresh_from_db()
    assert task.status == TaskResultStatus.FAILED and task.finished_at is not None
    assert task.task_result.errors[0].exception_class is WorkerLost
    assert "a, b, c" in task.traceback


@pytest.mark.django_db
def test_heartbeats_of_workers_gone_for_a_day_are_deleted() -> None:
    beat("yesterday", now=timezone.now() - timedelta(days=1, seconds=1))
    beat("an-hour-ago", now=timezone.now() - timedelta(hours=1))

    reap()

    assert list(WorkerHeartbeat.objects.values_list("pk", flat=True)) == ["an-hour-ago"]


@pytest.mark.django_db(transaction=True)
def test_the_heartbeat_thread_beats_while_the_worker_itself_is_busy() -> None:
    beat("busy")
    first = WorkerHeartbeat.objects.get(pk="busy").last_seen
    heartbeat = Heartbeat("busy", interval=0.05)
    heartbeat.start()
    try:
        wait_until(
            lambda: WorkerHeartbeat.objects.get(pk="busy").last_seen > first,
            what="a heartbeat from the thread",
            timeout=30,
        )
    finally:
        heartbeat.stop()


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_a_worker_runs_a_task_left_running_by_a_dead_one_and_leaves_no_heartbeat() -> None:
    beat("dead", now=timezone.now() - LEASE - timedelta(seconds=1))
    task = running_task("dead", started=timedelta(minutes=5))

    call_command("worker", "--once", "--no-startup-delay", "--worker-id=next", verbosity=0)

    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL
    assert task.worker_ids == ["dead", "next"]
    assert not WorkerHeartbeat.objects.filter(pk="next").exists()
