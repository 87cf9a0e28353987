"""Birth dates in every format, and vehicle plates of CH/DE/AT/UK/US/IE."""

from __future__ import annotations

import pytest

from brandwache.privacy.spans import Kind

from .recogniser_cases import structured

BIRTH_DATES = [
    ("Geburtsdatum: 12. Jänner 1971", "12. Jänner 1971"),
    ("geb. 3.4.85", "3.4.85"),
    ("I was born 9 May 1966 in Leeds.", "9 May 1966"),
    ("DOB 09/05/1966", "09/05/1966"),
    ("Petra Muster, *12.03.1971", "12.03.1971"),
    ("Geboren am 1.12.1990 in Bern", "1.12.1990"),
    ("date of birth: May 9th, 1966", "May 9th, 1966"),
    ("Mein Sohn (geb. 14.02.2010) fährt mit.", "14.02.2010"),
    ("Ich bin am 5.6.1988 geboren.", "5.6.1988"),
    ("What is his date of birth?\nCustomer: Rory Fraser, 3 February 2006", "3 February 2006"),
]

PLATES = [
    ("Kennzeichen ZH 123 456", "ZH 123 456"),
    ("Mein Auto (BE-45 678) wurde abgeschleppt.", "BE-45 678"),
    ("Das Auto mit M-AB 1234 parkte falsch.", "M-AB 1234"),
    ("Kennzeichen W 12345 X", "W 12345 X"),
    ("Fahrzeugkennzeichen L-34567C", "L-34567C"),
    ("Der Lenker des Fahrzeugs KI-482 BS war nicht ich.", "KI-482 BS"),
    ("Kennzeichen:\nSO 4455", "SO 4455"),
    ("Reg: AB12 CDE", "AB12 CDE"),
    ("License plate 7ABC123", "7ABC123"),
    ("Registration: 191-D-44812", "191-D-44812"),
    ("Fahrzeug: S-KL 4711", "S-KL 4711"),
]

NEITHER = [
    "Der Termin am 12.03.2024 wurde verschoben.",
    "Vertrag seit 01.01.2020",
    "Tarifzone ZH 110",
    "Der IC 718 hatte Verspätung.",
    "Das Auto kostet CHF 120 pro Tag.",
]


@pytest.mark.parametrize(("text", "date"), BIRTH_DATES)
def test_it_finds_birth_dates(text: str, date: str) -> None:
    assert structured(text) == [(Kind.BIRTH_DATE, date)]


@pytest.mark.parametrize(("text", "plate"), PLATES)
def test_it_finds_plates(text: str, plate: str) -> None:
    assert structured(text) == [(Kind.PLATE, plate)]


@pytest.mark.parametrize("text", NEITHER)
def test_it_leaves_other_dates_zones_trains_and_prices(text: str) -> None:
    assert structured(text) == []


@pytest.mark.parametrize(
    ("text", "plate"),
    [
        ("Herr Jović, Halter von SG 44 812, meldet Steinschlag", "SG 44 812"),
        ("Termin Pickerl-Überprüfung für L-447 HG am 16.12.", "L-447 HG"),
        ("a silver Civic with plate 7ABC 341 in the Mission", "7ABC 341"),
        ("mounted on my Subaru, plate NJ Y44-KTR.", "Y44-KTR"),
    ],
)
def test_plates_after_keeper_and_inspection_words_and_us_shapes(text: str, plate: str) -> None:
    assert (Kind.PLATE, plate) in structured(text)
