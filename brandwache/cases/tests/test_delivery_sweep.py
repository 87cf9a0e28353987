"""The outbox sweep of every worker pass: replies whose task was lost get a new one."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.tasks import TaskResultStatus
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from brandwache.cases.delivery import WORKER_LOST, sweep_outbox
from brandwache.cases.models import Message
from brandwache.cases.tasks import deliver_message
from brandwache.cases.tests.test_delivery_attempts import queued_reply

pytestmark = pytest.mark.django_db

Delivery = Message.Delivery
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
LEASE = timedelta(seconds=120)


@pytest.fixture
def reply(agent, django_capture_on_commit_callbacks) -> Message:
    return queued_reply(agent, django_capture_on_commit_callbacks)


def delivery_tasks() -> list[list[object]]:
    tasks = DBTaskResult.objects.filter(task_path=deliver_message.module_path)
    return [task.args_kwargs["args"] for task in tasks]


@override_settings(TASKS=DATABASE_TASKS)
def test_a_reply_queued_longer_than_the_lease_without_a_task_gets_one(reply) -> None:
    later = reply.created_at + LEASE + timedelta(seconds=1)

    result = sweep_outbox(now=later)

    assert result.queued_again == 1
    assert delivery_tasks() == [[reply.pk]]
    reply.refresh_from_db()
    assert (reply.delivery, reply.delivery_due_at) == (Delivery.QUEUED, later)
    # Queued again just now: the next pass leaves it to its task.
    assert sweep_outbox(now=later + timedelta(seconds=30)).queued_again == 0
    assert len(delivery_tasks()) == 1


@override_settings(TASKS=DATABASE_TASKS)
def test_a_reply_with_a_task_waiting_in_the_queue_is_left_to_it(reply) -> None:
    deliver_message.enqueue(reply.pk)

    result = sweep_outbox(now=reply.created_at + LEASE * 10)

    assert result.queued_again == 0
    assert len(delivery_tasks()) == 1


@override_settings(TASKS=DATABASE_TASKS)
def test_a_reply_queued_within_the_lease_is_left_alone(reply) -> None:
    assert sweep_outbox(now=reply.created_at + LEASE - timedelta(seconds=1)).queued_again == 0
    assert delivery_tasks() == []


@override_settings(TASKS=DATABASE_TASKS)
def test_a_reply_held_by_an_expired_claim_and_no_task_is_queued_again(reply) -> None:
    now = timezone.now()
    Message.objects.filter(pk=reply.pk).update(
        delivery=Delivery.SENDING, delivery_attempts=1, delivery_claimed_until=now
    )
    assert sweep_outbox(now=now).queued_again == 0  # the claim still holds

    result = sweep_outbox(now=now + timedelta(seconds=1))

    assert result.queued_again == 1
    assert delivery_tasks() == [[reply.pk]]
    reply.refresh_from_db()
    assert (reply.delivery, reply.delivery_attempts) == (Delivery.QUEUED, 1)


@override_settings(TASKS=DATABASE_TASKS)
def test_a_reply_whose_running_task_belongs_to_a_worker_is_left_to_it(reply) -> None:
    now = timezone.now()
    task = DBTaskResult.objects.get(pk=deliver_message.enqueue(reply.pk).id)
    task.claim("worker-a")
    Message.objects.filter(pk=reply.pk).update(
        delivery=Delivery.SENDING, delivery_attempts=1, delivery_claimed_until=now
    )

    assert sweep_outbox(now=now + LEASE).queued_again == 0
    assert DBTaskResult.objects.get(pk=task.pk).status == TaskResultStatus.RUNNING


def test_a_reply_whose_worker_stopped_on_every_attempt_is_failed(settings, reply) -> None:
    settings.BRANDWACHE_DELIVERY_ATTEMPTS = 2
    now = timezone.now()
    Message.objects.filter(pk=reply.pk).update(
        delivery=Delivery.SENDING, delivery_attempts=2, delivery_claimed_until=now
    )

    result = sweep_outbox(now=now + timedelta(seconds=1))

    assert (result.failed, result.queued_again) == (1, 0)
    reply.refresh_from_db()
    assert (reply.delivery, reply.delivery_error) == (Delivery.FAILED, WORKER_LOST)
    assert mail.outbox == []


def test_with_tasks_run_inline_a_lost_reply_is_sent_by_the_sweep_itself(reply) -> None:
    long_ago = timezone.now() - LEASE - timedelta(seconds=1)
    Message.objects.filter(pk=reply.pk).update(created_at=long_ago)

    result = sweep_outbox()

    assert result.queued_again == 1
    assert [sent.to for sent in mail.outbox] == [["ruedi.meier@example.ch"]]
    reply.refresh_from_db()
    assert reply.delivery == Delivery.SENT
