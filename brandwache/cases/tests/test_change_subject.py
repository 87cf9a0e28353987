"""Agents rename a case: one line, on the timeline, conditional, and the next reply follows."""

from __future__ import annotations

import email
import email.policy

import pytest

from brandwache.cases import actions, replies
from brandwache.cases.actions import CaseActionError
from brandwache.cases.models import Case, CaseEvent
from brandwache.intake.pipeline import ingest
from brandwache.intake.tests.mails import mail_bytes

pytestmark = pytest.mark.django_db


def mailed_case() -> Case:
    message = ingest("email", mail_bytes(subject="Frage")).message
    assert message is not None
    return message.case


def test_the_subject_change_is_on_the_timeline_with_old_and_new(agent):
    case = mailed_case()
    actions.change_subject(case, agent, "Abo doppelt belastet", ip="192.0.2.4")
    case.refresh_from_db()
    assert case.subject == "Abo doppelt belastet"
    event = case.events.get(kind=CaseEvent.Kind.SUBJECT_CHANGED)
    assert (event.actor, event.ip_address) == (agent, "192.0.2.4")
    assert (event.data["old"], event.data["new"]) == ("Frage", "Abo doppelt belastet")


def test_a_line_break_in_the_new_subject_becomes_a_space(agent):
    case = mailed_case()
    actions.change_subject(case, agent, "Abo\r\ndoppelt belastet")
    assert Case.objects.get(pk=case.pk).subject == "Abo doppelt belastet"


def test_an_unchanged_subject_writes_no_event_and_an_empty_one_is_refused(agent):
    case = mailed_case()
    actions.change_subject(case, agent, " Frage ")
    with pytest.raises(CaseActionError):
        actions.change_subject(case, agent, "\r\n ")
    assert not case.events.filter(kind=CaseEvent.Kind.SUBJECT_CHANGED).exists()


def test_of_two_agents_renaming_the_same_case_only_the_first_wins(agent, lead):
    case = mailed_case()
    stale = Case.objects.get(pk=case.pk)
    actions.change_subject(case, agent, "Abo doppelt belastet")
    with pytest.raises(CaseActionError):
        actions.change_subject(stale, lead, "Rechnung falsch")
    assert Case.objects.get(pk=case.pk).subject == "Abo doppelt belastet"
    assert case.events.filter(kind=CaseEvent.Kind.SUBJECT_CHANGED).count() == 1


def test_the_next_reply_carries_the_new_subject(
    smtp_server, agent, django_capture_on_commit_callbacks
):
    case = mailed_case()
    actions.change_subject(case, agent, "Abo doppelt belastet")
    with django_capture_on_commit_callbacks(execute=True):
        reply = replies.record_reply(case, agent, "Grüezi Frau Muster, wir buchen zurück.")
    expected = f"Re: Abo doppelt belastet [{case.reference}]"
    assert reply.subject == expected
    sent = email.message_from_bytes(smtp_server.received[0][2], policy=email.policy.default)
    assert sent["Subject"] == expected


def test_without_a_rename_the_reply_keeps_the_customers_subject(agent):
    case = mailed_case()
    reply = replies.record_reply(case, agent, "Grüezi Frau Muster")
    assert reply.subject == f"Re: Frage [{case.reference}]"
