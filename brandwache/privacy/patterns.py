"""Pattern recognisers for structured personal data (everything except person names).

Each recogniser is a function `text -> Iterator[Span]`. Patterns that would also match
harmless numbers (plates, customer numbers, birth dates) only count after a context word.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from .checksums import iban_is_valid
from .spans import Kind, Span

Recogniser = Callable[[str], Iterator[Span]]

EMAIL = re.compile(
    # Not inside a longer local part ("first.last"), which may not start with a dot.
    r"(?<![\w%+-])(?<!\w\.)[\w%+-][\w.%+-]{0,63}"
    r"(?:@| ?[(\[]at[)\]] ?)[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,24}(?![\w-])"
)

# International (+41 / 0041, optional "(0)") or national (leading 0) numbers with the usual
# separators; the digit count is checked afterwards.
PHONE = re.compile(
    r"(?<![\w+/.-])"
    r"(?:(?:\+|00)[1-9]\d{0,2}[ .\-/]?(?:\(0\)[ .\-/]?)?\(?\d{1,5}\)?"
    r"|\(0\d{1,5}\)|0[1-9]\d{0,5})"
    r"(?:(?: ?[.\-/] ?| )?\d{1,8}){1,6}"
    r"(?![\w-])(?!\.\d)"
)
DATE_LIKE = re.compile(r"\d{1,2}\.\d{1,2}\.\d{2,4}")

IBAN = re.compile(
    r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ -]?[A-Za-z0-9]{4}){2,7}(?:[ -]?[A-Za-z0-9]{1,4})?"
    r"(?![A-Za-z0-9])"
)
CARD = re.compile(r"(?<![\d.,+-])[2-6]\d{3}(?:[ -]?\d){9,15}(?![\d-])")

_STREET_WORDS = (
    r"strasse|straße|str\.|gasse|weg|platz|allee|ring|damm|ufer|steig|rain|halde|quai|"
    r"graben|markt|berg|hof|matte|acker|feld|park|promenade|chaussee|zeile|lände|steg|stieg"
)
# Bounded, so a long run like "A-A-A-..." can't make the engine backtrack quadratically.
_CAP = r"[A-ZÄÖÜ][\wäöüßéè'’.-]{0,40}"
# "Bahnhofstrasse 12", "Obere Zäune 5", "Zürcher Strasse 3a", "Am Rain 4", "Rue du Lac 7".
STREET = re.compile(
    rf"(?<![\w-])(?:(?:{_CAP}[ -])?{_CAP}(?:{_STREET_WORDS})"
    rf"|(?:{_CAP}[ -]){{1,2}}(?:Strasse|Straße|Str\.|Gasse|Weg|Platz|Allee|Ring|Damm|Ufer)"
    rf"|(?:Am|An der|Auf der|Im|In der|Zum|Zur|Unter der|Hinter der) {_CAP}"
    rf"|(?:Rue|Avenue|Chemin|Via|Route|Place)(?: (?:de la|des|du|de|di|del|della))? {_CAP})"
    rf"\s\d{{1,4}}(?:\s?[a-zA-Z](?![\w]))?(?:[/-]\d{{1,3}}){{0,2}}"
)
# "221B Baker Street", "10 Downing Street", "1600 Pennsylvania Ave."
STREET_EN = re.compile(
    r"(?<![\w-])\d{1,5}[A-Za-z]?,? (?:[A-Z][a-z]+(?:'s)? ){1,3}"
    r"(?:Street|St\.|Road|Rd\.|Avenue|Ave\.|Lane|Ln\.|Drive|Dr\.|Way|Square|Place|Close|"
    r"Crescent|Terrace|Gardens|Boulevard|Blvd\.)"
)
POSTCODE_CITY = re.compile(
    r"(?<![\w-])(?:(?P<country>CH|D|DE|A|AT|FL|LI)-)?(?P<code>\d{4,5}) "
    r"(?P<city>(?:St\. |Sankt )?[A-ZÄÖÜ][\wäöüßéè.]{1,40}"
    r"(?:(?<!\.)[ -](?:am|an der|im|bei|ob|[A-ZÄÖÜ][\wäöüß]+)(?: [A-ZÄÖÜ][\wäöüß]+)?)?)"
)
UK_POSTCODE = re.compile(r"(?<![\w])[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}(?!\w)")

_NUMBER_CONTEXT = (
    r"Kunden?-?(?:nummer|nr\.?)|Kd\.?-?Nr\.?|KdNr\.?|Kunden-?ID|Vertrags-?(?:nummer|nr\.?)|"
    r"Vertrag(?:s)? Nr\.?|Rechnungs-?(?:nummer|nr\.?)|Rechnung Nr\.?|Re\.-?Nr\.?|"
    r"Auftrags-?(?:nummer|nr\.?)|Bestell-?(?:nummer|nr\.?)|Polic?en-?(?:nummer|nr\.?)|"
    r"Polizzen-?(?:nummer|nr\.?)|Polizze Nr\.?|Police Nr\.?|Versicherungs-?(?:nummer|nr\.?)|"
    r"Versicherten-?(?:nummer|nr\.?)|Mitglieds-?(?:nummer|nr\.?)|Mitglieder-?(?:nummer|nr\.?)|"
    r"AHV-?(?:Nummer|Nr\.?)|"
    r"Abo-?(?:nummer|nr\.?)|Zählernummer|Vertragskonto|Kundenkonto|"
    r"customer (?:no\.?|number|ID|#)|customer account(?: number)?|account (?:no\.?|number)|"
    r"contract (?:no\.?|number)|invoice(?: no\.?| number| #)?|order (?:no\.?|number|#)|"
    r"my order|policy (?:no\.?|number)|membership (?:no\.?|number)|member ID|"
    r"client (?:no\.?|number|ID)"
)
CUSTOMER_NUMBER = re.compile(
    rf"(?<!\w)(?=[KkVvRrAaBbPpMmZzCcIiOo])(?i:{_NUMBER_CONTEXT})(?:\s*(?:[:#]|Nr\.|ist|is|lautet|lautete|was|war))*\s*"
    r"(?P<value>(?:[A-Z]{1,3} )?(?=[A-Z0-9./-]*\d)[A-Z0-9][A-Z0-9./-]{2,}[A-Z0-9]"
    r"(?: \d{2,6}){0,3}|\d{1,3}(?: \d{2,6}){1,3})(?![\w-])"
)

_MONTHS_DE = (
    "Januar|Jänner|Februar|Feber|März|April|Mai|Juni|Juli|August|September|Oktober|"
    "November|Dezember|Jan\\.|Feb\\.|Mär\\.|Apr\\.|Aug\\.|Sep\\.|Sept\\.|Okt\\.|Nov\\.|Dez\\."
)
_MONTHS_EN = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_DATE = (
    rf"\d{{1,2}}\.\s?(?:\d{{1,2}}\.\s?|(?:{_MONTHS_DE})\s)\d{{2,4}}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}-\d{1,2}-\d{4}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?(?: of)? (?:{_MONTHS_EN})\.?,? \d{{4}}"
    rf"|(?:{_MONTHS_EN})\.? \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}"
)
BIRTH_DATE = re.compile(
    r"(?<!\w)(?=[GgDdBb])(?i:geboren|Geb\.-?Dat\.|geb\.|Geburtsdatum|Geburtstag|Geb\.-?Datum|Geburtsdat\.|"
    r"date of birth|birth date|birthdate|born|DOB|D\.O\.B\.)"
    r"(?:\s*(?:\*|:|,|am|ist|is|lautet|der|den|on|the|was|war|mein|my))*\s*"
    rf"(?P<value>{_DATE})(?!\d)"
    rf"|(?<![\w])(?:am|on) (?P<after>{_DATE}) (?:geboren|born)"
)

_CANTONS = "AG|AI|AR|BE|BL|BS|FR|GE|GL|GR|JU|LU|NE|NW|OW|SG|SH|SO|SZ|TG|TI|UR|VD|VS|ZG|ZH"
PLATE = re.compile(
    r"(?<!\w)(?=[KkAaNnFfWwLlPpRrMmVvCc])(?i:Kennzeichen|Kennz\.|Autonummer|Nummernschild|Kontrollschild|"
    r"Autokennzeichen|Wohnmobil|Motorrad|Anhänger|Lieferwagen|van|car reg|"
    r"Fahrzeug|Auto|Wagen|licen[cs]e plate|plate(?: number)?|number plate|registration|reg\.?)"
    r"[^\n]{0,30}?"
    r"(?<![\w-])(?P<value>"
    rf"(?:{_CANTONS})[ -]?\d{{1,3}}(?: ?\d{{3}})?(?![\w-])"
    r"|[A-ZÄÖÜ]{1,3}[- ][A-Z]{1,2} ?\d{1,4}[EH]?(?![\w-])"
    r"|[A-Z]{1,2}[- ]\d{1,6} ?[A-Z]{1,3}(?![\w-])"
    r"|[A-Z]{1,2}[- ][A-Z]{1,3} ?\d{1,5}(?![\w-])"
    r"|[A-Z]{2}\d{2} ?[A-Z]{3}(?![\w-])"
    r")"
)


def find_emails(text: str) -> Iterator[Span]:
    for m in EMAIL.finditer(text):
        yield Span(m.start(), m.end(), Kind.EMAIL, m.group())


def find_phones(text: str) -> Iterator[Span]:
    for m in PHONE.finditer(text):
        value = m.group()
        digits = sum(ch.isdigit() for ch in value)
        if not 9 <= digits <= 15 or DATE_LIKE.fullmatch(value):
            continue
        international = value.startswith(("+", "00"))
        if not international and digits > 12:
            continue
        yield Span(m.start(), m.end(), Kind.PHONE, value)


def find_ibans(text: str) -> Iterator[Span]:
    for m in IBAN.finditer(text):
        value = m.group()
        # A trailing word in capitals can be swallowed as a group: drop groups until valid.
        while value and not iban_is_valid(value.replace("-", " ")):
            cut = max(value.rfind(" "), value.rfind("-"))
            if cut < 15:
                value = ""
                break
            value = value[:cut]
        if value:
            yield Span(m.start(), m.start() + len(value), Kind.IBAN, value)


def find_addresses(text: str) -> Iterator[Span]:
    from .places import CITIES

    streets = [(m.start(), m.end()) for m in STREET.finditer(text)]
    streets += [(m.start(), m.end()) for m in STREET_EN.finditer(text)]
    places: list[tuple[int, int]] = []
    for m in POSTCODE_CITY.finditer(text):
        city = m.group("city").rstrip(".")
        after_street = any(0 <= m.start() - end <= 3 for _, end in streets)
        if m.group("country") or after_street or city.split()[0].split("-")[0] in CITIES:
            places.append(
                (m.start(), m.start() + len(m.group()) - len(m.group("city")) + len(city))
            )
    places += [(m.start(), m.end()) for m in UK_POSTCODE.finditer(text)]
    # A street directly followed by its postcode and town is one address.
    pieces = sorted(streets + places)
    merged: list[list[int]] = []
    for start, end in pieces:
        touching = merged and text[merged[-1][1] : start].strip(" ,\n") == ""
        if merged and (start < merged[-1][1] or (touching and start - merged[-1][1] <= 3)):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    for start, end in merged:
        yield Span(start, end, Kind.ADDRESS, text[start:end])


def _valued(pattern: re.Pattern[str], kind: Kind) -> Recogniser:
    def find(text: str) -> Iterator[Span]:
        for m in pattern.finditer(text):
            yield Span(m.start("value"), m.end("value"), kind, m.group("value"))

    return find


find_customer_numbers = _valued(CUSTOMER_NUMBER, Kind.CUSTOMER_NUMBER)


def find_birth_dates(text: str) -> Iterator[Span]:
    for m in BIRTH_DATE.finditer(text):
        group = "value" if m.group("value") else "after"
        yield Span(m.start(group), m.end(group), Kind.BIRTH_DATE, m.group(group))


find_plates = _valued(PLATE, Kind.PLATE)

# Cards are found by Presidio's card recogniser (Luhn check) with `CARD`, see engine.py.
RECOGNISERS: tuple[tuple[Kind, Recogniser], ...] = (
    (Kind.EMAIL, find_emails),
    (Kind.IBAN, find_ibans),
    (Kind.CUSTOMER_NUMBER, find_customer_numbers),
    (Kind.BIRTH_DATE, find_birth_dates),
    (Kind.PLATE, find_plates),
    (Kind.ADDRESS, find_addresses),
    (Kind.PHONE, find_phones),
)
