"""Customers without e-mail: no automatic message; the timeline says an update is due by hand."""

from __future__ import annotations

import pytest

from brandwache.cases import actions
from brandwache.cases.models import Case, CaseEvent
from brandwache.updates.models import UpdateLog
from brandwache.updates.tests.conftest import receive_entry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_frequency_limit(settings) -> None:
    settings.BRANDWACHE_UPDATE_MIN_INTERVAL = 0


def test_a_caller_is_not_told_by_phone_that_the_call_arrived(committed, outbox):
    with committed():
        case = receive_entry("phone").case
    assert outbox == []
    assert UpdateLog.objects.get(case=case).reason == UpdateLog.Reason.TOLD_IN_CALL


def test_a_phone_only_customer_is_due_a_call_when_a_person_takes_over(
    named_agent, agent_client, committed, outbox
):
    case = receive_entry("phone").case
    with committed():
        actions.assign_case(case, named_agent, owner=named_agent, team=None)
    assert outbox == []
    assert not case.events.filter(kind=CaseEvent.Kind.CUSTOMER_UPDATE).exists()
    due = UpdateLog.objects.get(case=case, moment="assigned")
    assert (due.outcome, due.channel) == (UpdateLog.Outcome.DUE, "phone")
    assert due.trigger.kind == CaseEvent.Kind.ASSIGNED
    assert "Anna Keller" in due.text  # what the agent can say on the phone
    page = agent_client.get(case.get_absolute_url()).content.decode()
    assert "Statusmeldung per Telefonanruf fällig (Feste Ansprechperson übernimmt)" in page
    assert "ab jetzt kümmert sich Anna Keller persönlich" in page


def test_a_letter_writer_is_due_a_letter_for_each_step(named_agent, committed, outbox):
    case = receive_entry(
        "letter", phone="", postal="Hanna Gerber, Bahnhofstrasse 1, 3000 Bern"
    ).case
    with committed():
        actions.change_status(case, named_agent, Case.Status.WAITING_THIRD_PARTY)
        actions.change_status(case, named_agent, Case.Status.RESOLVED)
    assert outbox == []
    assert list(
        UpdateLog.objects.filter(case=case)
        .order_by("id")
        .values_list("moment", "outcome", "channel")
    ) == [
        ("received", "due", "letter"),
        ("waiting_third_party", "due", "letter"),
        ("resolved", "due", "letter"),
    ]


def test_a_caller_who_left_an_e_mail_address_gets_the_updates_by_mail(
    named_agent, committed, outbox
):
    with committed():
        case = receive_entry("phone", email="hanna.gerber@example.ch").case
        actions.change_status(case, named_agent, Case.Status.RESOLVED)
    assert [sent.to for sent in outbox] == [["hanna.gerber@example.ch"]] * 2


def test_a_letter_entered_days_after_it_was_written_still_gets_its_receipt(committed, outbox):
    with committed():
        case = receive_entry(
            "letter",
            phone="",
            email="hanna.gerber@example.ch",
            occurred_at="2026-01-05T09:00:00+01:00",
        ).case
    assert [sent.to for sent in outbox] == [["hanna.gerber@example.ch"]]
    assert UpdateLog.objects.get(case=case).outcome == UpdateLog.Outcome.SENT
