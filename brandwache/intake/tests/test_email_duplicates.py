from __future__ import annotations

import pytest

from brandwache.cases.models import Case, Message
from brandwache.intake.models import RawMessage
from brandwache.intake.pipeline import ingest
from brandwache.intake.tests.mails import mail_bytes

pytestmark = pytest.mark.django_db


def test_the_same_mail_imported_twice_is_one_raw_message_and_one_message():
    payload = mail_bytes(message_id="<doppelt@example.ch>")
    first = ingest("email", payload)
    second = ingest("email", payload)
    assert first.created and second.duplicate
    assert second.message == first.message
    assert RawMessage.objects.count() == 1
    assert Message.objects.count() == 1
    assert Case.objects.count() == 1


def test_the_same_mail_with_other_delivery_headers_is_recognised_by_its_message_id():
    payload = mail_bytes(message_id="<doppelt@example.ch>")
    ingest("email", payload)
    # The same mail as a mailbox file stores it: extra headers in front.
    again = ingest("email", b"Status: RO\r\nX-Original-To: service@firma.example\r\n" + payload)
    assert again.duplicate
    assert Message.objects.count() == 1


def test_two_different_mails_without_message_id_are_two_messages():
    first = mail_bytes(body="Erste Nachricht").replace(b"Message-ID:", b"X-Old:")
    second = mail_bytes(body="Zweite Nachricht").replace(b"Message-ID:", b"X-Old:")
    assert ingest("email", first).created
    assert ingest("email", second).created
    assert Message.objects.count() == 2
