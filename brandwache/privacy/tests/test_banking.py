"""IBANs (mod 97), cards (Luhn) and other bank account data."""

from __future__ import annotations

import pytest

from brandwache.privacy.spans import Kind

from .recogniser_cases import structured

FOUND = [
    ("IBAN DE89 3704 0044 0532 0130 00", [(Kind.IBAN, "DE89 3704 0044 0532 0130 00")]),
    ("iban gb29nwbk60161331926819", [(Kind.IBAN, "gb29nwbk60161331926819")]),
    # Belgian account check digits are not checked: only mod 97 and the format.
    ("Konto BE68 5390 0754 7034 bitte", [(Kind.IBAN, "BE68 5390 0754 7034")]),
    ("Karte 4111 1111 1111 1111", [(Kind.CARD, "4111 1111 1111 1111")]),
    ("Amex 3782 822463 10005", [(Kind.CARD, "3782 822463 10005")]),
    (
        "Sort code 20-00-00, account 55779911",
        [(Kind.BANK_ACCOUNT, "20-00-00"), (Kind.BANK_ACCOUNT, "55779911")],
    ),
    (
        "sort code 40-47-84 12345678",
        [(Kind.BANK_ACCOUNT, "40-47-84"), (Kind.BANK_ACCOUNT, "12345678")],
    ),
    (
        "Kontonummer 1234567890, BLZ 370 400 44",
        [(Kind.BANK_ACCOUNT, "1234567890"), (Kind.BANK_ACCOUNT, "370 400 44")],
    ),
    (
        "Routing number 021000021, account number 123456789 at Chase Bank",
        [(Kind.BANK_ACCOUNT, "021000021"), (Kind.BANK_ACCOUNT, "123456789")],
    ),
    ("Konto-Nr. 12-34567-8 (PostFinance)", [(Kind.BANK_ACCOUNT, "12-34567-8")]),
]

NOT_FOUND = [
    "Die IBAN DE12 3456 7890 1234 5678 90 aus Ihrem Brief ist falsch.",  # bad checksum
    "Die Karte 4111 1111 1111 1112 wurde abgelehnt.",  # fails Luhn
    "Die Sendung wiegt 1234 5678 9012 3456 Gramm",  # no valid Luhn either
]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_it_finds_bank_data(text: str, expected: list[tuple[Kind, str]]) -> None:
    assert structured(text) == expected


@pytest.mark.parametrize("text", NOT_FOUND)
def test_it_leaves_numbers_with_a_wrong_check(text: str) -> None:
    assert not {Kind.IBAN, Kind.CARD} & {kind for kind, _ in structured(text)}


def test_an_account_number_without_a_bank_is_a_customer_number() -> None:
    assert structured("My account number is 88120034.") == [(Kind.CUSTOMER_NUMBER, "88120034")]
