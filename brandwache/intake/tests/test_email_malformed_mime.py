from __future__ import annotations

import os
from time import perf_counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brandwache.intake.channels.base import IntakeRejected
from brandwache.intake.mailparse import parse_mail_bytes
from brandwache.intake.models import RawMessage
from brandwache.intake.pipeline import ingest
from brandwache.intake.tests.mails import raw_mail

pytestmark = pytest.mark.django_db

HEAD = "From: Petra Muster <petra@example.ch>\nSubject: Reklamation\nMIME-Version: 1.0\n"


def test_a_multipart_whose_boundary_never_appears_is_read_as_text():
    payload = raw_mail(
        HEAD + 'Content-Type: multipart/mixed; boundary="nirgends"',
        b"Die Lieferung fehlt.\r\nBitte melden Sie sich.",
    )
    message = ingest("email", payload).message
    assert message is not None
    assert message.text == "Die Lieferung fehlt.\nBitte melden Sie sich."


def test_a_multipart_without_closing_boundary_keeps_its_parts():
    body = (
        b"--grenze\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        + "Das Paket ist beschädigt.".encode()
        + b"\r\n--grenze\r\nContent-Type: application/pdf\r\n"
        b'Content-Disposition: attachment; filename="foto.pdf"\r\n'
        b"Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n"
    )
    payload = raw_mail(HEAD + 'Content-Type: multipart/mixed; boundary="grenze"', body)
    message = ingest("email", payload).message
    assert message.text == "Das Paket ist beschädigt."
    attachment = message.attachments.get()
    assert attachment.filename == "foto.pdf"
    assert attachment.file.read() == b"%PDF-1.4\n"


def test_a_multipart_without_boundary_parameter_is_read_as_text():
    payload = raw_mail(HEAD + "Content-Type: multipart/alternative", b"Nur Text.")
    assert ingest("email", payload).message.text == "Nur Text."


def test_broken_base64_does_not_stop_the_message():
    payload = raw_mail(
        HEAD + "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64",
        b"R3LDvGV6aQ==!!\xff*not base64*",
    )
    message = ingest("email", payload).message
    assert message is not None
    assert RawMessage.objects.get().status == RawMessage.Status.PROCESSED


def test_nul_and_control_characters_are_removed_before_storing():
    payload = raw_mail(HEAD + "Content-Type: text/plain", b"Hallo\x00 Welt\x07\x1b!\tOk")
    message = ingest("email", payload).message
    assert message.text == "Hallo Welt!\tOk"


def test_a_mail_with_headers_only_becomes_a_message_with_its_subject():
    payload = (HEAD + "Message-ID: <nur-kopf@example.ch>\n").encode()
    message = ingest("email", payload).message
    assert message.subject == "Reklamation"
    assert message.text == ""


def test_garbage_bytes_are_rejected_with_a_reason_and_kept():
    payload = os.urandom(2048).replace(b":", b"")
    result = ingest("email", payload)
    assert result.message is None
    raw = RawMessage.objects.get()
    assert raw.status == RawMessage.Status.FAILED
    assert "From" in raw.error
    assert "Unexpected" not in raw.error
    assert bytes(raw.payload) == payload


def test_an_empty_payload_is_rejected_with_a_reason():
    result = ingest("email", b"\r\n  \r\n")
    assert result.message is None
    assert result.raw.error


def test_deeply_nested_multiparts_do_not_crash():
    body = b""
    for depth in range(60):
        body += (
            f'--b{depth}\r\nContent-Type: multipart/mixed; boundary="b{depth + 1}"\r\n\r\n'.encode()
        )
    body += b"--b60\r\nContent-Type: text/plain\r\n\r\nganz innen\r\n"
    payload = raw_mail(HEAD + 'Content-Type: multipart/mixed; boundary="b0"', body)
    message = ingest("email", payload).message
    assert message.text == "ganz innen"


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_after_a_sender_give_a_message_or_a_clear_rejection(body):
    payload = b"From: petra@example.ch\r\n" + body
    try:
        parsed = parse_mail_bytes(payload)
    except IntakeRejected as rejected:
        assert rejected.reason
    else:
        assert "\x00" not in parsed.text + parsed.subject + parsed.html
        parsed.text.encode("utf-8")
        parsed.subject.encode("utf-8")


def test_huge_header_values_are_read_in_linear_time():
    payload = raw_mail(
        "From: " + "a" * 200_000 + "\nReply-To: petra@example.ch\nSubject: " + "x" * 200_000,
        b"Text",
    )
    started = perf_counter()
    message = ingest("email", payload).message
    assert perf_counter() - started < 20
    assert message.sender == "petra@example.ch"
