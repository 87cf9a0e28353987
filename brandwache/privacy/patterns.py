"""Recognisers for structured personal data (everything except person names).

Each recogniser is a function `text -> Iterator[Span]`; `RECOGNISERS` is the one list the
engine reads. By domain: `social.py` (e-mail, handles, profile links), `phones.py`,
`banking.py` (IBAN, cards, bank accounts), `references.py` (customer, contract, booking and
other reference numbers), `addresses.py`; birth dates and vehicle plates are here. Patterns
that would also match harmless numbers (plates, birth dates) only count after a context
word.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from .addresses import find_addresses
from .banking import CARD, find_bank_accounts, find_cards, find_ibans
from .phones import find_phones
from .places import trie, words
from .references import find_customer_numbers
from .social import find_emails, find_handles, find_profiles
from .spans import Kind, Span

Recogniser = Callable[[str], Iterator[Span]]

__all__ = ["CARD", "RECOGNISERS", "Recogniser"]

_MONTHS_DE = (
    r"Januar|Jänner|Jaenner|Februar|Feber|März|Maerz|April|Mai|Juni|Juli|August|September|"
    r"Oktober|November|Dezember|Jan\.?|Jän\.?|Feb\.?|Mär\.?|Mrz\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|"
    r"Sep\.?|Sept\.?|Okt\.?|Nov\.?|Dez\.?"
)
_MONTHS_EN = (
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_DATE = (
    rf"\d{{1,2}}\.\s?(?:\d{{1,2}}\.\s?\d{{2}}(?:\d{{2}})?|(?i:{_MONTHS_DE})\s\d{{4}})"
    r"|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{2}(?:\d{2})?|\d{1,2}-\d{1,2}-\d{2}(?:\d{2})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?(?: of)? (?i:{_MONTHS_EN})\.?,? \d{{4}}"
    rf"|(?i:{_MONTHS_EN})\.? \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}"
)
_BIRTH_WORDS = (
    r"geboren|geb\.|geb:|Geb\.-?Dat\.?|GebDat|Geb\.-?Datum|Geburtsdatum|Geburtsdat\.|Geburtstag|"
    r"Geburtsjahr und -tag|date of birth|birth date|birthdate|birthday|born|DOB|D\.O\.B\.?|"
    r"né|née|Date de naissance"
)
# "Geburtsdatum: 12.03.1971", "geb. am 3.4.85", "born in Leeds on 9 May 1966"
BIRTH_DATE = re.compile(
    rf"(?<![\w.])(?=[GgDdBbNnéÉ])(?i:{_BIRTH_WORDS})(?![\w])[^\d\n]{{0,30}}?\n?[^\d\n]{{0,4}}?"
    rf"(?<![\d.])(?P<value>{_DATE})(?![\d/.-]\d)"
)
# "am 12.03.1971 geboren", "*12.03.1971"
BORN_AFTER = re.compile(
    rf"(?<![\w])(?=\d)(?P<value>{_DATE}) (?:in [A-ZÄÖÜ][\wäöü]+ )?(?i:geboren|born)(?![\w])"
)
# A chat answer after the question: "date of birth?\nCustomer: Rory Fraser, 3 February 2006"
# (the birth word's line a question or request, or the label alone on its line).
BIRTH_ANSWER = re.compile(
    rf"(?<![\w.])(?i:{_BIRTH_WORDS})(?:[^\n]*[?.][ \t]*|[ \t:*]*)\n[^\n:]{{1,40}}:"
    rf"[^\n]*?(?<![\d.])(?P<value>{_DATE})(?![\d/.-]\d)"
)
STAR_DATE = re.compile(rf"\*(?<![\w*]\*)\s?(?P<value>{_DATE})(?![\d/.-]\d)")
# Where a birth word may start, found in the lower-cased text; the patterns above then
# only run from there.
_BIRTH_START = re.compile(r"geb|born|dob|d\.o\.b|birth|date of birth|née?\b|date de naissance")

_CANTONS = "AG|AI|AR|BE|BL|BS|FR|GE|GL|GR|JU|LU|NE|NW|OW|SG|SH|SO|SZ|TG|TI|UR|VD|VS|ZG|ZH"
# Words after which a plate is looked for; the compounds also inside a word
# ("Fahrzeugkennzeichen", "KFZ-Kennzeichen").
_PLATE_COMPOUNDS = frozenset(
    words("kennzeichen kennz. nummernschild kontrollschild autonummer töffnummer")
)
_PLATE_WORDS = words("""
    kfz pkw lkw wohnmobil motorrad töff roller anhänger lieferwagen transporter taxi fahrzeug
    fahrzeugs fahrzeuges auto autos wagen wagens geparkt abgeschleppt parkbusse busse
    strafzettel car vehicle van truck motorbike motorcycle plate plates registration reg reg.
    tag tags parked towed parking autofahrer fahrer fahrerin lenker lenkerin driver audi bmw
    vw golf mercedes opel toyota skoda tesla ford renault peugeot fiat seat volvo mazda honda
    hyundai kia nissan porsche dacia citroen transit sprinter halter halterin keeper pickerl
    """) + ["car reg", "licence plate", "license plate", "number plate"]  # fmt: skip
# Found in the lower-cased text, case-sensitively: much faster than ignoring case.
PLATE_CONTEXT = re.compile(trie(sorted(_PLATE_COMPOUNDS) + _PLATE_WORDS))
_PLATE = (
    rf"(?:{_CANTONS})[ -]?\d{{1,3}}(?:[ ']?\d{{3}})?"
    r"|[A-ZÄÖÜ]{1,3}[- ][A-Z]{1,2}[- ]?\d{1,4}[EH]?"
    r"|[A-Z]{1,2}[- ]\d{1,6} ?[A-Z]{1,3}"
    r"|[A-Z]{1,2}[- ][A-Z]{1,3} ?\d{1,5}"
    r"|[A-Z]{2} ?\d{2} ?[A-Z]{3}"
    r"|\d[A-Z]{3} ?\d{3}|[A-Z]{3}[- ]?\d{3,4}|\d{3}[- ]?[A-Z]{3}|[A-Z]\d{2}[- ][A-Z]{3}"
    r"|\d{2,3}-[A-Z]{1,2}-\d{1,6}"  # Irish: "191-D-44812"
)
PLATE = re.compile(rf"(?<![\w-])(?=[A-Z0-9ÄÖÜ])(?:{_PLATE})(?![\w-])")
# Shapes that are plates without a context word: German "M-AB 1234", British "AB12 CDE".
PLATE_SHAPE = re.compile(
    r"[A-ZÄÖÜ](?<![\w-].)(?:[A-ZÄÖÜ]{0,2}-[A-Z]{1,2} \d{1,4}[EH]?|[A-Z]\d{2} [A-Z]{3})(?![\w-])"
    r"|\d(?<![\w-]\d)\d{1,2}-[A-Z]{1,2}-\d{1,6}(?![\w-])"  # Irish: "221-L-4418"
)
# Letters before a number that make it a train, currency or flight, not a plate.
_NOT_PLATES = re.compile(
    r"(?:ICE|ICN|IRE|RJX|RJ|TGV|EC|IC|IR|RE|RB|NJ|EN|EUR|CHF|USD|GBP|CAD|AUD|SEK|NOK|DKK|PLN|"
    r"CZK|HUF|TEL|FAX|NR|KW|PS|KM|HRB|HRA|CHE|MWST|VAT|UID)[- ]"
)


def find_birth_dates(text: str) -> Iterator[Span]:
    lowered = text.lower()
    found: list[re.Match[str]] = []
    if len(lowered) == len(text):
        for start in _BIRTH_START.finditer(lowered):
            if start.start() and text[start.start() - 1].isalnum():
                continue
            found += filter(
                None, (p.match(text, start.start()) for p in (BIRTH_DATE, BIRTH_ANSWER))
            )
    else:
        found += [*BIRTH_DATE.finditer(text), *BIRTH_ANSWER.finditer(text)]
    if "geboren" in lowered or "born" in lowered:
        found += BORN_AFTER.finditer(text)
    if "*" in text:
        found += STAR_DATE.finditer(text)
    for m in found:
        yield Span(m.start("value"), m.end("value"), Kind.BIRTH_DATE, m.group("value"))


def _plate_windows(text: str) -> Iterator[tuple[int, int]]:
    """Where a plate may stand: up to 48 characters after a context word, on its line or
    the next one ("Kennzeichen:\nZH 123456")."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = text  # a letter that changes length: look for capitalised words only
    for m in PLATE_CONTEXT.finditer(lowered):
        start, end = m.start(), m.end()
        if m.group() not in _PLATE_COMPOUNDS and (
            (start and lowered[start - 1].isalnum()) or lowered[end : end + 1].isalnum()
        ):
            continue
        hi = min(len(text), end + 48)
        first = text.find("\n", end, hi)
        second = text.find("\n", first + 1, hi) if first >= 0 else -1
        yield end, second if second >= 0 else hi


def find_plates(text: str) -> Iterator[Span]:
    found: set[tuple[int, int]] = set()
    for lo, hi in _plate_windows(text):
        for m in PLATE.finditer(text, lo, hi):
            if m.span() not in found and not _NOT_PLATES.match(m.group()):
                found.add(m.span())
                yield Span(m.start(), m.end(), Kind.PLATE, m.group())
    for m in PLATE_SHAPE.finditer(text):
        if m.span() not in found and not _NOT_PLATES.match(m.group()):
            yield Span(m.start(), m.end(), Kind.PLATE, m.group())


RECOGNISERS: tuple[tuple[Kind, Recogniser], ...] = (
    (Kind.PROFILE, find_profiles),
    (Kind.EMAIL, find_emails),
    (Kind.HANDLE, find_handles),
    (Kind.IBAN, find_ibans),
    (Kind.CARD, find_cards),
    (Kind.BANK_ACCOUNT, find_bank_accounts),
    (Kind.CUSTOMER_NUMBER, find_customer_numbers),
    (Kind.BIRTH_DATE, find_birth_dates),
    (Kind.PLATE, find_plates),
    (Kind.ADDRESS, find_addresses),
    (Kind.PHONE, find_phones),
)
