"""Replies compared with the knowledge base: a text module inserted and sent unchanged."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.urls import reverse

from brandwache.cases.models import Message
from brandwache.playbook import standards
from brandwache.playbook.models import ReplyReview

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not apps.is_installed("brandwache.answers"), reason="needs the knowledge base"
    ),
]

MODULE = (
    "{salutation}\n\nVielen Dank für Ihre Nachricht. Wir haben Ihr Anliegen erhalten und "
    "kümmern uns so rasch wie möglich darum.\n\nFreundliche Grüsse\n{agent_name}"
)


@pytest.fixture
def module():
    from brandwache.answers.models import TextModule

    return TextModule.objects.create(shortcut="eingang", name="Eingang", body=MODULE)


def insert(client, case, module) -> str:
    """The module's text as the knowledge base puts it into the reply box."""
    inbound = case.messages.get(direction=Message.Direction.INBOUND)
    response = client.post(
        reverse("answers:insert", args=[case.reference]),
        {"item": f"module:{module.pk}", "message": inbound.pk, "rank": 1},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 200
    return response.json()["text"]


def test_an_inserted_text_module_sent_unchanged_is_held_back(agent_client, complaint_case, module):
    text = insert(agent_client, complaint_case, module)
    assert "Muster" in text  # the salutation names the customer, yet it is a standard text

    response = agent_client.post(
        reverse("web:case_reply", args=[complaint_case.reference]), {"text": text}
    )

    assert response.status_code == 200
    assert "unveränderter Standardtext" in response.content.decode()
    assert not complaint_case.messages.filter(direction=Message.Direction.OUTBOUND).exists()


def test_the_module_with_a_sentence_for_this_customer_is_sent(agent_client, complaint_case, module):
    text = insert(agent_client, complaint_case, module).replace(
        "darum.", "darum. Die doppelte Belastung von CHF 49.90 buchen wir bis Freitag zurück."
    )

    response = agent_client.post(
        reverse("web:case_reply", args=[complaint_case.reference]), {"text": text}
    )

    assert response.status_code == 302
    review = ReplyReview.objects.get(case=complaint_case)
    assert (review.standard_text, review.personalised) == (False, True)


def test_a_broken_text_source_does_not_stop_a_reply(agent_client, complaint_case, caplog):
    def broken(case, user):
        raise RuntimeError("source down")

    standards.register(broken)
    try:
        response = agent_client.post(
            reverse("web:case_reply", args=[complaint_case.reference]),
            {"text": "Grüezi Frau Muster\n\nDie CHF 49.90 buchen wir bis Freitag zurück."},
        )
    finally:
        standards.unregister(broken)
    assert response.status_code == 302
    assert "source down" in caplog.text
