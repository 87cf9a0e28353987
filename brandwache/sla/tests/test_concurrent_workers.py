"""Four workers at once over the same due clocks: each reminder and escalation happens once.

PostgreSQL only: there the workers claim rows with SKIP LOCKED. (SQLite has one
writer at a time; its batches cannot overlap.)
"""

import threading

import pytest
from django.core import mail
from django.db import connection, connections

from brandwache.cases import actions
from brandwache.cases.models import CaseEvent
from brandwache.notifications.models import Notification
from brandwache.sla.models import SlaClockEvent
from brandwache.sla.passes import PassResult, run_pass
from brandwache.sla.tests.helpers import local, open_case
from brandwache.sla.timesource import pinned

WORKERS = 4
PER_KIND = 15
NOW = local(24, 11, 30)  # Tuesday


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_four_workers_at_once_remind_and_escalate_each_clock_exactly_once(
    agent, team, team_lead, sla_defaults
) -> None:
    # Opened Friday 16:00: breached Monday 12:00, deputy step then, team lead at 14:00.
    # Opened Monday 16:00: only the reminder (Tuesday 11:00) is due.
    for index in range(2 * PER_KIND):
        opened = local(20, 16) if index < PER_KIND else local(23, 16)
        case = open_case(opened, sender=f"kunde{index}@example.ch")
        with pinned(opened):
            actions.assign_case(case, agent, owner=agent, team=team)
    mail.outbox.clear()
    start = threading.Barrier(WORKERS)
    results: list[PassResult] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            start.wait(timeout=30)
            results.append(run_pass(now=NOW, batch_size=4))
        except BaseException as error:  # reported below, in the test's own thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert len(results) == WORKERS
    assert sum(result.checked for result in results) == 2 * PER_KIND
    assert sum(result.reminders for result in results) == PER_KIND
    assert sum(result.breaches for result in results) == PER_KIND
    assert sum(result.escalations for result in results) == 2 * PER_KIND
    history = SlaClockEvent.objects.exclude(kind="started")
    assert history.filter(kind="reminded").count() == PER_KIND
    assert history.filter(kind="breached").count() == PER_KIND
    assert history.filter(kind="escalated").count() == 2 * PER_KIND
    levels = set(history.filter(kind="escalated").values_list("clock_id", "data__level"))
    assert len(levels) == 2 * PER_KIND  # no clock reached the same level twice
    escalated = CaseEvent.objects.filter(kind=CaseEvent.Kind.ESCALATED)
    assert escalated.count() == PER_KIND + 2 * PER_KIND
    assert Notification.objects.filter(kind="sla_reminder").count() == PER_KIND
    assert Notification.objects.filter(kind="sla_breach").count() == PER_KIND
    assert Notification.objects.filter(kind="sla_escalation").count() == 2 * PER_KIND
    staff = [m for m in mail.outbox if m.to[0] in {"anna@example.ch", "tamara@example.ch"}]
    assert len(staff) == 4 * PER_KIND
    assert Notification.objects.filter(mailed_at__isnull=True).count() == 0
