"""`brandwache worker --once`: one SLA pass, then the queued tasks until none is left."""

from datetime import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from brandwache.cases import actions, replies
from brandwache.cases.models import CaseEvent, Message
from brandwache.notifications.models import Notification
from brandwache.sla.models import SlaClock, SlaClockEvent
from brandwache.sla.tests.helpers import ZURICH, clock, open_case
from brandwache.sla.timesource import pinned

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Long enough ago that every threshold has passed whenever the test runs.
LONG_AGO = datetime(2025, 1, 6, 9, 0, tzinfo=ZURICH)


@pytest.mark.django_db
def test_worker_once_catches_up_on_a_case_nobody_answered(
    agent, team, team_lead, django_capture_on_commit_callbacks
) -> None:
    case = open_case(LONG_AGO)
    with pinned(LONG_AGO):
        actions.assign_case(case, agent, owner=agent, team=team)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("worker", "--once", "--no-startup-delay", verbosity=0)

    first = clock(case, SlaClock.Kind.FIRST_RESPONSE)
    assert (first.state, first.escalation_level, first.next_check_at) == ("breached", 2, None)
    assert SlaClockEvent.objects.filter(kind="breached").count() == 2  # first response, resolution
    assert CaseEvent.objects.filter(case=case, kind=CaseEvent.Kind.ESCALATED).count() == 6
    assert Notification.objects.filter(recipient=team_lead, kind="sla_escalation").count() == 4
    assert sum(m.to == ["tamara@example.ch"] for m in mail.outbox) == 4


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_worker_once_also_runs_queued_tasks_including_the_mail_its_pass_queued(
    agent, sla_defaults
) -> None:
    from django_tasks_db.models import DBTaskResult

    case = open_case(LONG_AGO)
    actions.assign_case(case, agent, owner=agent, team=None)
    reply = replies.record_reply(case, agent, "Guten Tag Frau Muster, wir prüfen das.")
    Message.objects.filter(pk=reply.pk).update(sent_at=LONG_AGO)
    resolution = clock(case, SlaClock.Kind.RESOLUTION)
    assert resolution.next_check_at is not None
    assert mail.outbox == []

    call_command("worker", "--once", "--no-startup-delay", verbosity=0)

    reply.refresh_from_db()
    assert reply.delivery == Message.Delivery.SENT
    assert ["petra@example.ch"] in [m.to for m in mail.outbox]
    staff = [m for m in mail.outbox if m.to == ["anna@example.ch"]]
    assert len(staff) == Notification.objects.filter(recipient=agent).count() >= 1
    assert not DBTaskResult.objects.ready().exists()
