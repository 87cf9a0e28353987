"""Intake problems: failed raw messages listed with their reason, reprocessed by leads."""

from __future__ import annotations

import json

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from brandwache.audit.models import AuditEntry
from brandwache.cases.models import Message
from brandwache.intake.models import RawMessage
from brandwache.intake.pipeline import ingest
from brandwache.listening import recording
from brandwache.listening.jsonl import import_lines
from brandwache.listening.models import Mention, Post, Source
from brandwache.listening.webhook import issue_token
from brandwache.organisations.models import Organisation

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


# Public posts of listening sources fail into the same list and are retried on their own path.

COMPLAINT = {
    "id": "p1",
    "url": "https://forum.example/t/1",
    "author": "@tomsample",
    "created_at": "2026-03-02T08:15:00+01:00",
    "lang": "de",
    "text": "Kaufhafen hat mein Paket seit drei Wochen nicht geliefert, keine Antwort. "
    "Eine Frechheit.",
}


@pytest.fixture
def kaufhafen() -> Organisation:
    return Organisation.objects.create(slug="kaufhafen", name="Kaufhafen", handles=["@kaufhafen"])


def failed_post(monkeypatch, line: dict | None = None, source_name: str = "forum") -> RawMessage:
    """A post imported while the case store was unavailable: stored raw, then failed."""
    original = recording._attach_case

    def broken(source, raw, post, mentions):
        raise RuntimeError("case store unavailable")

    monkeypatch.setattr(recording, "_attach_case", broken)
    source = Source.objects.create(name=source_name, kind=Source.Kind.JSONL)
    assert import_lines(source, [json.dumps(line or COMPLAINT)]).outcome.failed == 1
    monkeypatch.setattr(recording, "_attach_case", original)
    raw = RawMessage.objects.get(
        channel="jsonl", external_id=f"{source.pk}:{(line or COMPLAINT)['id']}"
    )
    assert raw.status == RawMessage.Status.FAILED and "case store unavailable" in raw.error
    return raw


def refused_webhook_body() -> RawMessage:
    source = Source.objects.create(name="reviews-hook", kind=Source.Kind.WEBHOOK)
    token = issue_token(source)
    response = Client().post(
        reverse("listening:webhook", args=[source.pk]),
        data=json.dumps([{"id": "w9", "text": "  "}]).encode(),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 400
    raw = RawMessage.objects.get(channel="webhook")
    assert raw.status == RawMessage.Status.FAILED and raw.metadata["webhook_body"] is True
    return raw


def test_a_failed_post_is_listed_with_its_source_and_kind(client, lead, kaufhafen, monkeypatch):
    raw = failed_post(monkeypatch)
    client.force_login(lead)
    html = client.get(reverse("web:intake_problems")).content.decode()
    row = html[html.index(f'id="raw-{raw.pk}"') :]
    row = row[: row.index("</tr>")]
    assert "JSON-Lines-Import" in row and "öffentlicher Beitrag" in row
    assert "<dt>Listening-Quelle</dt><dd>forum</dd>" in row
    assert '<span class="muted">p1</span>' in row
    assert reverse("web:intake_reprocess", args=[raw.pk]) in row
    assert "Rohdaten herunterladen" in row
    response = client.get(reverse("web:intake_raw", args=[raw.pk]))
    assert response["Content-Disposition"] == f'attachment; filename="raw-jsonl-{raw.pk}.json"'
    assert json.loads(response.content) == COMPLAINT


def test_a_failed_post_is_reprocessed_as_a_post_once_the_cause_is_fixed(
    client, lead, kaufhafen, monkeypatch
):
    raw = failed_post(monkeypatch)
    client.force_login(lead)
    response = client.post(reverse("web:intake_reprocess", args=[raw.pk]), follow=True)
    assert "Der Beitrag wurde verarbeitet: 1 Erwähnung, 1 Fall." in flashed(response)
    raw.refresh_from_db()
    assert (raw.status, raw.error, raw.attempts) == (RawMessage.Status.PROCESSED, "", 2)
    post = Post.objects.get(external_id="p1")
    case = Mention.objects.get(post=post).case
    message = Message.objects.get(raw=raw)  # put on the case by listening, not as a mail
    assert (message.channel, message.case) == ("listening", case)
    entry = AuditEntry.objects.get(action=AuditEntry.Action.RAW_MESSAGE_REPROCESSED)
    assert entry.actor == lead and entry.data == {"outcome": "processed"}
    assert f'id="raw-{raw.pk}"' not in response.content.decode()


def test_a_post_that_still_fails_shows_its_reason(client, lead, kaufhafen):
    source = Source.objects.create(name="forum", kind=Source.Kind.JSONL)
    import_lines(source, [json.dumps({**COMPLAINT, "created_at": "gestern"})])
    raw = RawMessage.objects.get(channel="jsonl")
    assert raw.status == RawMessage.Status.FAILED
    client.force_login(lead)
    response = client.post(reverse("web:intake_reprocess", args=[raw.pk]), follow=True)
    assert "Weiterhin nicht verarbeitbar: created_at 'gestern' is not ISO 8601." in flashed(
        response
    )
    raw.refresh_from_db()
    assert raw.status == RawMessage.Status.FAILED and raw.attempts == 2
    assert not Post.objects.exists()
    entry = AuditEntry.objects.get(action=AuditEntry.Action.RAW_MESSAGE_REPROCESSED)
    assert "ISO 8601" in entry.data["outcome"]


def test_reprocess_all_sends_messages_and_posts_down_their_own_paths(
    client, lead, settings, kaufhafen, monkeypatch
):
    mail = too_big(settings, "Erste Meldung")
    post = failed_post(monkeypatch)
    source = Source.objects.get(name="forum")
    import_lines(source, [json.dumps({"id": "p2", "text": "Kaufhafen", "created_at": "gestern"})])
    broken = RawMessage.objects.get(external_id=f"{source.pk}:p2")
    settings.BRANDWACHE_MAX_MESSAGE_BYTES = 1_000_000
    client.force_login(lead)
    response = client.post(reverse("web:intake_reprocess_all"), follow=True)
    assert "2 von 3 Nachrichten verarbeitet." in flashed(response)
    assert any("weiterhin nicht verarbeiten" in text for text in flashed(response))
    for raw in (mail, post, broken):
        raw.refresh_from_db()
    assert mail.status == post.status == RawMessage.Status.PROCESSED
    assert broken.status == RawMessage.Status.FAILED and broken.attempts == 2
    assert Message.objects.get(raw=mail).case.reference
    assert Mention.objects.filter(post__external_id="p1").exists()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.RAW_MESSAGE_REPROCESSED).count() == 3


def test_a_refused_webhook_body_is_explained_and_not_offered_for_reprocessing(client, lead):
    raw = refused_webhook_body()
    client.force_login(lead)
    html = client.get(reverse("web:intake_problems")).content.decode()
    row = html[html.index(f'id="raw-{raw.pk}"') :]
    row = row[: row.index("</tr>")]
    assert "abgelehnte Webhook-Anfrage" in row
    assert "kann nicht erneut verarbeitet werden" in row
    assert reverse("web:intake_reprocess", args=[raw.pk]) not in html
    assert reverse("web:intake_reprocess_all") not in html  # nothing on the page to retry
    assert reverse("web:intake_raw", args=[raw.pk]) in row
    response = client.post(reverse("web:intake_reprocess", args=[raw.pk]), follow=True)
    assert any("kann nicht erneut verarbeitet werden" in text for text in flashed(response))
    client.post(reverse("web:intake_reprocess_all"))
    raw.refresh_from_db()
    assert raw.status == RawMessage.Status.FAILED and raw.attempts == 1
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.RAW_MESSAGE_REPROCESSED).exists()


def test_a_post_whose_source_was_deleted_says_so(client, lead, kaufhafen, monkeypatch):
    raw = failed_post(monkeypatch)
    source = Source.objects.get(name="forum")
    source_pk = source.pk
    source.delete()
    client.force_login(lead)
    html = client.get(reverse("web:intake_problems")).content.decode()
    assert f"<dt>Listening-Quelle</dt><dd>gelöscht (Nr. {source_pk})</dd>" in html
    response = client.post(reverse("web:intake_reprocess", args=[raw.pk]), follow=True)
    assert "Weiterhin nicht verarbeitbar: Its listening source is gone." in flashed(response)
    raw.refresh_from_db()
    assert raw.status == RawMessage.Status.FAILED and raw.attempts == 2
