"""The worker pass: reminders at 80 %, the breach, escalation steps, catch-up, exactly once."""

from datetime import date, datetime

import pytest
from django.core import mail

from brandwache.cases import actions, replies
from brandwache.cases.models import Case, CaseEvent
from brandwache.notifications.models import Notification
from brandwache.routing.models import Absence, TopicOwner
from brandwache.sla.models import SlaClock, SlaClockEvent
from brandwache.sla.passes import run_pass
from brandwache.sla.tests.helpers import clock, local, open_case
from brandwache.sla.timesource import pinned
from conftest import make_user

pytestmark = pytest.mark.django_db
FIRST = SlaClock.Kind.FIRST_RESPONSE


@pytest.fixture
def paten(db):
    pate, deputy = make_user("paul", "Agents"), make_user("dora", "Agents")
    TopicOwner.objects.create(category="billing", pate=pate, deputy=deputy)
    return pate, deputy


@pytest.fixture
def owned_case(agent, team) -> Case:
    case = open_case(local(20, 16), category="billing")
    with pinned(local(20, 16)):
        return actions.assign_case(case, agent, owner=agent, team=team)


def run(now, capture) -> object:
    with capture(execute=True):
        return run_pass(now=now)


def staff_mail() -> list[tuple[str, str]]:
    return [(m.to[0], m.subject) for m in mail.outbox if not m.to[0].startswith("petra@")]


def notified(kind: str) -> list[str]:
    rows = Notification.objects.filter(kind=kind).order_by("pk")
    return [row.recipient.username for row in rows]


def escalations(case: Case) -> list[dict]:
    events = CaseEvent.objects.filter(case=case, kind=CaseEvent.Kind.ESCALATED).order_by("pk")
    return [event.data for event in events]


def test_the_owner_is_reminded_at_80_percent_of_the_target_once(
    owned_case, django_capture_on_commit_callbacks
) -> None:
    result = run(local(23, 11), django_capture_on_commit_callbacks)  # 4 of 5 business hours

    assert (result.reminders, result.breaches, result.escalations) == (1, 0, 0)
    assert notified("sla_reminder") == ["anna"]
    note = Notification.objects.get()
    assert note.case == owned_case and note.url == owned_case.get_absolute_url()
    assert note.title.endswith(": erste Antwort fällig am 23.11.2026 12:00")
    assert "Petra" not in note.title + note.body  # no customer data in what is mailed
    assert staff_mail() == [("anna@example.ch", note.title)]
    assert clock(owned_case, FIRST).reminded_at == local(23, 11)
    assert escalations(owned_case) == []  # a reminder is not on the timeline

    again = run(local(23, 11, 30), django_capture_on_commit_callbacks)

    assert again.actions == 0
    assert SlaClockEvent.objects.filter(kind="reminded").count() == 1
    assert len(staff_mail()) == 1


def test_nothing_happens_before_the_reminder_is_due(
    owned_case, django_capture_on_commit_callbacks
) -> None:
    result = run(local(23, 10, 59), django_capture_on_commit_callbacks)

    assert (result.checked, result.actions) == (0, 0)
    assert not Notification.objects.exists()


def test_an_unowned_case_reminds_the_members_of_its_team(
    agent, team, team_lead, django_capture_on_commit_callbacks
) -> None:
    case = open_case(local(20, 16))
    with pinned(local(20, 16)):
        actions.assign_case(case, agent, owner=None, team=team)

    run(local(23, 11), django_capture_on_commit_callbacks)

    assert sorted(notified("sla_reminder")) == ["anna", "tamara"]


def test_the_deadline_escalates_to_the_deputy_then_to_the_team_lead(
    owned_case, paten, team_lead, lead, django_capture_on_commit_callbacks
) -> None:
    run(local(23, 11), django_capture_on_commit_callbacks)

    at_deadline = run(local(23, 12), django_capture_on_commit_callbacks)

    assert (at_deadline.breaches, at_deadline.escalations) == (1, 1)
    assert notified("sla_breach") == ["anna"]
    assert notified("sla_escalation") == ["dora"]
    first = clock(owned_case, FIRST)
    assert (first.state, first.breached_at, first.escalation_level) == (
        "breached",
        local(23, 12),
        1,
    )
    assert [(e["step"], e.get("who"), e["to"]) for e in escalations(owned_case)] == [
        ("breach", None, ["anna"]),
        ("escalation", "deputy", ["dora"]),
    ]
    assert run(local(23, 13, 59), django_capture_on_commit_callbacks).actions == 0

    later = run(local(23, 14), django_capture_on_commit_callbacks)

    assert later.escalations == 1
    assert notified("sla_escalation") == ["dora", "tamara"]  # the lead of the case's team only
    assert clock(owned_case, FIRST).next_check_at is None
    assert [e.kind for e in SlaClockEvent.objects.filter(clock=first).order_by("pk")] == [
        "started",
        "reminded",
        "breached",
        "escalated",
        "escalated",
    ]


def test_a_worker_that_was_down_catches_up_in_order_without_the_stale_reminder(
    owned_case, paten, team_lead, django_capture_on_commit_callbacks
) -> None:
    result = run(local(24, 9), django_capture_on_commit_callbacks)  # Tuesday morning

    first_events = SlaClockEvent.objects.filter(clock__case=owned_case, clock__kind=FIRST)
    assert [e.kind for e in first_events.order_by("pk")] == [
        "started",
        "breached",
        "escalated",
        "escalated",
    ]
    reached = [
        datetime.fromisoformat(e.data["reached_at"])
        for e in first_events.exclude(kind="started").order_by("pk")
    ]
    assert reached == [local(23, 12), local(23, 12), local(23, 14)]
    assert clock(owned_case, FIRST).breached_at == local(23, 12)  # when it happened
    assert result.reminders == 0
    assert notified("sla_escalation") == ["dora", "tamara"]


def test_a_deputy_who_is_away_is_replaced_by_the_pate(
    owned_case, paten, django_capture_on_commit_callbacks
) -> None:
    Absence.objects.create(user=paten[1], starts_on=date(2026, 11, 23), ends_on=date(2026, 11, 27))

    run(local(23, 12), django_capture_on_commit_callbacks)

    assert notified("sla_escalation") == ["paul"]


def test_without_a_pate_the_deputy_step_goes_to_the_team_lead(
    owned_case, team_lead, django_capture_on_commit_callbacks
) -> None:
    run(local(23, 12), django_capture_on_commit_callbacks)

    assert notified("sla_escalation") == ["tamara"]


def test_a_team_without_a_lead_escalates_to_every_team_lead(
    owned_case, lead, django_capture_on_commit_callbacks
) -> None:
    run(local(23, 14), django_capture_on_commit_callbacks)

    assert notified("sla_escalation") == ["lena", "lena"]  # deputy step, then team lead step


def test_a_paused_clock_is_neither_reminded_nor_escalated(
    owned_case, agent, django_capture_on_commit_callbacks
) -> None:
    with pinned(local(23, 9)):
        actions.change_status(owned_case, agent, Case.Status.WAITING_CUSTOMER)

    result = run(local(25, 9), django_capture_on_commit_callbacks)

    assert result.actions == 0


def test_a_reply_before_the_deadline_leaves_nothing_to_escalate(
    owned_case, agent, django_capture_on_commit_callbacks
) -> None:
    run(local(23, 11), django_capture_on_commit_callbacks)
    with pinned(local(23, 11, 30)):
        replies.record_reply(owned_case, agent, "Wir haben die doppelte Rechnung storniert.")

    result = run(local(23, 12, 30), django_capture_on_commit_callbacks)

    assert (result.breaches, result.escalations) == (0, 0)
    assert clock(owned_case, FIRST).breached_at is None


def test_a_tightened_target_is_caught_up_by_the_next_pass(
    owned_case, agent, lead, django_capture_on_commit_callbacks
) -> None:
    with pinned(local(23, 9)):  # two business hours used, urgent allows one
        actions.change_priority(owned_case, agent, Case.Priority.URGENT)

    result = run(local(23, 9, 1), django_capture_on_commit_callbacks)

    assert result.breaches == 1
    assert clock(owned_case, FIRST).breached_at == local(23, 9)
