"""A line break in a subject never stops a case's replies from being mailed.

Python's mail library refuses header values with line breaks, so one CR/LF that
reached a case's subject used to make every reply on it fail, for ever.
"""

from __future__ import annotations

import email
import email.policy
import json

import pytest
from django.apps import apps

from brandwache.cases import replies
from brandwache.cases.mail import build_email
from brandwache.cases.models import Case, Message
from brandwache.cases.repairs import put_subjects_on_one_line
from brandwache.intake.pipeline import ingest
from brandwache.intake.subjects import normalise_subject
from brandwache.intake.tests.mails import raw_mail

pytestmark = pytest.mark.django_db

ENCODED_BREAK = "=?utf-8?q?Hallo=0D=0ABcc:_x@evil.example?="


def encoded_break_mail() -> bytes:
    return raw_mail(
        f"From: Petra Muster <petra.muster@example.ch>\nSubject: {ENCODED_BREAK}\n"
        "Message-ID: <umbruch@example.ch>\nContent-Type: text/plain; charset=utf-8",
        b"Meine Rechnung ist doppelt belastet.",
    )


def sent_mail(smtp_server) -> email.message.EmailMessage:
    assert len(smtp_server.received) == 1
    return email.message_from_bytes(smtp_server.received[0][2], policy=email.policy.default)


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("Hallo\r\nBcc: x@evil.example", "Hallo Bcc: x@evil.example"),
        ("  Rechnung \t doppelt\n\n belastet ", "Rechnung doppelt belastet"),
        ("Zeile\u2028neu\u2029Absatz\x85NEL", "Zeile neu Absatz NEL"),
        ("Nul\x00und\x1bEscape\x7f", "Nul und Escape"),
        ("Grüezi aus Zürich", "Grüezi aus Zürich"),
        ("\r\n", ""),
    ],
)
def test_subjects_are_put_on_one_line(subject, expected):
    assert normalise_subject(subject) == expected


def test_a_mail_with_an_encoded_line_break_in_its_subject_can_be_answered(
    smtp_server, agent, django_capture_on_commit_callbacks
):
    message = ingest("email", encoded_break_mail()).message
    assert message is not None
    case = message.case
    assert case.subject == message.subject == "Hallo Bcc: x@evil.example"
    with django_capture_on_commit_callbacks(execute=True):
        reply = replies.record_reply(case, agent, "Grüezi Frau Muster, wir prüfen es.")
    reply.refresh_from_db()
    assert reply.delivery == Message.Delivery.SENT
    sent = sent_mail(smtp_server)
    assert smtp_server.received[0][1] == ["petra.muster@example.ch"]
    assert sent["Subject"] == f"Re: Hallo Bcc: x@evil.example [{case.reference}]"
    assert sent["Bcc"] is None


def test_a_form_subject_and_a_subject_taken_from_the_text_are_one_line_too():
    form = {"email": "hans@example.ch", "subject": "Zug\r\nausgefallen", "text": "Kein Zug."}
    by_form = ingest("webform", json.dumps(form).encode()).message
    phone = {"phone": "+41 79 123 45 67", "text": "Anruf:\nZug ausgefallen,\r\nGeld zurück"}
    by_phone = ingest("phone", json.dumps(phone).encode(), metadata={"entry_id": "1"}).message
    assert by_form.case.subject == by_form.subject == "Zug ausgefallen"
    assert by_phone.case.subject == "Anruf: Zug ausgefallen, Geld zurück"


def test_stored_subjects_with_line_breaks_are_repaired_for_the_data_migration(
    smtp_server, agent, django_capture_on_commit_callbacks
):
    message = ingest("email", encoded_break_mail()).message
    broken = "Hallo\r\nBcc: x@evil.example"
    # As stored before subjects were normalised on intake.
    Case.objects.filter(pk=message.case_id).update(subject=broken)
    Message.objects.filter(pk=message.pk).update(subject=broken)
    assert put_subjects_on_one_line(apps) == 2
    assert put_subjects_on_one_line(apps) == 0
    case = Case.objects.get(pk=message.case_id)
    assert case.subject == Message.objects.get(pk=message.pk).subject == "Hallo Bcc: x@evil.example"
    with django_capture_on_commit_callbacks(execute=True):
        replies.record_reply(case, agent, "Grüezi Frau Muster")
    assert sent_mail(smtp_server)["Subject"].startswith("Re: Hallo Bcc: x@evil.example")


def test_a_queued_mail_with_a_broken_subject_still_gets_a_one_line_header(agent):
    case = ingest("email", encoded_break_mail()).message.case
    reply = replies.record_reply(case, agent, "Grüezi Frau Muster")
    Message.objects.filter(pk=reply.pk).update(subject="Re: Hallo\nBcc: x@evil.example")
    reply.refresh_from_db()
    built = build_email(reply).message()
    assert built["Subject"] == "Re: Hallo Bcc: x@evil.example"
    assert built["Bcc"] is None
