"""Each of the four moments reaches the customer once, personally, in their language."""

from __future__ import annotations

import pytest

from brandwache.cases import actions
from brandwache.cases.models import Case, CaseEvent, Message
from brandwache.updates.models import UpdateLog
from brandwache.updates.tests.conftest import receive_mail

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_frequency_limit(settings) -> None:
    settings.BRANDWACHE_UPDATE_MIN_INTERVAL = 0  # the limit has its own tests


def updates_of(case: Case) -> list[CaseEvent]:
    return list(case.events.filter(kind=CaseEvent.Kind.CUSTOMER_UPDATE).order_by("id"))


def test_a_new_mail_gets_a_short_personal_receipt_threaded_under_it(committed, outbox):
    with committed():
        message = receive_mail()
    case = message.case
    assert len(outbox) == 1
    sent = outbox[0]
    assert sent.to == ["ruedi.meier@example.ch"]
    assert case.reference in sent.subject
    assert sent.body.startswith("Guten Tag Ruedi Meier,")
    assert f"/status/{case.status_token}/" in sent.body
    assert sent.extra_headers["In-Reply-To"] == f"<{message.message_id}>"
    assert sent.extra_headers["Auto-Submitted"] == "auto-generated"
    [event] = updates_of(case)
    outbound = case.messages.get(direction=Message.Direction.OUTBOUND)
    assert event.message == outbound and event.actor is None
    assert event.data == {
        "moment": "received",
        "language": "de",
        "channel": "email",
        "message_id": outbound.message_id,
    }


def test_a_reply_on_the_same_thread_is_no_new_receipt(committed, outbox):
    with committed():
        first = receive_mail()
    outbox.clear()
    with committed():
        receive_mail(subject=f"Re: Zug ausgefallen [{first.case.reference}]", body="Noch da?")
    assert outbox == []
    assert len(updates_of(first.case)) == 1


def test_the_customer_learns_the_name_of_the_person_in_charge(named_agent, committed, outbox):
    case = receive_mail().case
    with committed():
        actions.assign_case(case, named_agent, owner=named_agent, team=None)
    assert len(outbox) == 1
    assert outbox[0].subject.startswith("Anna Keller kümmert sich um Ihr Anliegen")
    assert "ab jetzt kümmert sich Anna Keller persönlich um Ihr Anliegen" in outbox[0].body
    assert updates_of(case)[-1].data["moment"] == "assigned"


def test_a_team_without_a_person_is_no_news_for_the_customer(team, agent, committed, outbox):
    case = receive_mail().case
    with committed():
        actions.assign_case(case, agent, owner=None, team=team)
    assert outbox == []
    assert not UpdateLog.objects.filter(case=case, moment="assigned").exists()


def test_assigning_the_same_person_again_sends_nothing_new(named_agent, team, committed, outbox):
    case = receive_mail().case
    actions.assign_case(case, named_agent, owner=named_agent, team=None)
    with committed():
        actions.assign_case(case, named_agent, owner=named_agent, team=team)
    assert outbox == []


def test_waiting_for_a_third_party_is_explained(named_agent, committed, outbox):
    case = receive_mail().case
    actions.assign_case(case, named_agent, owner=named_agent, team=None)
    with committed():
        actions.change_status(case, named_agent, Case.Status.WAITING_THIRD_PARTY)
    assert len(outbox) == 1
    assert "warten auf die Antwort" in outbox[0].body
    assert outbox[0].body.rstrip().endswith("Anna Keller\nBrandwache")


def test_resolving_says_so_and_invites_an_answer(named_agent, committed, outbox):
    case = receive_mail().case
    with committed():
        actions.change_status(case, named_agent, Case.Status.RESOLVED)
    assert len(outbox) == 1
    assert outbox[0].subject.startswith("Ihr Anliegen ist erledigt")
    assert "antworten Sie einfach auf diese E-Mail" in outbox[0].body


def test_other_status_changes_are_not_announced(named_agent, committed, outbox):
    case = receive_mail().case
    with committed():
        actions.change_status(case, named_agent, Case.Status.WAITING_INTERNAL)
        actions.change_status(case, named_agent, Case.Status.OPEN)
    assert outbox == []


def test_a_customer_writing_english_declares_it_and_gets_english(named_agent, committed, outbox):
    with committed():
        message = receive_mail(headers={"Content-Language": "en-GB"}, body="My train was gone.")
        actions.assign_case(message.case, named_agent, owner=named_agent, team=None)
    assert [sent.subject.split(" [")[0] for sent in outbox] == [
        "Your message has arrived",
        "Anna Keller is taking care of your concern",
    ]
    assert outbox[0].body.startswith("Hello Ruedi Meier,")


def test_without_an_english_text_the_german_one_goes(named_agent, committed, outbox):
    from brandwache.updates.models import UpdateTemplate

    UpdateTemplate.objects.filter(language="en", moment="received").update(active=False)
    with committed():
        message = receive_mail(headers={"Content-Language": "en"})
    assert outbox[0].body.startswith("Guten Tag")
    assert updates_of(message.case)[0].data["language"] == "de"


def test_updates_are_off_when_switched_off(settings, named_agent, committed, outbox):
    settings.BRANDWACHE_CUSTOMER_UPDATES = False
    with committed():
        case = receive_mail().case
        actions.change_status(case, named_agent, Case.Status.RESOLVED)
    assert outbox == []
    assert not UpdateLog.objects.exists()
    assert not updates_of(case)


def test_an_update_does_not_count_as_the_first_answer(committed, outbox):
    with committed():
        case = receive_mail().case
    case.refresh_from_db()
    assert case.first_response_at is None
    assert case.status == Case.Status.NEW


def test_a_case_routed_to_a_person_as_it_opens_names_them_in_the_first_update(
    named_agent, committed, outbox
):
    from brandwache.cases.signals import event_recorded

    def route(sender, *, event, case, **kwargs):  # what a routing rule does on CREATED
        if event.kind == CaseEvent.Kind.CREATED:
            actions.assign_case(case, None, owner=named_agent, team=None)

    event_recorded.connect(route, dispatch_uid="test-route")
    try:
        with committed():
            case = receive_mail().case
    finally:
        event_recorded.disconnect(dispatch_uid="test-route")
    assert len(outbox) == 1
    assert outbox[0].subject.startswith("Anna Keller kümmert sich um Ihr Anliegen")
    decisions = UpdateLog.objects.filter(case=case).order_by("id")
    assert [(d.trigger.kind, d.moment, d.outcome, d.reason) for d in decisions] == [
        ("assigned", "assigned", "skipped", "still_opening"),
        ("message_received", "assigned", "sent", ""),
    ]


def test_nothing_is_sent_while_updates_are_paused(named_agent, committed, outbox):
    from brandwache.updates.service import paused

    with committed(), paused():
        case = receive_mail().case
        actions.change_status(case, named_agent, Case.Status.RESOLVED)
    assert outbox == []
    assert not UpdateLog.objects.exists()
