from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from brandwache.intake.charsets import decode_bytes
from brandwache.intake.pipeline import ingest
from brandwache.intake.tests.mails import raw_mail

GERMAN = "Grüezi, die Lieferung für Frau Bühler kam beschädigt an. Schöne Grüße, 50 €"


def text_mail(charset: str, body: bytes, cte: str = "8bit") -> bytes:
    return raw_mail(
        f"""
From: Petra Muster <petra@example.ch>
Subject: Lieferung
Message-ID: <{charset}.{len(body)}@example.ch>
MIME-Version: 1.0
Content-Type: text/plain; charset={charset}
Content-Transfer-Encoding: {cte}
""",
        body,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("charset", "encoding"),
    [
        ("us-ascii", "utf-8"),  # declared ASCII, sent UTF-8
        ("us-ascii", "cp1252"),  # declared ASCII, sent Windows-1252
        ("unknown-8bit", "utf-8"),
        ("x-unknown", "cp1252"),
        ('"utf8"', "utf-8"),
        ("iso-8859-1", "utf-8"),  # declared Latin-1, sent UTF-8
        ("iso-8859-1", "cp1252"),  # "Latin-1" with the euro sign of Windows-1252
        ("utf-8", "cp1252"),  # declared UTF-8, sent Windows-1252
        ("no-such-charset", "utf-8"),
        ("no-such-charset", "cp1252"),
        ("windows-1252", "cp1252"),
        ("iso-8859-15", "iso-8859-15"),
    ],
)
def test_a_body_in_a_lying_or_unknown_charset_is_read_correctly(charset, encoding):
    message = ingest("email", text_mail(charset, GERMAN.encode(encoding))).message
    assert message is not None
    assert message.text == GERMAN


@pytest.mark.django_db
def test_an_encoded_word_in_an_unknown_charset_is_still_decoded():
    payload = raw_mail(
        """
From: =?x-unknown?Q?J=FCrg?= <jb@example.ch>
Subject: =?unknown-8bit?Q?Lieferung_f=C3=BCr_Z=C3=BCrich?=
""",
        b"Text",
    )
    message = ingest("email", payload).message
    assert message.subject == "Lieferung für Zürich"
    assert message.contact.display_name == "Jürg"


@pytest.mark.django_db
def test_a_body_with_a_few_broken_bytes_in_utf8_keeps_its_umlauts():
    body = GERMAN.encode() + b" \xff\xfe kaputt"
    message = ingest("email", text_mail("utf-8", body)).message
    assert message.text.startswith(GERMAN)
    assert "\ufffd" in message.text


@pytest.mark.django_db
def test_quoted_printable_in_a_lying_charset_is_read_correctly():
    body = b"Gr=C3=BCezi, f=C3=BCr Sie =E2=82=AC 50"
    message = ingest("email", text_mail("us-ascii", body, cte="quoted-printable")).message
    assert message.text == "Grüezi, für Sie € 50"


CHARSETS = ["", "utf-8", "us-ascii", "iso-8859-1", "cp1252", "utf-16", "utf-7", "shift_jis", "idna"]
CHARSETS += ["base64", "bogus", "7bit"]


@given(st.binary(max_size=300), st.sampled_from(CHARSETS), st.booleans())
def test_decoding_never_raises_and_never_returns_surrogates(data, charset, final):
    text = decode_bytes(data, charset, final=final)
    text.encode("utf-8")  # would fail on lone surrogates, which no database takes
