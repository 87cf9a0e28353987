"""Phone numbers of persons in every CH/DE/AT/UK/US/IE format; service numbers stay."""

from __future__ import annotations

import pytest

from brandwache.privacy.spans import Kind

from .recogniser_cases import structured

PERSONAL = [
    ("Bitte ruf mich an: 076 543 21 09", "076 543 21 09"),
    ("Mobile: +41 (0)78 912 34 56", "+41 (0)78 912 34 56"),
    ("Tel. 0041 61 261 55 44 privat", "0041 61 261 55 44"),
    ("Festnetz 031/302 45 67", "031/302 45 67"),
    ("Handy: 0157 34567890", "0157 34567890"),
    ("Ich bin unter 040 / 87 65 43 21 erreichbar.", "040 / 87 65 43 21"),
    ("Rückruf an +49 (0) 221 9876543", "+49 (0) 221 9876543"),
    ("Mobil 0699 1234 5678", "0699 1234 5678"),
    ("Tel: 0316 / 82 14 77", "0316 / 82 14 77"),
    ("Handy 079-123-45-67", "079-123-45-67"),
    ("tel:+41791234567", "+41791234567"),
    ("Ring me on 07911 654321 please.", "07911 654321"),
    ("You can reach me at 07700 900123.", "07700 900123"),  # reserved for fiction: possible
    ("My landline is 0161 234 5678.", "0161 234 5678"),
    ("Call (312) 555-0198 after 6.", "(312) 555-0198"),
    ("You can text me at 917-555-0142.", "917-555-0142"),
    ("Phone: 512.555.0182", "512.555.0182"),
    ("Mobile 086 123 4567", "086 123 4567"),
    ("Phone: +353 1 555 0199", "+353 1 555 0199"),
    # German text, German grouping: a landline in Uelzen, not a Swiss corporate 058 number.
    ("Fax: 0581 48 12 90, Grüße aus der Heide", "0581 48 12 90"),
]

SERVICE = [
    "Unsere Hotline 0800 88 77 66 ist kostenlos.",
    "Die Service-Nummer 0848 123 123 war dauernd besetzt.",
    "Ich rief die Zentrale unter 044 200 30 40 an.",
    "Ich habe 058 221 00 00 angerufen, 45 Minuten Warteschleife.",  # Swiss corporate range
    "Call our helpline on 0345 222 3344.",
    "The freephone number 0800 028 1234 didn't work.",
    "Toll free 1-800-555-0111 only works in the US.",
    "Service-Hotline: 01805 123456 (14 ct/min)",
    "Rufen Sie uns an: 032 321 11 11.",
    "An: Hansabank AG, Kreditabteilung, Fax 040 33 44 55-99",
    "To: Harbour Insurance Claims, 0117 496 0000",
]

NOT_PHONES = [
    "Termin am 12.03.2024 um 10:30",
    "Preis: CHF 1'299.00",
    "Der IC 718 fuhr um 7:04 ab.",
    # A North American shape in German text is no phone number (here a contract account).
    "Für welches Vertragskonto?\nKunde: 300 118 4471",
]


@pytest.mark.parametrize(("text", "number"), PERSONAL)
def test_it_finds_personal_numbers(text: str, number: str) -> None:
    assert structured(text) == [(Kind.PHONE, number)]


@pytest.mark.parametrize("text", SERVICE)
def test_it_leaves_hotlines_and_company_numbers(text: str) -> None:
    assert Kind.PHONE not in {kind for kind, _ in structured(text)}


@pytest.mark.parametrize("text", NOT_PHONES)
def test_it_leaves_dates_prices_and_trains(text: str) -> None:
    assert Kind.PHONE not in {kind for kind, _ in structured(text)}


def test_a_personal_number_next_to_the_word_hotline_is_still_found() -> None:
    text = "Die Hotline hat mich unter 079 555 66 77 zurückgerufen."
    assert structured(text) == [(Kind.PHONE, "079 555 66 77")]
