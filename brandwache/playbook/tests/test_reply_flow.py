"""Before a reply is sent: an impersonal one comes back with a warning, a personal one goes."""

from __future__ import annotations

import html

import pytest
from django.core import mail
from django.urls import reverse

from brandwache.cases.models import CaseEvent, Message
from brandwache.playbook.models import ReplyReview

pytestmark = pytest.mark.django_db

IMPERSONAL = "Guten Tag\n\nVielen Dank für Ihre Nachricht. Wir kümmern uns darum."
PERSONAL = (
    "Grüezi Frau Muster\n\nEs tut mir leid. Die doppelt belasteten CHF 49.90 buchen wir bis "
    "Freitag zurück. Sie hören morgen von mir."
)


def send(client, case, text: str, **extra: str):
    return client.post(reverse("web:case_reply", args=[case.reference]), {"text": text, **extra})


def outbound(case):
    return Message.objects.filter(case=case, direction=Message.Direction.OUTBOUND)


def test_an_impersonal_reply_is_held_back_with_the_text_kept_and_a_warning(
    agent_client, complaint_case, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = send(agent_client, complaint_case, IMPERSONAL)

    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="reply-warning"' in page
    assert "Noch nicht gesendet" in page
    assert "begrüßt Petra Muster nicht mit Namen" in page
    assert 'name="send_anyway"' in page and "Trotzdem senden" in page
    assert html.escape(IMPERSONAL) in page  # the draft is still in the reply box
    assert not outbound(complaint_case).exists()
    assert mail.outbox == []
    assert not complaint_case.events.filter(kind=CaseEvent.Kind.REPLY_SENT).exists()


def test_the_held_back_reply_is_sent_with_send_anyway_and_that_is_recorded(
    agent_client, agent, complaint_case, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = send(agent_client, complaint_case, IMPERSONAL, send_anyway="on")

    assert response.status_code == 302
    reply = outbound(complaint_case).get()
    assert reply.text == IMPERSONAL.strip()
    assert [m.to for m in mail.outbox] == [["petra.muster@example.ch"]]
    review = ReplyReview.objects.get(message=reply)
    assert (review.personalised, review.sent_anyway, review.actor) == (False, True, agent)


def test_a_personal_reply_is_sent_directly(
    agent_client, complaint_case, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = send(agent_client, complaint_case, PERSONAL)

    assert response.status_code == 302
    assert response["Location"] == complaint_case.get_absolute_url()
    reply = outbound(complaint_case).get()
    review = ReplyReview.objects.get(message=reply)
    assert (review.personalised, review.sent_anyway) == (True, False)
    assert len(mail.outbox) == 1


def test_send_anyway_on_a_personal_reply_records_no_override(agent_client, complaint_case):
    send(agent_client, complaint_case, PERSONAL, send_anyway="on")
    review = ReplyReview.objects.get(message=outbound(complaint_case).get())
    assert (review.personalised, review.sent_anyway) == (True, False)


def test_an_unchanged_standard_text_is_held_back_although_it_greets_by_name(
    agent_client, complaint_case, standard_text
):
    response = send(agent_client, complaint_case, standard_text)

    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="reply-warning"' in page
    assert "Standardtext" in page
    assert not outbound(complaint_case).exists()


def test_a_reply_to_a_contact_without_e_mail_is_refused_for_that_reason_not_held(
    agent_client, complaint_case
):
    complaint_case.contact.identities.all().delete()
    response = send(agent_client, complaint_case, IMPERSONAL)
    assert response.status_code == 302
    assert not outbound(complaint_case).exists()


def test_a_reply_on_a_question_is_checked_for_personality_too(agent_client, question_case):
    response = send(agent_client, question_case, IMPERSONAL)
    assert response.status_code == 200
    assert 'id="reply-warning"' in response.content.decode()


def test_every_sent_reply_gets_a_review_with_the_playbook_checks(
    agent_client, agent, complaint_case
):
    send(agent_client, complaint_case, PERSONAL)

    review = ReplyReview.objects.get(case=complaint_case)
    assert review.is_complaint
    assert (review.apology, review.concrete_action, review.excuse, review.next_step) == (
        True,
        True,
        False,
        True,
    )
    assert (review.greeting_by_name, review.refers_to_customer, review.standard_text) == (
        True,
        True,
        False,
    )
    assert review.detector_version
    assert review.evidence["apology"] == "Es tut mir leid"
    assert review.evidence["complaint_source"] == "triage"


def test_a_reply_on_a_question_is_reviewed_as_no_complaint(agent_client, question_case):
    send(
        agent_client,
        question_case,
        "Grüezi Frau Muster\n\nUnsere Filiale in Bern öffnet am Samstag um 9 Uhr.",
    )
    review = ReplyReview.objects.get(case=question_case)
    assert not review.is_complaint
    assert review.personalised


def test_a_reply_sent_by_another_part_of_the_product_is_reviewed_as_well(agent, complaint_case):
    from brandwache.cases import replies

    reply = replies.record_reply(complaint_case, agent, "Es tut uns leid, Frau Muster.")
    assert ReplyReview.objects.get(message=reply).apology
