"""The case page's forms: reply, note, assign, status, priority, merge."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from brandwache.cases import actions, replies
from brandwache.cases.models import Case, CaseEvent, Message
from brandwache.web.tests.conftest import email_case, manual_entry

pytestmark = pytest.mark.django_db


def post(client, case: Case, name: str, data: dict, *, follow: bool = False):
    return client.post(reverse(f"web:{name}", args=[case.reference]), data, follow=follow)


def flashed(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_a_reply_is_mailed_to_the_customer_and_shown_on_the_timeline(
    agent_client, agent, billing_case, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(agent_client, billing_case, "case_reply", {"text": "Grüezi Frau Muster"})
    assert response.status_code == 302
    assert response["Location"] == billing_case.get_absolute_url()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["petra.muster@example.ch"]
    assert mail.outbox[0].body == "Grüezi Frau Muster"
    assert billing_case.reference in mail.outbox[0].subject
    reply = Message.objects.get(case=billing_case, direction=Message.Direction.OUTBOUND)
    assert reply.author == agent and reply.delivery == Message.Delivery.SENT
    event = billing_case.events.get(kind=CaseEvent.Kind.REPLY_SENT)
    assert event.ip_address == "127.0.0.1"
    page = agent_client.get(billing_case.get_absolute_url()).content.decode()
    assert "Grüezi Frau Muster" in page
    assert "Zustellung: Gesendet" in page


def test_a_reply_to_a_contact_without_e_mail_is_refused_with_the_reason(agent_client):
    case = manual_entry("phone")
    response = post(agent_client, case, "case_reply", {"text": "Hallo"}, follow=True)
    assert mail.outbox == []
    assert any("keine E-Mail-Adresse" in text for text in flashed(response))
    assert not case.messages.filter(direction=Message.Direction.OUTBOUND).exists()


def test_an_empty_reply_is_refused(agent_client, billing_case):
    response = post(agent_client, billing_case, "case_reply", {"text": "  "}, follow=True)
    assert any("Dieses Feld ist zwingend erforderlich" in text for text in flashed(response))
    assert not billing_case.messages.filter(direction=Message.Direction.OUTBOUND).exists()


def test_an_internal_note_is_added_but_never_mailed(
    agent_client, agent, billing_case, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(agent_client, billing_case, "case_note", {"text": "Kulanz prüfen"})
    note = billing_case.events.get(kind=CaseEvent.Kind.NOTE)
    assert (note.body, note.actor) == ("Kulanz prüfen", agent)
    assert mail.outbox == []


def test_the_case_is_assigned_to_an_agent_and_a_team(
    agent_client, agent, lead, billing_case, other_team
):
    post(agent_client, billing_case, "case_assign", {"owner": lead.pk, "team": other_team.pk})
    billing_case.refresh_from_db()
    assert (billing_case.owner, billing_case.team) == (lead, other_team)
    event = billing_case.events.filter(kind=CaseEvent.Kind.ASSIGNED).latest("pk")
    assert event.actor == agent and event.data["owner"] == "lena"


def test_only_agents_can_become_owners(agent_client, outsider, billing_case):
    response = post(
        agent_client, billing_case, "case_assign", {"owner": outsider.pk, "team": ""}, follow=True
    )
    billing_case.refresh_from_db()
    assert billing_case.owner is None
    assert any(text.startswith("Zuständig:") for text in flashed(response))


def test_the_status_and_priority_are_changed(agent_client, billing_case):
    post(agent_client, billing_case, "case_status", {"status": "waiting_customer"})
    response = post(
        agent_client, billing_case, "case_priority", {"priority": "urgent"}, follow=True
    )
    billing_case.refresh_from_db()
    assert billing_case.status == Case.Status.WAITING_CUSTOMER
    assert billing_case.priority == Case.Priority.URGENT
    assert "Priorität auf „Dringend“ gesetzt." in flashed(response)


def test_an_unknown_status_changes_nothing(agent_client, billing_case):
    post(agent_client, billing_case, "case_status", {"status": "vanished"})
    billing_case.refresh_from_db()
    assert billing_case.status == Case.Status.NEW


def test_a_case_is_merged_into_another_and_the_agent_lands_there(agent_client, agent, team):
    source = email_case(sender="a@example.ch", team=team, text="Erste Meldung")
    target = email_case(sender="a@example.ch", team=team, text="Zweite Meldung")
    response = post(agent_client, source, "case_merge", {"target": target.reference.lower()})
    assert response["Location"] == target.get_absolute_url()
    source.refresh_from_db()
    assert source.merged_into == target and source.status == Case.Status.CLOSED
    assert "Erste Meldung" in agent_client.get(target.get_absolute_url()).content.decode()


def test_a_merge_into_a_case_the_agent_cannot_see_is_refused(
    agent_client, billing_case, other_team
):
    hidden = email_case(sender="x@example.ch", team=other_team)
    response = post(
        agent_client, billing_case, "case_merge", {"target": hidden.reference}, follow=True
    )
    billing_case.refresh_from_db()
    assert billing_case.merged_into is None
    assert any(hidden.reference in text and "sehen dürfen" in text for text in flashed(response))


def test_a_merge_into_itself_shows_the_actions_reason(agent_client, billing_case):
    response = post(
        agent_client, billing_case, "case_merge", {"target": billing_case.reference}, follow=True
    )
    assert "Ein Fall kann nicht mit sich selbst zusammengeführt werden." in flashed(response)


def test_a_merged_case_takes_no_more_changes(agent_client, agent, team):
    source = email_case(sender="a@example.ch", team=team)
    target = email_case(sender="a@example.ch", team=team)
    actions.merge_cases(source, target, agent)
    response = post(agent_client, source, "case_note", {"text": "Zu spät"}, follow=True)
    assert not CaseEvent.objects.filter(kind=CaseEvent.Kind.NOTE).exists()
    assert any(target.reference in text for text in flashed(response))


def test_a_failed_reply_shows_a_send_again_button_that_queues_it(
    agent_client, agent, django_capture_on_commit_callbacks
):
    case = email_case()
    with django_capture_on_commit_callbacks(execute=True):
        reply = replies.record_reply(case, agent, "Guten Tag Frau Muster")
    Message.objects.filter(pk=reply.pk).update(
        delivery=Message.Delivery.FAILED, delivery_error="Connection refused"
    )
    page = agent_client.get(case.get_absolute_url()).content.decode()
    assert reverse("web:case_retry", args=[case.reference]) in page
    with django_capture_on_commit_callbacks(execute=True):
        agent_client.post(reverse("web:case_retry", args=[case.reference]), {"message": reply.pk})
    reply.refresh_from_db()
    assert reply.delivery == Message.Delivery.SENT
