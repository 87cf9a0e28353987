from __future__ import annotations

from datetime import UTC, datetime

import pytest

from brandwache.intake.models import RawMessage
from brandwache.intake.pipeline import ingest
from brandwache.intake.tests.mails import mail_bytes, raw_mail

pytestmark = pytest.mark.django_db


def test_it_decodes_an_encoded_subject_and_sender_name():
    payload = raw_mail(
        """
From: =?iso-8859-1?q?J=FCrg_M=FCller?= <Juerg.Mueller@example.ch>
To: service@firma.example
Subject: =?utf-8?B?UmVrbGFtYXRpb246IEdlcsOkdA==?= =?utf-8?Q?_defekt_=E2=80=93_bitte?=
 um =?utf-8?Q?R=C3=BCckruf?=
Message-ID: <a1@example.ch>
Content-Type: text/plain; charset=utf-8
""",
        "Das Gerät läuft nicht mehr.".encode(),
    )
    message = ingest("email", payload).message
    assert message is not None
    assert message.subject == "Reklamation: Gerät defekt – bitte um Rückruf"
    assert message.sender == "Juerg.Mueller@example.ch"
    assert message.contact.display_name == "Jürg Müller"
    assert message.text == "Das Gerät läuft nicht mehr."


def test_a_name_with_an_encoded_comma_is_not_split_into_two_addresses():
    payload = raw_mail(
        """
From: =?utf-8?Q?M=C3=BCller=2C_Hans?= <hans@example.ch>
Subject: Test
""",
        b"Hallo",
    )
    message = ingest("email", payload).message
    assert message.sender == "hans@example.ch"
    assert message.contact.display_name == "Müller, Hans"


def test_8bit_headers_sent_without_encoding_are_read():
    payload = raw_mail("From: x@example.ch\nSubject: x", b"x").replace(
        b"From: x@example.ch\r\nSubject: x",
        "From: Jürg Bühler <jb@example.ch>\r\nSubject: Lieferung für Zürich".encode(),
    )
    message = ingest("email", payload).message
    assert message.subject == "Lieferung für Zürich"
    assert message.contact.display_name == "Jürg Bühler"


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ("Sender: Sekretariat <sekretariat@example.ch>", "sekretariat@example.ch"),
        ("Reply-To: Petra <petra@example.ch>", "petra@example.ch"),
        ("From: undisclosed-recipients:;\nReply-To: petra@example.ch", "petra@example.ch"),
    ],
)
def test_without_a_usable_from_the_sender_or_reply_to_address_is_used(headers, expected):
    payload = raw_mail(f"{headers}\nSubject: Frage", b"Wann kommt die Lieferung?")
    message = ingest("email", payload).message
    assert message is not None
    assert message.sender == expected


def test_a_mail_without_any_sender_address_is_rejected_with_a_reason_and_kept():
    payload = raw_mail("From: Petra Muster\nSubject: Frage", b"Wann kommt die Lieferung?")
    result = ingest("email", payload)
    assert result.message is None
    raw = RawMessage.objects.get()
    assert raw.status == RawMessage.Status.FAILED
    assert "From" in raw.error and "Reply-To" in raw.error
    assert bytes(raw.payload) == payload


@pytest.mark.parametrize(
    "date",
    ["gestern Abend", "Mon, 45 Nov 2026 25:61:00 +0100", "", "Mon, 03 Nov 2999 10:00:00 +0100"],
)
def test_an_unreadable_or_unbelievable_date_is_ignored_instead_of_failing(date):
    payload = raw_mail(f"From: petra@example.ch\nDate: {date}\nSubject: Frage", b"Text")
    before = datetime.now(UTC)
    message = ingest("email", payload).message
    assert message is not None
    # Without a date the time of receipt counts.
    assert message.sent_at >= before


def test_a_valid_date_is_kept_with_its_time_zone():
    payload = raw_mail(
        "From: petra@example.ch\nDate: Tue, 03 Mar 2026 14:02:00 +0100\nSubject: Frage", b"Text"
    )
    message = ingest("email", payload).message
    assert message.sent_at == datetime(2026, 3, 3, 13, 2, tzinfo=UTC)


def test_message_ids_are_stored_without_brackets_comments_or_whitespace():
    payload = raw_mail(
        """
From: petra@example.ch
Subject: Re: Frage
Message-ID:
 <CAB+x_9=abc.DEF@mail.gmail.com>
In-Reply-To: <first@firma.example> (Kundendienst's message of "Mon, 3 Nov 2026")
References: <zero@firma.example>
 <first@firma.example>   <zero@firma.example>
""",
        b"Danke",
    )
    message = ingest("email", payload).message
    assert message.message_id == "CAB+x_9=abc.DEF@mail.gmail.com"
    assert message.in_reply_to == "first@firma.example"
    assert message.references.split() == ["zero@firma.example", "first@firma.example"]
    assert RawMessage.objects.get().external_id == "mid:CAB+x_9=abc.DEF@mail.gmail.com"


def test_a_mail_without_message_id_is_known_by_its_content():
    payload = mail_bytes().replace(b"Message-ID:", b"X-Old-ID:")
    result = ingest("email", payload)
    assert result.raw.external_id.startswith("sha256:")
    assert result.message.message_id == ""
