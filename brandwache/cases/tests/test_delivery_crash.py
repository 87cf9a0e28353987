"""A worker killed (SIGKILL) while the mail server holds a reply: the reply is not shown as
sent, and the next worker sends it and marks it sent only once the server accepted it.

Real processes: `brandwache worker` on the test's database, an SMTP server on loopback that
holds each mail after its final dot until the test lets it in.
"""

from __future__ import annotations

import pytest
from django.tasks import TaskResultStatus
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from brandwache.cases import actions, replies
from brandwache.cases.models import Message
from brandwache.cases.tasks import deliver_message
from brandwache.contacts.actions import IdentityRef
from brandwache.contacts.models import Identity
from brandwache.intake.channels.base import ParsedMessage
from tests.slow_smtp import GatedMailbox, HeldMail, gated_smtp_server
from tests.workers import WorkerProcess, wait_until, worker_environment, worker_process

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
LEASE_SECONDS = "2"


def next_mail(smtp: GatedMailbox, worker: WorkerProcess, what: str) -> HeldMail:
    return wait_until(smtp.arrival, what=what, worker=worker)


def delivery_of(reply: Message) -> str:
    return Message.objects.values_list("delivery", flat=True).get(pk=reply.pk)


@override_settings(TASKS=DATABASE_TASKS, BRANDWACHE_TRIAGE=False)
def test_a_reply_whose_worker_is_killed_during_smtp_is_sent_by_the_next_worker(
    agent, tmp_path
) -> None:
    complaint = actions.record_inbound_message(
        ParsedMessage(
            channel="email",
            sender=IdentityRef(Identity.Kind.EMAIL, "ruedi.meier@example.ch", "Ruedi Meier"),
            subject="Zug verpasst",
            text="Der Zug hatte 40 Minuten Verspätung.",
            message_id="<zug-1@kunde.example>",
        ),
        None,
    )
    reply = replies.record_reply(complaint.case, agent, "Grüezi Herr Meier, es tut uns leid.")
    task = DBTaskResult.objects.get(task_path=deliver_message.module_path)

    with gated_smtp_server() as smtp:
        environment = worker_environment(
            TASK_LEASE_SECONDS=LEASE_SECONDS,
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(smtp.port),
            EMAIL_TIMEOUT="60",
        )
        with worker_process("first", environment, tmp_path) as first:
            held = next_mail(smtp, first, "the first worker's mail to reach the server")
            assert held.message_id == f"<{reply.message_id}>"
            assert delivery_of(reply) == Message.Delivery.SENDING
            first.kill()  # after the final dot, before the server's answer

        reply.refresh_from_db()
        assert reply.delivery == Message.Delivery.SENDING  # not shown as sent
        assert reply.delivered_at is None and smtp.accepted == []
        task.refresh_from_db()
        assert task.status == TaskResultStatus.RUNNING  # the killed worker's, until reaped

        with worker_process("second", environment, tmp_path) as second:
            again = next_mail(smtp, second, "the second worker to send the reply again")
            # The same Message-ID: should the server have kept the first copy, the customer's
            # mail program shows the two as one mail.
            assert again.message_id == held.message_id
            assert delivery_of(reply) == Message.Delivery.SENDING  # the server holds it
            again.gate.set()
            wait_until(
                lambda: delivery_of(reply) == Message.Delivery.SENT,
                what="the reply to be marked sent",
                worker=second,
            )
            assert smtp.accepted == [again]
            second.stop()

    reply.refresh_from_db()
    assert reply.delivered_at is not None and reply.delivery_error == ""
    assert reply.delivery_attempts == 2
    task.refresh_from_db()
    # The very task the first worker was killed in, run again by the second.
    assert task.status == TaskResultStatus.SUCCESSFUL, task.traceback
    assert task.worker_ids == ["first", "second"]
    assert task.return_value == "sent"
