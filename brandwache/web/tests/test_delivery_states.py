"""Every reply on the case page says where it is: queued, sending, sent or failed (and why),
with a button to send it again when it failed or is stuck."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from brandwache.cases import replies
from brandwache.cases.delivery import WORKER_LOST
from brandwache.cases.models import Case, CaseEvent, Message

pytestmark = pytest.mark.django_db

Delivery = Message.Delivery
LONG_AGO = timedelta(seconds=121)  # more than the task lease of 120 s


def reply_in_state(
    case: Case, agent, django_capture_on_commit_callbacks, **state: object
) -> Message:
    with django_capture_on_commit_callbacks(execute=False):
        reply = replies.record_reply(case, agent, "Grüezi Frau Muster")
    Message.objects.filter(pk=reply.pk).update(**state)
    return reply


def delivery_paragraph(page: str) -> str:
    start = page.index('<p class="delivery')
    return page[start : page.index("</p>", start)]


def retry_url(case: Case) -> str:
    return reverse("web:case_retry", args=[case.reference])


@pytest.mark.parametrize(
    ("state", "shown", "button"),
    [
        ({}, "Zustellung: In Warteschlange", None),
        (
            {"delivery": Delivery.SENDING, "delivery_claimed_until": "soon"},
            "Zustellung: Wird gesendet – wird dem Mailserver übergeben.",
            None,
        ),
        (
            {"delivery": Delivery.SENT, "delivered_at": "now"},
            "Zustellung: Gesendet – vom Mailserver angenommen am",
            None,
        ),
        (
            {"delivery": Delivery.FAILED, "delivery_error": "550 5.1.1 No such user"},
            "Zustellung: Fehlgeschlagen – 550 5.1.1 No such user",
            "Erneut senden",
        ),
        (
            {"delivery": Delivery.FAILED, "delivery_error": WORKER_LOST},
            "Fehlgeschlagen – der sendende Hintergrundprozess brach bei jedem Versuch ab",
            "Erneut senden",
        ),
        (
            {"delivery_attempts": 1, "delivery_error": "421 Busy", "delivery_due_at": "soon"},
            "Zustellung: In Warteschlange – Versuch 1 fehlgeschlagen (421 Busy); nächster",
            None,
        ),
        (
            {"created_at": "long ago"},
            "Zustellung: In Warteschlange – hängt: kein Hintergrundprozess hat sie übernommen.",
            "Jetzt senden",
        ),
        (
            {"delivery": Delivery.SENDING, "delivery_claimed_until": "just passed"},
            "Zustellung: Wird gesendet – hängt: der sendende Hintergrundprozess brach ab",
            "Jetzt senden",
        ),
    ],
)
def test_the_case_page_shows_each_delivery_state_and_a_retry_only_when_it_helps(
    agent_client, agent, billing_case, django_capture_on_commit_callbacks, state, shown, button
) -> None:
    now = timezone.now()
    times = {
        "soon": now + timedelta(minutes=1),
        "now": now,
        "long ago": now - LONG_AGO,
        "just passed": now - timedelta(seconds=1),
    }
    values = {key: times.get(value, value) for key, value in state.items()}
    reply_in_state(billing_case, agent, django_capture_on_commit_callbacks, **values)

    page = agent_client.get(billing_case.get_absolute_url()).content.decode()

    assert shown in delivery_paragraph(page)
    assert ("delivery-stuck" in delivery_paragraph(page)) == (button == "Jetzt senden")
    if button is None:
        assert retry_url(billing_case) not in page
    else:
        assert retry_url(billing_case) in page
        assert f'<button type="submit">{button}</button>' in page


def test_the_delivery_line_is_english_for_an_english_reader(
    agent_client, agent, billing_case, django_capture_on_commit_callbacks
) -> None:
    reply_in_state(
        billing_case,
        agent,
        django_capture_on_commit_callbacks,
        created_at=timezone.now() - LONG_AGO,
    )
    agent_client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    page = agent_client.get(billing_case.get_absolute_url()).content.decode()

    assert "Delivery: Queued – stuck: no worker has taken it up." in page
    assert '<button type="submit">Send now</button>' in page


def test_an_agent_sends_a_stuck_reply_now_and_the_timeline_says_so(
    agent_client, agent, billing_case, django_capture_on_commit_callbacks
) -> None:
    reply = reply_in_state(
        billing_case,
        agent,
        django_capture_on_commit_callbacks,
        created_at=timezone.now() - LONG_AGO,
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = agent_client.post(retry_url(billing_case), {"message": reply.pk})

    assert response.status_code == 302
    reply.refresh_from_db()
    assert reply.delivery == Delivery.SENT
    event = billing_case.events.get(kind=CaseEvent.Kind.DELIVERY_RETRIED)
    assert event.actor == agent
    page = agent_client.get(billing_case.get_absolute_url()).content.decode()
    assert "Antwort erneut zum Senden eingereiht: kein Hintergrundprozess" in page


def test_a_colleague_of_another_team_cannot_send_a_stuck_reply_of_this_team(
    client, colleague, agent, billing_case, django_capture_on_commit_callbacks
) -> None:
    reply = reply_in_state(
        billing_case,
        agent,
        django_capture_on_commit_callbacks,
        created_at=timezone.now() - LONG_AGO,
    )
    client.force_login(colleague)

    response = client.post(retry_url(billing_case), {"message": reply.pk})

    assert response.status_code == 404
    assert Message.objects.get(pk=reply.pk).delivery == Delivery.QUEUED
    assert not billing_case.events.filter(kind=CaseEvent.Kind.DELIVERY_RETRIED).exists()
