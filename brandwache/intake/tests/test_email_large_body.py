from __future__ import annotations

from time import perf_counter

import pytest
from django.conf import settings
from django.utils.formats import number_format

from brandwache.intake.models import RawMessage
from brandwache.intake.pipeline import ingest
from brandwache.intake.tests.mails import raw_mail

pytestmark = pytest.mark.django_db

TWENTY_MB = 20 * 1024 * 1024
LINE = "Die Heizung ist seit Wochen kalt und niemand meldet sich bei mir zurück.\n"
# Far above what linear work needs on a slow machine, far below what quadratic work takes.
GENEROUS_SECONDS = 60


def big_mail(body: bytes, content_type: str = "text/plain; charset=utf-8") -> bytes:
    return raw_mail(
        "From: Petra Muster <petra@example.ch>\nSubject: Sehr lang\n"
        f"Message-ID: <gross.{len(body)}.{content_type[:9]}@example.ch>\n"
        f"Content-Type: {content_type}",
        body,
    )


def ingest_timed(payload: bytes):
    started = perf_counter()
    result = ingest("email", payload)
    return result, perf_counter() - started


def test_a_20_mb_body_is_stored_whole_and_its_text_truncated_with_a_note():
    body = (LINE * (TWENTY_MB // len(LINE.encode()) + 1)).encode()
    payload = big_mail(body)
    assert len(payload) > TWENTY_MB
    result, seconds = ingest_timed(payload)
    assert seconds < GENEROUS_SECONDS
    message = result.message
    assert message is not None
    limit = settings.BRANDWACHE_MAX_TEXT_CHARS
    assert len(message.text) <= limit + 200
    assert message.text.startswith(LINE.strip())
    note = message.text.rsplit("\n", 1)[-1]
    assert note.startswith("[") and number_format(limit, force_grouping=True) in note
    raw = RawMessage.objects.get()
    assert raw.size == len(payload)
    assert bytes(raw.payload) == payload


def test_a_20_mb_body_on_a_single_line_is_handled_too():
    payload = big_mail(b"x" * TWENTY_MB)
    result, seconds = ingest_timed(payload)
    assert seconds < GENEROUS_SECONDS
    assert result.message.text.startswith("x" * 1000)


def test_a_20_mb_html_body_is_cut_before_it_is_sanitised():
    paragraph = "<p onclick='x()'>Seit Wochen <b>kalt</b>.</p>\n"
    payload = big_mail((paragraph * (TWENTY_MB // len(paragraph))).encode(), "text/html")
    result, seconds = ingest_timed(payload)
    assert seconds < GENEROUS_SECONDS
    message = result.message
    assert message.text.startswith("Seit Wochen kalt.")
    assert "onclick" not in message.html
    assert len(message.html) < 6 * settings.BRANDWACHE_MAX_TEXT_CHARS


def test_a_mail_above_the_message_limit_is_kept_and_refused_with_a_reason(settings):
    settings.BRANDWACHE_MAX_MESSAGE_BYTES = 1024
    result = ingest("email", big_mail(LINE.encode() * 100))
    assert result.message is None
    assert RawMessage.objects.get().status == RawMessage.Status.FAILED
    assert "1,024" in result.error or "1024" in result.error
