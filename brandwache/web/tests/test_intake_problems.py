"""Intake problems: failed raw messages listed with their reason, reprocessed by leads."""

from __future__ import annotations

import json

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from brandwache.intake.models import RawMessage
from brandwache.intake.pipeline import ingest

pytestmark = pytest.mark.django_db


def too_big(settings, text: str = "Der Zug fiel aus.") -> RawMessage:
    """A web form submission refused because the message limit was set too low."""
    settings.BRANDWACHE_MAX_MESSAGE_BYTES = 10
    payload = json.dumps({"email": "kunde@example.ch", "text": text}).encode()
    raw = ingest("webform", payload, metadata={"ip": "203.0.113.9", "submission_id": text}).raw
    assert raw.status == RawMessage.Status.FAILED
    return raw


def flashed(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_failed_messages_are_listed_with_reason_size_attempts_and_source(agent_client, settings):
    raw = too_big(settings)
    settings.BRANDWACHE_MAX_MESSAGE_BYTES = 1_000_000
    ok = ingest("webform", json.dumps({"email": "a@example.ch", "text": "ok"}).encode()).raw
    html = agent_client.get(reverse("web:intake_problems")).content.decode()
    assert f'id="raw-{raw.pk}"' in html
    assert f'id="raw-{ok.pk}"' not in html
    assert "Webformular" in html
    assert "the limit is 10 bytes" in html
    assert "203.0.113.9" in html
    assert "<td>1</td>" in html


def test_agents_see_no_reprocess_buttons(agent_client, settings):
    raw = too_big(settings)
    html = agent_client.get(reverse("web:intake_problems")).content.decode()
    assert reverse("web:intake_reprocess", args=[raw.pk]) not in html
    assert reverse("web:intake_raw", args=[raw.pk]) not in html


def test_a_lead_reprocesses_a_message_once_the_cause_is_fixed(client, lead, settings):
    raw = too_big(settings)
    client.force_login(lead)
    url = reverse("web:intake_reprocess", args=[raw.pk])
    assert url in client.get(reverse("web:intake_problems")).content.decode()
    response = client.post(url, follow=True)
    raw.refresh_from_db()
    assert raw.status == RawMessage.Status.FAILED and raw.attempts == 2
    assert any(text.startswith("Weiterhin nicht verarbeitbar") for text in flashed(response))
    settings.BRANDWACHE_MAX_MESSAGE_BYTES = 1_000_000
    response = client.post(url, follow=True)
    raw.refresh_from_db()
    assert raw.status == RawMessage.Status.PROCESSED
    case = raw.message.case
    assert any(case.reference in text for text in flashed(response))
    assert f'id="raw-{raw.pk}"' not in response.content.decode()


def test_reprocess_all_retries_every_failed_message(client, lead, settings):
    first = too_big(settings, "Erste Meldung")
    second = too_big(settings, "Zweite Meldung")
    client.force_login(lead)
    settings.BRANDWACHE_MAX_MESSAGE_BYTES = 1_000_000
    response = client.post(reverse("web:intake_reprocess_all"), follow=True)
    assert "2 von 2 Nachrichten verarbeitet." in flashed(response)
    for raw in (first, second):
        raw.refresh_from_db()
        assert raw.status == RawMessage.Status.PROCESSED


def test_reprocess_all_reports_messages_that_still_fail(client, lead):
    raw = ingest("webform", json.dumps({"text": "ohne Adresse"}).encode()).raw
    client.force_login(lead)
    response = client.post(reverse("web:intake_reprocess_all"), follow=True)
    assert "0 von 1 Nachricht verarbeitet." in flashed(response)
    assert any("weiterhin nicht verarbeiten" in text for text in flashed(response))
    raw.refresh_from_db()
    assert raw.attempts == 2


def test_a_lead_downloads_the_raw_payload_unchanged(client, lead, settings):
    raw = too_big(settings, "Ümläute & <b>Markup</b>")
    client.force_login(lead)
    response = client.get(reverse("web:intake_raw", args=[raw.pk]))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == f'attachment; filename="raw-webform-{raw.pk}.json"'
    assert response.content == bytes(raw.payload)
