"""An agent sends a reply again: one that failed, or one stuck (no worker took it up)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from brandwache.cases import actions, replies
from brandwache.cases.models import CaseEvent, Message
from brandwache.cases.tests.test_delivery_attempts import queued_reply

pytestmark = pytest.mark.django_db

Delivery = Message.Delivery
LONG_AGO = timedelta(seconds=121)  # more than the task lease of 120 s


@pytest.fixture
def reply(agent, django_capture_on_commit_callbacks) -> Message:
    return queued_reply(agent, django_capture_on_commit_callbacks)


def retry(reply: Message, agent, django_capture_on_commit_callbacks) -> Message:
    with django_capture_on_commit_callbacks(execute=True):
        return replies.retry_delivery(reply.case, agent, reply.pk, ip="127.0.0.1")


def test_a_reply_stuck_in_the_queue_is_sent_again_and_the_retry_is_on_the_timeline(
    reply, agent, django_capture_on_commit_callbacks
) -> None:
    Message.objects.filter(pk=reply.pk).update(created_at=timezone.now() - LONG_AGO)

    retry(reply, agent, django_capture_on_commit_callbacks)

    reply.refresh_from_db()
    assert reply.delivery == Delivery.SENT
    assert len(mail.outbox) == 1
    event = reply.case.events.get(kind=CaseEvent.Kind.DELIVERY_RETRIED)
    assert (event.actor, event.message, event.ip_address) == (agent, reply, "127.0.0.1")
    assert event.data["was"] == Delivery.QUEUED


def test_a_reply_whose_worker_stopped_while_sending_can_be_sent_again(
    reply, agent, django_capture_on_commit_callbacks
) -> None:
    Message.objects.filter(pk=reply.pk).update(
        delivery=Delivery.SENDING,
        delivery_attempts=1,
        delivery_claimed_until=timezone.now() - timedelta(seconds=1),
    )

    retry(reply, agent, django_capture_on_commit_callbacks)

    reply.refresh_from_db()
    assert (reply.delivery, reply.delivery_attempts) == (Delivery.SENT, 1)
    assert reply.case.events.get(kind=CaseEvent.Kind.DELIVERY_RETRIED).data["was"] == "sending"


def test_a_failed_reply_gets_all_its_attempts_again(
    settings, reply, agent, django_capture_on_commit_callbacks
) -> None:
    settings.BRANDWACHE_DELIVERY_ATTEMPTS = 3
    Message.objects.filter(pk=reply.pk).update(
        delivery=Delivery.FAILED, delivery_attempts=3, delivery_error="421 Try later"
    )

    retry(reply, agent, django_capture_on_commit_callbacks)

    reply.refresh_from_db()
    assert (reply.delivery, reply.delivery_attempts, reply.delivery_error) == (
        Delivery.SENT,
        1,
        "",
    )
    event = reply.case.events.get(kind=CaseEvent.Kind.DELIVERY_RETRIED)
    assert event.data == {"was": "failed", "error": "421 Try later"}


@pytest.mark.parametrize(
    ("state", "claimed_for"),
    [
        (Delivery.QUEUED, None),  # queued a moment ago: its task will come
        (Delivery.SENDING, timedelta(seconds=60)),  # a worker holds it right now
        (Delivery.SENT, None),
    ],
)
def test_a_reply_that_is_neither_failed_nor_stuck_cannot_be_retried(
    reply, agent, state, claimed_for
) -> None:
    claimed_until = timezone.now() + claimed_for if claimed_for else None
    Message.objects.filter(pk=reply.pk).update(delivery=state, delivery_claimed_until=claimed_until)

    with pytest.raises(actions.CaseActionError):
        replies.retry_delivery(reply.case, agent, reply.pk)

    assert not reply.case.events.filter(kind=CaseEvent.Kind.DELIVERY_RETRIED).exists()
    assert Message.objects.get(pk=reply.pk).delivery == state
