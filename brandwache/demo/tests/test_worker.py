from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from brandwache.cases import actions
from brandwache.cases.models import Message
from brandwache.intake.pipeline import ingest

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_the_worker_command_delivers_a_queued_reply(agent):
    from django_tasks_db.models import DBTaskResult

    payload = (
        b"From: Petra Muster <petra@example.ch>\r\nTo: kundendienst@example.ch\r\n"
        b"Subject: Doppelte Rechnung\r\nMessage-ID: <w1@example.ch>\r\n\r\nBitte pruefen.\r\n"
    )
    case = ingest("email", payload).message.case
    reply = actions.record_reply(case, agent, "Guten Tag Frau Muster, wir erstatten ...")
    assert DBTaskResult.objects.count() == 1
    assert mail.outbox == []

    call_command("worker", "--batch", "--no-startup-delay", verbosity=0)

    reply.refresh_from_db()
    assert reply.delivery == Message.Delivery.SENT
    assert [sent.to for sent in mail.outbox] == [["petra@example.ch"]]
