from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from brandwache.intake.pipeline import ingest
from brandwache.intake.quotes import split_reply
from brandwache.intake.tests.mails import mail_bytes

NEW = "Die Gutschrift ist immer noch nicht auf meinem Konto.\nBitte prüfen Sie das bis Freitag."
ORIGINAL = "Sehr geehrte Frau Muster\n\nWir prüfen Ihre Rechnung und melden uns."
QUOTED = "\n".join(f"> {line}" if line else ">" for line in ORIGINAL.split("\n"))

QUOTE_HEADERS = {
    "apple and thunderbird": (
        f"Am 03.11.2026 um 14:02 schrieb Max Muster <max@example.ch>:\n\n{QUOTED}"
    ),
    "gmail german": (
        f"Am Mo., 3. Nov. 2026 um 14:02 Uhr schrieb Max Muster <max@example.ch>:\n{QUOTED}"
    ),
    "gmail german wrapped": (
        "Am Mo., 3. Nov. 2026 um 14:02 Uhr schrieb Kundendienst Firma AG <\n"
        f"kundendienst@firma.example>:\n\n{QUOTED}"
    ),
    "gmail english": (
        f"On Mon, Nov 3, 2026 at 2:02 PM Max Muster <max@example.ch> wrote:\n\n{QUOTED}"
    ),
    "thunderbird english": f"On 03.11.26 14:02, Max Muster wrote:\n{QUOTED}",
    "outlook german separator": (
        "-----Ursprüngliche Nachricht-----\nVon: Max Muster <max@example.ch>\n"
        "Gesendet: Montag, 3. November 2026 14:02\nAn: Petra Muster\n"
        f"Betreff: Ihre Rechnung\n\n{ORIGINAL}"
    ),
    "outlook english separator": (
        "-----Original Message-----\nFrom: Max Muster <max@example.ch>\n"
        "Sent: Monday, November 3, 2026 2:02 PM\nTo: Petra Muster\n"
        f"Subject: Your invoice\n\n{ORIGINAL}"
    ),
    "outlook german header block": (
        "________________________________\nVon: Max Muster <max@example.ch>\n"
        "Gesendet: Montag, 3. November 2026 14:02\nAn: Petra Muster <petra@example.ch>\n"
        f"Cc: Buchhaltung\nBetreff: Ihre Rechnung\n\n{ORIGINAL}"
    ),
    "outlook english header block": (
        "From: Max Muster <max@example.ch>\nSent: Monday, November 3, 2026 2:02 PM\n"
        f"To: Petra Muster <petra@example.ch>\nSubject: Your invoice\n\n{ORIGINAL}"
    ),
    "quoted lines only": QUOTED,
}


@pytest.mark.parametrize("quote", QUOTE_HEADERS.values(), ids=QUOTE_HEADERS.keys())
def test_the_new_text_is_separated_from_the_quote_below_it(quote):
    split = split_reply(f"{NEW}\n\n{quote}\n")
    assert split.text == NEW
    assert split.quoted_text == quote.strip()
    assert split.signature == ""


SIGNATURES = {
    "dashes": "-- \nPetra Muster\nMusterweg 1, 8000 Zürich",
    "freundliche grüsse": "Freundliche Grüsse\nPetra Muster",
    "mit freundlichen grüßen": (
        "Mit freundlichen Grüßen\n\nPetra Muster\nMuster Treuhand GmbH\nTel. +41 44 123 45 67"
    ),
    "beste grüsse": "Beste Grüsse\nPetra",
    "liebe grüsse": "Liebe Grüsse aus Bern\nPetra",
    "gruss on one line": "Gruss Petra",
    "iphone german": "Von meinem iPhone gesendet",
    "iphone english": "Sent from my iPhone",
    "closing and dashes": "Freundliche Grüsse\nPetra Muster\n\n-- \nMuster Treuhand GmbH",
}


@pytest.mark.parametrize("signature", SIGNATURES.values(), ids=SIGNATURES.keys())
def test_the_signature_is_separated_from_the_new_text(signature):
    split = split_reply(f"{NEW}\n\n{signature}\n")
    assert split.text == NEW
    assert split.signature == signature.replace("-- \n", "--\n")
    assert split.quoted_text == ""


def test_signature_and_quote_are_both_separated():
    split = split_reply(
        f"{NEW}\n\nFreundliche Grüsse\nPetra Muster\n\nVon meinem iPhone gesendet\n\n"
        f"{QUOTE_HEADERS['apple and thunderbird']}"
    )
    assert split.text == NEW
    assert split.signature == "Freundliche Grüsse\nPetra Muster\n\nVon meinem iPhone gesendet"
    assert split.quoted_text.startswith("Am 03.11.2026 um 14:02 schrieb")


def test_a_quote_at_the_top_with_the_answer_below_is_separated():
    split = split_reply(f"Max Muster schrieb:\n{QUOTED}\n\n{NEW}\n\nGruss Petra")
    assert split.text == NEW
    assert split.quoted_text == f"Max Muster schrieb:\n{QUOTED}"
    assert split.signature == "Gruss Petra"


def test_answers_between_quoted_questions_stay_in_the_new_text():
    text = (
        "Am 03.11.2026 um 14:02 schrieb Max <max@example.ch>:\n"
        "> Kundennummer?\n4711\n> Datum?\n3.11."
    )
    split = split_reply(text)
    assert split.text == text
    assert split.quoted_text == ""


def test_a_customer_sentence_that_looks_like_a_quote_header_stays_new_text():
    text = "Am 3.11.2026 um 10:00 schrieb ich Ihnen bereits:\ndie Rechnung ist falsch."
    assert split_reply(text).text == text


def test_a_postscript_after_the_closing_keeps_the_closing_in_the_text():
    text = f"{NEW}\n\nFreundliche Grüsse\nPetra\n\nP.S. Die Kundennummer ist 4711."
    split = split_reply(text)
    assert split.text == text
    assert split.signature == ""


def test_a_mail_that_is_only_a_closing_keeps_it_as_text():
    assert (
        split_reply("Freundliche Grüsse\nPetra Muster").text == "Freundliche Grüsse\nPetra Muster"
    )


def test_a_forward_without_comment_keeps_the_original_as_text():
    text = QUOTE_HEADERS["outlook german separator"]
    split = split_reply(text)
    assert split.text == text
    assert split.quoted_text == ""


def test_a_closing_word_inside_a_sentence_is_not_a_signature():
    text = f"{NEW}\nGrüsse an Ihren Chef haben mir auch nicht weitergeholfen, ehrlich gesagt."
    assert split_reply(text).text == text


_lines = st.one_of(
    st.sampled_from(
        [
            "",
            "-- ",
            "> zitiert",
            "Freundliche Grüsse",
            "Gruss Petra",
            "Von meinem iPhone gesendet",
            "Am 03.11.2026 um 14:02 schrieb Max <max@example.ch>:",
            "-----Original Message-----",
            "Von: Max",
            "Gesendet: Montag",
            "Betreff: Rechnung",
            "P.S. Nummer 4711",
        ]
    ),
    st.text(
        alphabet=st.characters(blacklist_characters="\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"),
        max_size=40,
    ),
)


@given(st.lists(_lines, max_size=30))
def test_no_line_is_ever_lost(lines):
    text = "\n".join(lines)
    split = split_reply(text)
    parts = [split.text, split.quoted_text, split.signature]
    found = sorted(line.rstrip() for part in parts for line in part.split("\n") if line.strip())
    assert found == sorted(line.rstrip() for line in lines if line.strip())


@pytest.mark.django_db
def test_the_message_stores_text_quote_and_signature_separately():
    body = (
        f"{NEW}\n\nMit freundlichen Grüßen\nPetra Muster\n\n"
        f"{QUOTE_HEADERS['outlook german separator']}\n"
    )
    message = ingest("email", mail_bytes(body=body)).message
    assert message.text == NEW
    assert message.signature == "Mit freundlichen Grüßen\nPetra Muster"
    assert message.quoted_text.startswith("-----Ursprüngliche Nachricht-----")
    assert message.quoted_text.endswith("melden uns.")
