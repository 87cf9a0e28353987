"""The intake contract, run against every registered channel.

Every channel must: store the raw payload unchanged before anything reads it; be
idempotent (the same payload twice is one raw message and one message); reject bad
input with a reason and keep it as failed; and process a failed payload once the
cause is gone. A new channel adds a sample factory to `SAMPLES`; without one its
contract tests fail.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from brandwache.cases.models import Message
from brandwache.intake.channels.base import all_channels
from brandwache.intake.models import RawMessage
from brandwache.intake.pipeline import ingest, process, receive, reprocess
from brandwache.intake.tests.mails import mail_bytes, raw_mail

Payload = tuple[bytes, dict[str, object]]


@dataclass(frozen=True)
class Samples:
    valid: Callable[[], Payload]
    invalid: Callable[[], Payload]


def as_json(data: dict[str, object]) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode()


def manual_entry(kind: str) -> Samples:
    return Samples(
        valid=lambda: (
            as_json(
                {
                    "name": "Hans Beispiel",
                    "phone": "+41 79 123 45 67",
                    "subject": f"{kind}: Zähler falsch abgelesen",
                    "text": "Der Zählerstand auf der Rechnung stimmt nicht mit dem Foto überein.",
                }
            ),
            {"entry_id": f"{kind}-1"},
        ),
        invalid=lambda: (as_json({"text": "Kunde hat angerufen, Nummer vergessen."}), {}),
    )


SAMPLES: dict[str, Samples] = {
    "email": Samples(
        valid=lambda: (mail_bytes(message_id="<vertrag@example.ch>"), {"source": "test"}),
        invalid=lambda: (raw_mail("Subject: Ohne Absender", b"Bitte melden."), {}),
    ),
    "webform": Samples(
        valid=lambda: (
            as_json(
                {
                    "name": "Petra Muster",
                    "email": "petra.muster@example.ch",
                    "subject": "Lieferung beschädigt",
                    "text": "Das Paket kam mit eingedrückter Ecke an, die Tasse ist zerbrochen.",
                }
            ),
            {"submission_id": "f-2026-1"},
        ),
        invalid=lambda: (as_json({"email": "petra.muster@example.ch", "text": ""}), {}),
    ),
    "phone": manual_entry("phone"),
    "letter": manual_entry("letter"),
    "fax": manual_entry("fax"),
    # A public post that listening turned into a case (brandwache/listening/channel.py).
    "listening": Samples(
        valid=lambda: (
            as_json(
                {
                    "id": "p1",
                    "source": "forum",
                    "url": "https://forum.example/t/1",
                    "author": "@tomsample",
                    "created_at": "2026-03-02T08:15:00+01:00",
                    "lang": "de",
                    "text": "Paket seit drei Wochen nicht da.",
                    "in_reply_to": None,
                }
            ),
            {},
        ),
        invalid=lambda: (as_json({"id": "p2", "text": ""}), {}),
    ),
}

CHANNEL_KEYS = sorted(channel.key for channel in all_channels())


@pytest.fixture(params=CHANNEL_KEYS)
def channel(request) -> str:
    return request.param


@pytest.fixture
def samples(channel) -> Samples:
    if channel not in SAMPLES:
        pytest.fail(f"channel {channel!r} has no contract samples; add them to SAMPLES")
    return SAMPLES[channel]


def test_the_built_in_channels_are_all_under_contract():
    assert {"email", "webform", "phone", "letter", "fax"} <= set(CHANNEL_KEYS)


@pytest.mark.django_db
class TestChannelContract:
    def test_the_raw_payload_is_stored_unchanged_before_processing(self, channel, samples):
        payload, metadata = samples.valid()
        raw, created = receive(channel, payload, metadata=metadata)
        assert created
        stored = RawMessage.objects.get(pk=raw.pk)
        assert bytes(stored.payload) == payload
        assert stored.size == len(payload)
        assert stored.status == RawMessage.Status.PENDING
        assert not Message.objects.filter(raw=stored).exists()
        message = process(stored)
        assert message is not None
        stored.refresh_from_db()
        assert stored.status == RawMessage.Status.PROCESSED
        assert bytes(stored.payload) == payload

    def test_the_same_payload_twice_is_one_raw_message_and_one_message(self, channel, samples):
        payload, metadata = samples.valid()
        first = ingest(channel, payload, metadata=dict(metadata))
        second = ingest(channel, payload, metadata=dict(metadata))
        assert first.created and not second.created
        assert first.message is not None and second.message == first.message
        assert RawMessage.objects.filter(channel=channel).count() == 1
        assert Message.objects.count() == 1

    def test_bad_input_is_kept_as_failed_with_a_reason(self, channel, samples):
        payload, metadata = samples.invalid()
        result = ingest(channel, payload, metadata=metadata)
        assert result.message is None
        raw = RawMessage.objects.get(pk=result.raw.pk)
        assert raw.status == RawMessage.Status.FAILED
        assert raw.error.strip()
        assert not raw.error.startswith("Unexpected error")  # rejected, not crashed
        assert bytes(raw.payload) == payload
        assert raw.attempts == 1

    def test_reprocessing_bad_input_keeps_it_failed_with_the_same_reason(self, channel, samples):
        payload, metadata = samples.invalid()
        raw = ingest(channel, payload, metadata=metadata).raw
        reason = raw.error
        assert reprocess(raw) is None
        raw.refresh_from_db()
        assert raw.status == RawMessage.Status.FAILED
        assert raw.error == reason
        assert raw.attempts == 2
        assert not Message.objects.exists()

    def test_a_payload_refused_for_a_cause_since_fixed_is_processed_on_reprocess(
        self, channel, samples, settings
    ):
        payload, metadata = samples.valid()
        settings.BRANDWACHE_MAX_MESSAGE_BYTES = len(payload) - 1
        raw = ingest(channel, payload, metadata=metadata).raw
        assert raw.status == RawMessage.Status.FAILED
        settings.BRANDWACHE_MAX_MESSAGE_BYTES = len(payload)
        message = reprocess(raw)
        assert message is not None
        raw.refresh_from_db()
        assert (raw.status, raw.error, raw.attempts) == (RawMessage.Status.PROCESSED, "", 2)
        assert bytes(raw.payload) == payload
