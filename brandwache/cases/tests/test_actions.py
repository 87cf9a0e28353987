from __future__ import annotations

import pytest
from django.core import mail

from brandwache.cases import actions, replies
from brandwache.cases.models import Case, CaseEvent, Message
from brandwache.contacts.actions import IdentityRef
from brandwache.contacts.models import Identity
from brandwache.intake.channels.base import ParsedMessage
from brandwache.intake.pipeline import ingest

pytestmark = pytest.mark.django_db


def inbound(text: str = "Meine Rechnung ist doppelt belastet.", **fields) -> Message:
    fields.setdefault(
        "sender", IdentityRef(Identity.Kind.EMAIL, "Petra.Muster@example.ch", "Petra Muster")
    )
    fields.setdefault("subject", "Doppelte Belastung")
    return actions.record_inbound_message(ParsedMessage(channel="email", text=text, **fields), None)


def test_references_count_up_per_year():
    first = actions.allocate_reference()
    second = actions.allocate_reference()
    assert first.startswith("BW-") and len(first) == len("BW-2026-00001")
    assert int(second[-5:]) == int(first[-5:]) + 1


def test_an_inbound_message_opens_a_case_with_its_contact_and_timeline():
    message = inbound()
    case = message.case
    assert case.status == Case.Status.NEW
    assert case.contact.display_name == "Petra Muster"
    assert case.contact.identities.get().value == "petra.muster@example.ch"
    kinds = list(case.events.order_by("id").values_list("kind", flat=True))
    assert kinds == [CaseEvent.Kind.CREATED, CaseEvent.Kind.MESSAGE_RECEIVED]


def test_the_same_sender_written_differently_is_one_contact():
    first = inbound(sender=IdentityRef(Identity.Kind.EMAIL, "petra@example.ch"))
    second = inbound(sender=IdentityRef(Identity.Kind.EMAIL, " PETRA@Example.CH "))
    assert first.contact_id == second.contact_id


def test_a_reply_is_mailed_with_threading_headers_and_the_answer_threads_back(
    agent, django_capture_on_commit_callbacks
):
    message = inbound(message_id="<abc@kunde.example>")
    with django_capture_on_commit_callbacks(execute=True):
        reply = replies.record_reply(message.case, agent, "Guten Tag Frau Muster, ...")
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["petra.muster@example.ch"]
    assert sent.extra_headers["In-Reply-To"] == "<abc@kunde.example>"
    reply.refresh_from_db()
    assert reply.delivery == Message.Delivery.SENT
    answer = inbound(text="Danke!", in_reply_to=f"<{reply.message_id}>", subject="Re: x")
    assert answer.case_id == message.case_id
    message.case.refresh_from_db()
    assert message.case.first_response_at is not None


def test_a_case_reference_in_the_subject_joins_the_case():
    first = inbound()
    second = inbound(subject=f"Nachtrag zu {first.case.reference}", text="Beleg anbei")
    assert second.case_id == first.case_id


def test_a_reference_in_the_subject_from_a_stranger_opens_a_new_case():
    first = inbound()
    stranger = inbound(
        subject=f"Betrifft {first.case.reference}",
        sender=IdentityRef(Identity.Kind.EMAIL, "fremd@example.de"),
    )
    assert stranger.case_id != first.case_id


def test_a_customer_reply_reopens_a_resolved_case(agent):
    message = inbound(message_id="<m1@kunde.example>")
    actions.change_status(message.case, agent, Case.Status.RESOLVED)
    inbound(in_reply_to="<m1@kunde.example>", text="Leider immer noch falsch.")
    message.case.refresh_from_db()
    assert message.case.status == Case.Status.OPEN


def test_a_reply_to_a_closed_case_opens_a_new_one(agent):
    message = inbound(message_id="<m1@kunde.example>")
    actions.change_status(message.case, agent, Case.Status.CLOSED)
    follow_up = inbound(in_reply_to="<m1@kunde.example>")
    assert follow_up.case_id != message.case_id


def test_a_stale_status_change_loses_against_the_first(agent):
    message = inbound()
    stale = Case.objects.get(pk=message.case_id)
    actions.change_status(message.case, agent, Case.Status.OPEN)
    with pytest.raises(actions.CaseActionError):
        actions.change_status(stale, agent, Case.Status.RESOLVED)


def test_merging_moves_the_timeline_and_later_mail_follows(agent):
    one = inbound(message_id="<one@kunde.example>")
    two = inbound(message_id="<two@kunde.example>", subject="Noch einmal")
    target = actions.merge_cases(two.case, one.case, agent)
    assert target.messages.count() == 2
    two.case.refresh_from_db()
    assert two.case.merged_into_id == one.case_id
    assert two.case.status == Case.Status.CLOSED
    late = inbound(in_reply_to="<two@kunde.example>")
    assert late.case_id == one.case_id


def test_a_reply_to_a_contact_without_email_is_refused(agent):
    result = ingest("phone", b'{"phone": "+41 44 123 45 67", "text": "Anruf wegen Vertrag"}')
    with pytest.raises(actions.CaseActionError):
        replies.record_reply(result.message.case, agent, "Hallo")


def test_assigning_records_who_did_it(agent, team):
    message = inbound()
    actions.assign_case(message.case, agent, owner=agent, team=team, ip="127.0.0.1")
    event = message.case.events.get(kind=CaseEvent.Kind.ASSIGNED)
    assert event.actor == agent and event.ip_address == "127.0.0.1"
    assert event.data["owner"] == "anna"


def test_a_category_change_is_on_the_timeline(agent):
    message = inbound()
    actions.change_category(message.case, agent, "billing")
    message.case.refresh_from_db()
    assert message.case.category == "billing"
    event = message.case.events.get(kind=CaseEvent.Kind.CATEGORY_CHANGED)
    assert (event.data["old"], event.data["new"], event.actor) == ("", "billing", agent)


def test_other_apps_put_their_events_on_the_timeline_and_receivers_hear_of_them():
    from brandwache.cases.signals import event_recorded

    case = inbound().case
    heard: list[tuple[str, int]] = []

    def listen(*, event: CaseEvent, case: Case, **kwargs: object) -> None:
        heard.append((event.kind, case.pk))

    event_recorded.connect(listen)
    try:
        event = actions.record_event(case, CaseEvent.Kind.ESCALATED, level=1, to="deputy")
    finally:
        event_recorded.disconnect(listen)
    assert event.data == {"level": 1, "to": "deputy"}
    assert heard == [(CaseEvent.Kind.ESCALATED, case.pk)]
    with pytest.raises(actions.CaseActionError):
        actions.record_event(case, "made_up")


def test_a_change_made_by_the_system_says_why():
    case = inbound().case
    actions.change_priority(case, None, Case.Priority.HIGH, reason="triage")
    actions.change_category(case, None, "billing", reason="triage")
    assert case.events.get(kind=CaseEvent.Kind.PRIORITY_CHANGED).data["reason"] == "triage"
    assert case.events.get(kind=CaseEvent.Kind.CATEGORY_CHANGED).data["reason"] == "triage"
