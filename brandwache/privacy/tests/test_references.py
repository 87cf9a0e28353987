"""Customer, contract, booking and other reference numbers, after their label or by shape."""

from __future__ import annotations

import pytest

from brandwache.privacy.spans import Kind

from .recogniser_cases import structured

LABELLED = [
    ("Meine Kundennummer: 55 123 889", "55 123 889"),
    ("Kunden-Nr. 7731-4409 bitte prüfen", "7731-4409"),
    ("Kundennummer\n4488120", "4488120"),  # a form: the value on the next line
    ("Ihre Kundennummer lautet 1009 4471 2. Danke.", "1009 4471 2"),
    ("Vertragsnummer lautet V-2023-7781.", "V-2023-7781"),
    ("Vertrags-Nr 4471/2209", "4471/2209"),
    ("Rechnungsnr.: R-55120", "R-55120"),
    ("Ihre Bestellung #4471882 wurde versandt.", "4471882"),
    ("Ihre Austronet-Bestellung AN-B-7712044 wurde versandt.", "AN-B-7712044"),
    ("Buchungscode QW3ZRT, Flug LX 1612", "QW3ZRT"),
    ("PNR X7K2LM", "X7K2LM"),
    ("Schadennummer 24-SCH-001882", "24-SCH-001882"),
    ("Meine Schadennummer bei der Harbour ist 4471-SN-2024-118.", "4471-SN-2024-118"),
    ("Kundennummer meiner Mutter: 7718 4402 33", "7718 4402 33"),
    ("Polizzennummer: 1234567-8", "1234567-8"),
    ("Police Nr. 55.123.456", "55.123.456"),
    ("Versicherungsschein HB 7712 0093", "HB 7712 0093"),
    ("Zählernummer 12 345 678", "12 345 678"),
    ("Bussennummer 2024-445566", "2024-445566"),
    ("Strafverfügung, Zahl MA67/240118223/2024", "MA67/240118223/2024"),
    ("Halbtax-Abo Nr. 123-456-789", "123-456-789"),
    ("GA-Nummer: S 123 456 789", "S 123 456 789"),
    ("Passnummer C01X00T47", "C01X00T47"),
    ("Online-Banking-ID 8812 4471 gesperrt", "8812 4471"),
    ("Ihr Zeichen: TN-990183-A", "TN-990183-A"),
    ("Buchungsnummer Donaustrom-Webshop DS-W-448120.", "DS-W-448120"),
    ("My account number is 88120034.", "88120034"),
    ("Order #112-4471881-2209 never arrived", "112-4471881-2209"),
    ("Invoice INV/2024/0091 is wrong", "INV/2024/0091"),
    ("Booking reference: ABC123", "ABC123"),
    ("Case number 00441872", "00441872"),
    ("Claim ref CLM-778812", "CLM-778812"),
    ("Policy no. HX/44/1209", "HX/44/1209"),
    ("Citation No. SC-24-0918832", "SC-24-0918832"),
    ("MPRN 10012345678", "10012345678"),
    ("Payment reference PAY-4471-XY", "PAY-4471-XY"),
    ("My NI number is QQ 12 34 56 C", "QQ 12 34 56 C"),
    ("Passport number 123456789", "123456789"),
    ("My user ID is 4471882", "4471882"),
]

# Shapes that need no label.
SHAPES = [
    "1Z999AA10123456784",  # UPS
    "JJD0001234567890",  # DHL
    "RR123456789CH",  # postal parcel, UPU S10
    "99.00.123456.12345678",  # Swiss Post
    "9400 1000 0000 0000 0000 00",  # USPS
    "756.1234.5678.97",  # AHV
    "AB 12 34 56 C",  # UK National Insurance
    "CH1234500000000000000000000012345",  # metering point
    "21 00000 00003 13947 14300 09017",  # Swiss QR reference
    "12 150680 M 123",  # German pension insurance
    "123-45-6789",  # US social security
    "RF18 5390 0754 7034",  # ISO 11649 creditor reference
]

NOT_REFERENCES = [
    "Der IC 718 nach Bern fiel aus.",
    "Flug LX 1612 verspätet",
    "Der ICE 578 hatte 40 Minuten Verspätung.",
    "Art.-Nr. 4711-22 ist ausverkauft",
    "Die Rechnung vom 12.03.2024 über CHF 120.50 stimmt nicht.",
    "Es geht um die Rechnung vom 15. Oktober über 249 Euro.",
    "Handelsregister CHE-123.456.789, HRB 12345",
    "Version 2.3.1 stürzt ab",
    "Bitte 3 Stück der Bestellung nachliefern",
    "Im Jahr 2023 war alles besser",
    "Order placed on 12/03/2024 for £45.99",
    "I'm Oliver, a customer since 2012.",
    "Delivery Eircode: D08 F2R6",  # a label before another label's value
    "Violation: Expired meter, 1200 block of Main Street",
    "078-05-1120",  # a social security number never issued
    "RF18 5390 0754 7035",  # creditor reference with a wrong check
]


@pytest.mark.parametrize(("text", "number"), LABELLED)
def test_it_finds_labelled_reference_numbers(text: str, number: str) -> None:
    assert (Kind.CUSTOMER_NUMBER, number) in structured(text)


@pytest.mark.parametrize("number", SHAPES)
def test_it_finds_unmistakable_shapes_without_a_label(number: str) -> None:
    assert structured(f"Siehe {number} bitte.") == [(Kind.CUSTOMER_NUMBER, number)]


@pytest.mark.parametrize("text", NOT_REFERENCES)
def test_it_leaves_trains_flights_articles_dates_and_prices(text: str) -> None:
    assert Kind.CUSTOMER_NUMBER not in {kind for kind, _ in structured(text)}


def test_a_chat_answer_on_the_line_after_the_question_counts() -> None:
    text = "Agent: Darf ich Ihre Kundennummer haben?\nKunde: 4401 7712 09\nAgent: Danke."
    assert structured(text) == [(Kind.CUSTOMER_NUMBER, "4401 7712 09")]


def test_a_form_field_after_another_field_is_no_answer() -> None:
    text = "Aktenzeichen: 50.1.2024.118342.7\nFahrzeugtyp: VW Golf 7"
    assert structured(text) == [(Kind.CUSTOMER_NUMBER, "50.1.2024.118342.7")]


# Any word before "Nr.", "No.", "#" or "ID" labels a number, unless it names a thing.
ANY_WORD_BEFORE_A_NUMBER = [
    ("Betreibung Nr. 21124471", "21124471"),
    ("Anruferin, Vers.-Nr. KV 448 119 027, fragt nach", "KV 448 119 027"),
    ("Rahmennr. GZ 4411 8820, geklaut", "GZ 4411 8820"),
    ("Hundeabgabe, Marke Nr. G-0447", "G-0447"),
    ("My HOA fined me (violation # V-2025-04471) today", "V-2025-04471"),
    ("My property ID is LPT 1188 4471.", "LPT 1188 4471"),
    ("the fine, ticket no GLW 0044718. the machines", "GLW 0044718"),
    ("hab die rechnung nr R 2025/118 447 nie bekommen", "R 2025/118 447"),
    ("Kunden-Nr.: 7 711 204 338", "7 711 204 338"),
    ("Az.: 212 C 448/25", "212 C 448/25"),
    ("Ihr Zeichen: SE-KS 448/25", "SE-KS 448/25"),
    ("Einspruch gegen Strafverfügung Zl. BNS2-V-25 118447", "BNS2-V-25 118447"),
    ("Zählernummer: 7 EBZ 01 0044 7188", "7 EBZ 01 0044 7188"),
    ("BG-Nummer: 53401//0011844", "53401//0011844"),
]
NUMBERS_OF_THINGS = [
    "Art.-Nr. 802.118.44 fehlt",
    "Store #: 1142, Elm Street",
    "Kestrel Mobile Limited, Registered In England And Wales No. 04471190",
    "Bayside Pharmacy #2207, Fax (510) 555-0190",
    "Ihre Rechnung 11/2025 über € 34,90 ist online.",
    "a number of 300 people complained",
    "Die Nummer 44 fährt heute nicht.",
]


@pytest.mark.parametrize(("text", "number"), ANY_WORD_BEFORE_A_NUMBER)
def test_any_word_before_nr_or_no_labels_a_number(text: str, number: str) -> None:
    assert (Kind.CUSTOMER_NUMBER, number) in structured(text)


@pytest.mark.parametrize("text", NUMBERS_OF_THINGS)
def test_numbers_of_articles_stores_companies_and_periods_stay(text: str) -> None:
    assert Kind.CUSTOMER_NUMBER not in {kind for kind, _ in structured(text)}


def test_a_phone_after_a_generic_number_word_is_a_phone() -> None:
    found = structured("Kannst du Malte Bescheid sagen? Seine Nummer: 0160 91882437")
    assert found == [(Kind.PHONE, "0160 91882437")]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Your item QA 447 118 825 GB is at the office", ["QA 447 118 825 GB"]),
        ("Your item QA 447 118 820 GB is at the office", []),  # wrong check digit
        ("tracking 1Z 4E1 184 03 4471 8820 says", ["1Z 4E1 184 03 4471 8820"]),
    ],
)
def test_grouped_parcel_numbers_count_by_shape(text: str, found: list[str]) -> None:
    assert [value for kind, value in structured(text) if kind == Kind.CUSTOMER_NUMBER] == found
