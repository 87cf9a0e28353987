"""Clocks follow the case through real actions: replies, waiting, resolving, retargeting."""

from datetime import datetime

import pytest

from brandwache.cases import actions, replies
from brandwache.cases.models import Case
from brandwache.contacts.actions import IdentityRef
from brandwache.intake.channels.base import ParsedMessage
from brandwache.intake.pipeline import ingest
from brandwache.sla.models import SlaClock, SlaClockEvent
from brandwache.sla.tests.helpers import clock, local, open_case
from brandwache.sla.timesource import pinned

pytestmark = pytest.mark.django_db
FIRST, NEXT, RESOLUTION = (
    SlaClock.Kind.FIRST_RESPONSE,
    SlaClock.Kind.NEXT_UPDATE,
    SlaClock.Kind.RESOLUTION,
)
State = SlaClock.State


def history(case: Case, kind: str) -> list[str]:
    return list(
        SlaClockEvent.objects.filter(clock__case=case, clock__kind=kind)
        .order_by("at", "pk")
        .values_list("kind", flat=True)
    )


def customer_writes_back(case: Case, at, number: int = 1) -> None:
    payload = (
        f"From: Petra Muster <petra@example.ch>\r\nSubject: Re: Rechnung [{case.reference}]\r\n"
        f"Message-ID: <back-{case.pk}-{number}@example.ch>\r\n\r\nHier die Belege.\r\n"
    ).encode()
    with pinned(at):
        message = ingest("email", payload).message
    assert message.case_id == case.pk


def test_opening_a_case_starts_first_response_and_resolution(agent) -> None:
    case = open_case(local(20, 16))

    assert clock(case, FIRST).state == State.RUNNING
    assert clock(case, RESOLUTION).due_at == local(27, 16)  # 45 business hours
    assert not SlaClock.objects.filter(case=case, kind=NEXT).exists()
    assert history(case, FIRST) == ["started"]


def test_the_first_reply_meets_the_first_response_and_starts_the_next_update(agent) -> None:
    case = open_case(local(20, 16))

    with pinned(local(23, 9)):
        replies.record_reply(case, agent, "Guten Tag Frau Muster, wir prüfen das.")

    first, update = clock(case, FIRST), clock(case, NEXT)
    assert (first.state, first.met_at, first.breached_at) == (State.MET, local(23, 9), None)
    assert update.state == State.RUNNING and update.due_at == local(24, 9)  # one business day
    assert Case.objects.get(pk=case.pk).sla_due_at == local(24, 9)
    assert history(case, FIRST) == ["started", "met"]


def test_every_further_reply_starts_the_next_update_again(agent) -> None:
    case = open_case(local(20, 16))
    with pinned(local(23, 9)):
        replies.record_reply(case, agent, "Wir prüfen das.")

    with pinned(local(23, 15)):
        replies.record_reply(case, agent, "Die Gutschrift ist veranlasst.")

    assert clock(case, NEXT).due_at == local(24, 15)
    assert history(case, NEXT) == ["started", "met", "started"]


def test_an_outbound_call_entered_on_the_case_counts_as_the_first_response(agent) -> None:
    case = open_case(local(20, 16))
    call = ParsedMessage(
        channel="phone",
        sender=IdentityRef("phone", "+41 44 000 00 00", "Petra Muster"),
        text="Kundin zurückgerufen, Gutschrift erklärt.",
        case_reference=case.reference,
        direction="out",
    )

    with pinned(local(23, 8, 30)):
        actions.record_inbound_message(call, None, actor=agent)

    assert clock(case, FIRST).state == State.MET


def test_waiting_for_the_customer_pauses_and_their_reply_resumes_shifted(agent) -> None:
    case = open_case(local(20, 16))  # first response due Monday 12:00
    with pinned(local(23, 9)):  # two business hours used
        actions.change_status(case, agent, Case.Status.WAITING_CUSTOMER)

    paused = clock(case, FIRST)
    assert (paused.state, paused.due_at, paused.next_check_at) == (State.PAUSED, None, None)
    assert Case.objects.get(pk=case.pk).sla_due_at is None

    customer_writes_back(case, local(24, 10))  # Tuesday 10:00, ten business hours later

    resumed, resolution = clock(case, FIRST), clock(case, RESOLUTION)
    assert resumed.state == State.RUNNING
    assert resumed.due_at == local(24, 13)  # the three hours left
    assert resolution.due_at == local(30, 17)  # Friday 16:00 + 10 business hours
    assert Case.objects.get(pk=case.pk).status == Case.Status.OPEN
    assert history(case, FIRST) == ["started", "paused", "resumed"]
    resumed_row = SlaClockEvent.objects.get(clock=resumed, kind="resumed")
    assert resumed_row.data["paused_minutes"] == 600
    assert resumed_row.data["reason"] == "customer replied"


def test_resolving_meets_the_resolution_and_stops_the_other_clocks(agent) -> None:
    case = open_case(local(20, 16))

    with pinned(local(23, 10)):
        actions.change_status(case, agent, Case.Status.RESOLVED)

    assert clock(case, RESOLUTION).state == State.MET
    assert clock(case, FIRST).state == State.CANCELLED
    assert Case.objects.get(pk=case.pk).sla_due_at is None
    assert SlaClockEvent.objects.get(clock__case=case, kind="met").actor == agent


def test_a_reopened_case_resumes_its_resolution_with_the_time_already_used(agent) -> None:
    case = open_case(local(20, 16))
    with pinned(local(23, 10)):  # three business hours used
        actions.change_status(case, agent, Case.Status.RESOLVED)

    customer_writes_back(case, local(25, 8))  # Wednesday 08:00 reopens it

    resolution = clock(case, RESOLUTION)
    assert resolution.state == State.RUNNING and resolution.met_at is None
    assert resolution.due_at == local(1, 14, month=12)  # 42 business hours from Wednesday 08:00
    assert clock(case, NEXT).state == State.RUNNING  # the customer is owed news again
    assert history(case, RESOLUTION) == ["started", "met", "resumed"]


def test_a_priority_change_moves_the_clocks_to_the_stricter_policy(agent) -> None:
    case = open_case(local(20, 16))

    with pinned(local(20, 16, 30)):
        actions.change_priority(case, agent, Case.Priority.URGENT)

    first = clock(case, FIRST)
    assert first.policy.name == "Dringend"
    assert first.due_at == local(20, 17)  # one business hour, half of it already used
    retargeted = SlaClockEvent.objects.get(clock=first, kind="retargeted")
    assert retargeted.data["old"] == {"policy": "Standard", "target_minutes": 300}
    assert datetime.fromisoformat(retargeted.data["old_due_at"]) == local(23, 12)
    assert Case.objects.get(pk=case.pk).sla_due_at == local(20, 17)


def test_merging_cancels_the_clocks_of_the_merged_case(agent) -> None:
    duplicate = open_case(local(20, 16))
    kept = open_case(local(20, 16))  # the same customer wrote twice

    with pinned(local(23, 9)):
        actions.merge_cases(duplicate, kept, agent)

    assert set(SlaClock.objects.filter(case=duplicate).values_list("state", flat=True)) == {
        State.CANCELLED
    }
    assert clock(kept, FIRST).state == State.RUNNING
    assert Case.objects.get(pk=duplicate.pk).sla_due_at is None


def test_a_reply_after_the_deadline_counts_as_late_even_before_a_worker_noticed(agent) -> None:
    case = open_case(local(20, 16))  # due Monday 12:00; no worker pass runs meanwhile

    with pinned(local(23, 14)):
        replies.record_reply(case, agent, "Guten Tag Frau Muster, entschuldigen Sie die Wartezeit.")

    met = SlaClockEvent.objects.get(clock__case=case, clock__kind=FIRST, kind="met")
    assert met.data["late"] is True
    assert history(case, FIRST) == ["started", "breached", "met"]
    assert clock(case, FIRST).breached_at == local(23, 12)
    on_time = open_case(local(20, 16), sender="anna@example.ch")
    with pinned(local(23, 9)):
        replies.record_reply(on_time, agent, "Guten Tag Frau Muster, wir prüfen das.")
    met = SlaClockEvent.objects.get(clock__case=on_time, clock__kind=FIRST, kind="met")
    assert met.data["late"] is False
    assert history(on_time, FIRST) == ["started", "met"]
