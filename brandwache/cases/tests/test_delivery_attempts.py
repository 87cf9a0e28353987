"""One delivery attempt of a reply: claimed first, marked sent only after the server said yes,
tried again after temporary failures, failed at once on a permanent refusal."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from brandwache.cases import actions, replies
from brandwache.cases.delivery import deliver, pause_after
from brandwache.cases.models import Message
from brandwache.cases.tasks import deliver_message
from brandwache.contacts.actions import IdentityRef
from brandwache.contacts.models import Identity
from brandwache.intake.channels.base import ParsedMessage
from tests.environment import free_port

pytestmark = pytest.mark.django_db

Delivery = Message.Delivery
seen_while_sending: list[tuple[str, int]] = []


class WatchingBackend(BaseEmailBackend):
    """Notes the reply's state at the moment the mail is handed over, then accepts it."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        for sent in email_messages:
            message_id = str(sent.extra_headers["Message-ID"]).strip("<>")
            reply = Message.objects.get(message_id=message_id)
            seen_while_sending.append((reply.delivery, reply.delivery_attempts))
        return len(email_messages)


def queued_reply(agent, django_capture_on_commit_callbacks) -> Message:
    """A reply in the outbox whose delivery task has not run."""
    complaint = actions.record_inbound_message(
        ParsedMessage(
            channel="email",
            sender=IdentityRef(Identity.Kind.EMAIL, "ruedi.meier@example.ch", "Ruedi Meier"),
            subject="Zug verpasst",
            text="Der Zug hatte 40 Minuten Verspätung.",
        ),
        None,
    )
    with django_capture_on_commit_callbacks(execute=False):
        return replies.record_reply(complaint.case, agent, "Grüezi Herr Meier")


@pytest.fixture
def reply(agent, django_capture_on_commit_callbacks) -> Message:
    return queued_reply(agent, django_capture_on_commit_callbacks)


def mailer(settings, options: dict[str, object]) -> None:
    backend = "django.core.mail.backends.smtp.EmailBackend"
    settings.MAILERS = {"default": {"BACKEND": backend, "OPTIONS": options}}


class Refusing:
    """An SMTP server that answers the recipient or the data with the given reply."""

    def __init__(self, *, rcpt: str = "", data: str = "") -> None:
        self.rcpt, self.data = rcpt, data

    async def handle_RCPT(self, server, conversation, envelope, address, options):  # noqa: N802
        if self.rcpt:
            return self.rcpt
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, conversation, envelope):  # noqa: N802
        return self.data or "250 Message accepted for delivery"


@pytest.fixture
def refusing(settings) -> Iterator[Refusing]:
    handler = Refusing()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    mailer(settings, {"host": "127.0.0.1", "port": controller.port, "timeout": 5})
    try:
        yield handler
    finally:
        controller.stop()


def test_a_reply_is_claimed_before_it_is_handed_over_and_marked_sent_only_after(
    settings, reply
) -> None:
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.WatchingBackend"}}
    seen_while_sending.clear()

    assert deliver(reply.pk) == "sent"

    assert seen_while_sending == [(Delivery.SENDING, 1)]
    reply.refresh_from_db()
    assert reply.delivery == Delivery.SENT and reply.delivered_at is not None
    assert reply.delivery_claimed_until is None


def test_a_reply_held_by_a_running_claim_is_not_sent_a_second_time(reply) -> None:
    now = timezone.now()
    Message.objects.filter(pk=reply.pk).update(
        delivery=Delivery.SENDING, delivery_claimed_until=now + timedelta(seconds=60)
    )

    assert deliver(reply.pk, now=now) == "not due, or handled elsewhere"

    assert mail.outbox == []


def test_a_reply_whose_claim_expired_is_sent_again_with_the_same_message_id(reply) -> None:
    now = timezone.now()
    Message.objects.filter(pk=reply.pk).update(
        delivery=Delivery.SENDING,
        delivery_attempts=1,
        delivery_claimed_until=now - timedelta(seconds=1),
    )

    assert deliver(reply.pk, now=now) == "sent"

    assert mail.outbox[0].extra_headers["Message-ID"] == f"<{reply.message_id}>"
    reply.refresh_from_db()
    assert (reply.delivery, reply.delivery_attempts) == (Delivery.SENT, 2)


def test_a_refused_connection_queues_the_reply_again_after_a_pause(settings, reply) -> None:
    mailer(settings, {"host": "127.0.0.1", "port": free_port(), "timeout": 2})
    now = timezone.now()

    deliver(reply.pk, now=now)

    reply.refresh_from_db()
    assert reply.delivery == Delivery.QUEUED
    assert reply.delivery_due_at == now + timedelta(minutes=1)
    assert "refused" in reply.delivery_error.lower()
    assert deliver(reply.pk, now=now + timedelta(seconds=59)) == "not due, or handled elsewhere"


def test_after_the_last_attempt_a_refused_connection_leaves_the_reply_failed(
    settings, reply
) -> None:
    settings.BRANDWACHE_DELIVERY_ATTEMPTS = 3
    mailer(settings, {"host": "127.0.0.1", "port": free_port(), "timeout": 2})
    now = timezone.now()

    for _attempt in range(3):
        deliver(reply.pk, now=now)
        reply.refresh_from_db()
        now = reply.delivery_due_at or now

    assert (reply.delivery, reply.delivery_attempts) == (Delivery.FAILED, 3)
    assert "refused" in reply.delivery_error.lower()
    assert deliver(reply.pk, now=now + timedelta(days=1)) == "not due, or handled elsewhere"


def test_a_temporary_refusal_by_the_server_is_tried_again(refusing, reply) -> None:
    refusing.data = "451 4.3.0 Mailbox temporarily unavailable"

    deliver(reply.pk)

    reply.refresh_from_db()
    assert reply.delivery == Delivery.QUEUED
    assert reply.delivery_error == "451 4.3.0 Mailbox temporarily unavailable"


def test_a_permanent_refusal_fails_at_once_with_the_servers_reason(refusing, reply) -> None:
    refusing.rcpt = "550 5.1.1 No such user here"

    deliver(reply.pk)

    reply.refresh_from_db()
    assert (reply.delivery, reply.delivery_attempts) == (Delivery.FAILED, 1)
    assert reply.delivery_error == "ruedi.meier@example.ch: 550 5.1.1 No such user here"


def test_an_accepted_reply_is_not_sent_again(refusing, reply) -> None:
    deliver(reply.pk)
    reply.refresh_from_db()
    assert reply.delivery == Delivery.SENT
    assert deliver(reply.pk) == "not due, or handled elsewhere"


def test_the_pauses_between_attempts_grow_and_stay_within_an_hour() -> None:
    assert [pause_after(n) for n in range(1, 6)] == [
        timedelta(minutes=1),
        timedelta(minutes=4),
        timedelta(minutes=16),
        timedelta(hours=1),
        timedelta(hours=1),
    ]


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_with_a_database_queue_the_next_attempt_is_a_task_that_waits_for_its_time(
    settings, reply
) -> None:
    mailer(settings, {"host": "127.0.0.1", "port": free_port(), "timeout": 2})

    deliver(reply.pk)

    reply.refresh_from_db()
    task = DBTaskResult.objects.get(task_path=deliver_message.module_path)
    assert task.args_kwargs["args"] == [reply.pk]
    assert task.run_after == reply.delivery_due_at
