"""Each kind of personal data is found in German and English text, and look-alikes are not."""

from __future__ import annotations

import pytest

from brandwache.privacy.masking import find_personal_data
from brandwache.privacy.spans import Kind

FOUND = [
    (Kind.EMAIL, "Bitte an peter.meier@example.ch antworten.", "peter.meier@example.ch"),
    (Kind.EMAIL, "Reply to sarah.connor@example.co.uk please.", "sarah.connor@example.co.uk"),
    (Kind.PHONE, "Erreichbar unter +41 79 123 45 67.", "+41 79 123 45 67"),
    (Kind.PHONE, "Meine Nummer: 079 123 45 67", "079 123 45 67"),
    (Kind.PHONE, "Tel. 0041 44 123 45 67", "0041 44 123 45 67"),
    (Kind.PHONE, "Telefon +49 (0)30 1234567", "+49 (0)30 1234567"),
    (Kind.PHONE, "Mobil 0664/1234567", "0664/1234567"),
    (Kind.PHONE, "Call me on +44 20 7946 0958.", "+44 20 7946 0958"),
    (Kind.IBAN, "IBAN CH93 0076 2011 6238 5295 7 bitte.", "CH93 0076 2011 6238 5295 7"),
    (Kind.IBAN, "Konto DE89370400440532013000.", "DE89370400440532013000"),
    (Kind.IBAN, "Auf AT61 1904 3002 3457 3201 überweisen", "AT61 1904 3002 3457 3201"),
    (Kind.IBAN, "Refund to GB29 NWBK 6016 1331 9268 19 please", "GB29 NWBK 6016 1331 9268 19"),
    (Kind.CARD, "Karte 4111 1111 1111 1111 sperren", "4111 1111 1111 1111"),
    (Kind.CARD, "Card 5555-5555-5555-4444 was charged twice", "5555-5555-5555-4444"),
    (
        Kind.ADDRESS,
        "Ich wohne an der Bahnhofstrasse 12, 8001 Zürich.",
        "Bahnhofstrasse 12, 8001 Zürich",
    ),
    (Kind.ADDRESS, "Neu: Hauptstraße 27, D-10115 Berlin", "Hauptstraße 27, D-10115 Berlin"),
    (Kind.ADDRESS, "Büro in A-1010 Wien", "A-1010 Wien"),
    (Kind.ADDRESS, "Sent to 221B Baker Street, London.", "221B Baker Street"),
    (Kind.CUSTOMER_NUMBER, "Meine Kundennummer ist 4711-0815.", "4711-0815"),
    (Kind.CUSTOMER_NUMBER, "Kd.-Nr. 998877, Rechnung vom März", "998877"),
    (Kind.CUSTOMER_NUMBER, "Rechnungsnummer: RE-2024-00318", "RE-2024-00318"),
    (Kind.CUSTOMER_NUMBER, "Invoice no. INV-20931 is wrong.", "INV-20931"),
    (Kind.CUSTOMER_NUMBER, "Ticket BW-2024-00012 ist noch offen.", "BW-2024-00012"),
    (Kind.BIRTH_DATE, "Ich bin geboren am 14.07.1979 in Chur.", "14.07.1979"),
    (Kind.BIRTH_DATE, "Geburtsdatum: 1. Mai 1990", "1. Mai 1990"),
    (Kind.BIRTH_DATE, "I was born on 17 March 1982.", "17 March 1982"),
    (Kind.BIRTH_DATE, "DOB: 1984-02-29", "1984-02-29"),
    (Kind.PLATE, "Mein Auto mit Kennzeichen ZH 123456 wurde abgeschleppt.", "ZH 123456"),
    (Kind.PLATE, "Kennzeichen M-AB 1234, Parkhaus", "M-AB 1234"),
    (Kind.PLATE, "Autokennzeichen W-12345A", "W-12345A"),
    (Kind.PLATE, "My licence plate is SG 33221.", "SG 33221"),
    (Kind.NAME, "Sehr geehrte Frau Muster, danke.", "Muster"),
    (Kind.NAME, "Hallo Peter, wie geht's?", "Peter"),
    (Kind.NAME, "Freundliche Grüsse\nPetra Muster", "Petra Muster"),
    (Kind.NAME, "Mein Name ist Thomas Wyss und ich bin Kunde.", "Thomas Wyss"),
    (Kind.NAME, "Ich habe mit Herrn Dr. Keller telefoniert.", "Keller"),
    (Kind.NAME, "Dear Mrs. Johnson, thank you.", "Johnson"),
    (Kind.NAME, "My name is James Miller.", "James Miller"),
    (Kind.NAME, "Kind regards,\nEmily Clarke", "Emily Clarke"),
    (Kind.NAME, "I asked Sarah at the counter.", "Sarah"),
]

NOT_FOUND = [
    "Die IBAN DE12 3456 7890 1234 5678 90 aus Ihrem Brief ist falsch.",  # bad checksum
    "Die Karte 4111 1111 1111 1112 wurde abgelehnt.",  # fails Luhn
    "Wir haben 5000 Franken bezahlt und nichts bekommen.",
    "Der Termin am 14.07.2025 um 10 Uhr wurde abgesagt.",
    "Die Tarifzone ZH 110 ist falsch berechnet.",  # no plate context
    "Sehr geehrte Damen und Herren, meine Bestellung ist unvollständig.",
    "Hallo zusammen, seit heute geht nichts mehr.",
    "Hello team, my order never arrived.",
    "Otto hat mir die Bestellung nie geliefert.",
    "Version 2.3.1 der App stürzt ab.",
]


@pytest.mark.parametrize(("kind", "text", "expected"), FOUND)
def test_it_finds_each_kind_of_personal_data(kind: Kind, text: str, expected: str) -> None:
    assert [(s.kind, s.text) for s in find_personal_data(text)] == [(kind, expected)]


@pytest.mark.parametrize("text", NOT_FOUND)
def test_it_leaves_look_alikes_alone(text: str) -> None:
    assert find_personal_data(text) == []


def test_spans_point_at_the_text_they_carry() -> None:
    text = "Hallo Anna, IBAN CH93 0076 2011 6238 5295 7, Tel. 044 123 45 67."
    spans = find_personal_data(text)
    assert [s.kind for s in spans] == [Kind.NAME, Kind.IBAN, Kind.PHONE]
    assert all(text[s.start : s.end] == s.text for s in spans)


def test_it_prefers_the_iban_over_the_phone_number_in_its_digits() -> None:
    spans = find_personal_data("Konto 0041 CH93 0076 2011 6238 5295 7")
    assert Kind.IBAN in {s.kind for s in spans}
    assert all(s.kind != Kind.PHONE or "CH93" not in s.text for s in spans)


def test_the_language_narrows_the_greetings_used_for_names() -> None:
    # "Anouk" is in the name lexicon and found in any language; two unknown words after a
    # greeting are a name only where the greeting is one.
    text = "Dear Zoltar Quibble, thanks for the call."
    assert find_personal_data(text, language="de") == []
    assert [s.text for s in find_personal_data(text, language="en")] == ["Zoltar Quibble"]
    assert [s.text for s in find_personal_data("Dear Anouk, thanks.", language="de")] == ["Anouk"]
