"""Reference numbers that point to a person: customer, contract, order, booking, policy, ...

Most are found after their label ("Kundennummer", "Buchungscode", "policy no.", "PNR") in
German or English; a few carry a shape nobody else uses and count without one: parcel
numbers of UPS, DHL and the postal services, Swiss AHV and UK National Insurance numbers,
US social security numbers, metering points, payment references (QR, ISO 11649).
Train and flight numbers, article numbers, prices, dates and register numbers have no
label here and no such shape, so they stay.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from stdnum import iso11649
from stdnum.us import ssn

from .places import trie, words
from .referencelabels import (
    DE_STEMS,
    DE_SUFFIXES,
    DE_WORDS,
    EN_SUFFIXES,
    EN_WORDS,
    NOT_NUMBERED,
    NOT_REFERENCES,
)
from .spans import Kind, Span

_EN_TAIL = rf"(?:[ -]?(?:{EN_SUFFIXES}))*"
LABEL = rf"(?:{DE_STEMS})(?:{DE_SUFFIXES})|(?:{DE_WORDS})|(?:{EN_WORDS}){_EN_TAIL}"
# Between label and number: punctuation, "Nr.", "ist", "lautet", "is", a line break.
_GAP = (
    # "Kundennummer meiner Mutter:", "Schadennummer bei der Harbour ist": a few words, then
    # a colon or "ist"/"is".
    r"(?:[ \t]+(?:[^\W\d][\w'’-]*[ \t]+){0,5}[^\W\d][\w'’-]*"
    r"(?:[ \t]*:|[ \t]+(?:ist|is|lautet|lautete|was|war|isch|steht|staht|shows|reads)\b))?"
    # "Kundennummer (falls vorhanden): 4471-330-228"
    r"(?:[ \t]*\([^()\n\d]{1,30}\))?"
    r"(?:[ \t]*(?:\n|[:#=|–—(,]|-(?=\s)|\b(?i:nr|no)\b\.?|\bnumber\b|\bNummer\b|\bID\b|\bist\b|"
    r"\bis\b|\blautet\b|\blautete\b|\bwas\b|\bwar\b|\bisch\b|\bmit der Nummer\b|"
    r"\bwith the number\b|\bvon\b|\bof\b|\bder\b|\bdie\b|\bmeine?\b|\bmy\b|\bours?\b|"
    r"\byour\b|\bIhre?\b|\bdeine?\b)[ \t]*\n?)*[ \t(\"'„“]*"
    # "Buchungsnummer Donaustrom-Webshop DS-W-448120": one name before the number.
    r"(?:[A-ZÄÖÜ][a-zäöüß][\wäöü]*(?:-[A-ZÄÖÜ][\wäöü]*)?[ \t]+(?=[A-Z0-9][A-Z0-9./-]*\d))?"
)
# The number: a code with at least one digit, digit groups ("21 00000 00003"), or an
# airline's six-letter booking code. An all-letter code only after PNR/booking labels.
_VALUE = (
    r"(?P<value>(?:[A-Z]{1,4}(?:-[A-Z]{1,4})?[ ](?=[A-Z0-9/.-]*\d))?"
    # A lone first digit only before more groups: "7 711 204 338", court files "4 C 118/25".
    r"(?:\d(?=[ ](?:[A-Z]{1,3}[ ])?\d)|(?=[A-Za-z0-9./_-]*\d)[A-Za-z0-9]"
    r"(?:[A-Za-z0-9]|(?:[./\-_]|//)(?=[A-Za-z0-9])){1,40})"
    r"(?:[ ](?:\d{1,6}(?:/\d{1,4})?|[A-Z]\d{2,6}|[A-Z]{2,3}(?=[ ]\d)|[A-Z](?![\w.]))"
    r"(?![\w.,]\d)){0,6}"
    r"|[A-Z0-9]{5,8}(?![\w-]))"
)


def _literal_start(alternative: str) -> str:
    """The letters an alternative surely starts with: "Polic?en" -> "poli"."""
    literal = ""
    for i, char in enumerate(alternative):
        if char in "\\.?*+()[]{}|" or alternative[i + 1 : i + 2] in ("?", "*", "{"):
            break
        literal += char
    return literal[:4].casefold()


def _patterns_by_start() -> dict[str, re.Pattern[str]]:
    """One small pattern per label start, so a word is only tried against its own labels.

    Trying the whole alternation of labels at every word costs ~2.5 µs a word; the
    dictionary look-up and a pattern with a handful of labels cost a tenth of that.
    """
    families = ((DE_STEMS, f"(?:{DE_SUFFIXES})"), (DE_WORDS, ""), (EN_WORDS, _EN_TAIL))
    grouped: dict[str, list[str]] = {}
    for alternation, tail in families:
        for alternative in alternation.split("|"):
            key = _literal_start(alternative)
            grouped.setdefault(key, []).append(f"(?:{alternative}){tail}")
    return {
        key: re.compile(rf"(?i:{'|'.join(labels)})(?![a-zäöüß])") for key, labels in grouped.items()
    }


# What follows a label: the gap and the number, one pattern for all labels.
AFTER_LABEL = re.compile(rf"{_GAP}{_VALUE}(?![\w-])(?!\.\d)(?!,\d)")
BY_START = _patterns_by_start()
START_LENGTHS = sorted({len(key) for key in BY_START}, reverse=True)
# Where a label may start: one case-sensitive pass over the lower-cased text (sre tries
# a case-insensitive alternation at every position several times slower).
_LABEL_START = re.compile(trie(sorted(BY_START)))
_LABEL_START_ANY_CASE = re.compile(rf"(?i:{trie(sorted(BY_START))})")
_DIGIT = re.compile(r"\d")
_CAPITALS = re.compile(r"[A-Z]{5}")
# Labels whose number may be letters only: booking codes and PNRs ("QW3ZRT", "XKCDFG").
_CODE_LABEL = re.compile(
    r"(?i)pnr|record locator|booking|buchung|reserv|confirmation|bestätigung|code|ref"
)
_DATE_OR_AMOUNT = re.compile(
    r"\d{1,2}[./]\d{1,2}(?:[./]\d{2,4})?\.?|\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}|(?:19|20)\d{2}"
    r"|\d+[.,]\d{2}|\d{1,2}\.?|\d{1,2}/(?:19|20)\d{2}"
)
# Bare labels ("Rechnung", "order", "case") need a number that looks like one.
_STRONG_LABEL = re.compile(
    r"(?i)(?:nummer|nr\.?|no\.?|number|num\.?|#|ID|code|ref\.?|reference|referenz|zeichen|konto|"
    r"kennung|PNR|locator|MPAN|MPRN|GPRN|SSN|NINO|PPSN?|Az\.|AHVN?13|Steuer-?ID|"
    r"Kundenummer|Kundenr\.?|KdNr\.?|Kd\.?-?Nr\.?|Verwendungszweck)$"
)

# Shapes that are references without a label.
# Shapes that are references without a label, in two patterns that each start with one
# character class (digit or capital) so sre can skip ahead between candidates.
SHAPES = (
    re.compile(
        r"\d(?<![\w.-]\d)(?:"
        r"(?<=1)Z(?:[0-9A-Z]{16}|(?: [0-9A-Z]{3}){2} \d{2}(?: \d{4}){2})"  # UPS "1Z..."
        r"|(?<=0)0340\d{15}"  # DHL "00340..."
        r"|(?<=9)9\.\d{2}\.\d{6}\.\d{8}"  # Swiss Post "99.xx.xxxxxx.xxxxxxxx"
        r"|(?<=9)[2-5]\d{2}(?: ?\d{4}){4} ?\d{2}"  # USPS
        r"|(?<=7)56\.\d{4}\.\d{4}\.\d{2}"  # Swiss AHV "756.xxxx.xxxx.xx"
        r"|\d(?: \d{5}){5}"  # Swiss QR reference, grouped
        r"|\d ?[0-3]\d[01]\d{3} ?[A-Z] ?\d{3}"  # German pension insurance number
        r")(?![\w-])"
    ),
    re.compile(
        r"[A-Z](?<![\w.-][A-Z])(?:"
        r"(?<=J)(?:JD|VGL)\d{10,20}"  # DHL "JJD...", "JVGL..."
        r"|[A-Z]\d{9}(?:CH|DE|AT|GB|IE|US|LI)"  # UPU S10: postal parcels and registered mail
        r"|[A-Z] \d{3} \d{3} \d{3} (?:CH|DE|AT|GB|IE|US|LI)"  # S10 grouped, check digit below
        r"|[A-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]"  # UK National Insurance
        r"|(?<=[CDA])(?:(?<=C)H|(?<=D)E|(?<=A)T)[0-9A-Z]{31}"  # metering point
        r")(?![\w-])"
    ),
)
US_SSN = re.compile(r"\d(?<![\w-]\d)\d{2}-\d{2}-\d{4}(?![\w-])")
CREDITOR_REFERENCE = re.compile(r"R(?<![\w-]R)F\d{2}(?: ?[0-9A-Z]{1,4}){1,6}(?![\w-])")


_NUMBER_WORD = re.compile(r"(?i)\b(?:nr|no)\b\.?|#|\bnumber\b|\bnummer\b|\bID\b|\bZahl\b")
_SAID = re.compile(r":|\b(?:ist|is|isch|lautet|war|was)\b")
# The name of a shop or service right before the number: "Buchungsnummer Donaustrom-Webshop".
_NAME_BEFORE = re.compile(r"[A-ZÄÖÜ][\wäöü-]*[ \t]+\Z")


_CURRENCY = re.compile(r"(?:CHF|EUR|USD|GBP|Fr|SFr)\b")
_NEEDS_NUMBER_WORD = frozenset(words("kunde kundin registration acc bon"))
_GAP_WORDS = frozenset(
    words("""
    ist is lautet lautete was war isch mit der die Nummer number nr no id with the von of meine
    mein my our ours your ihre ihr deine dein
    """)
)


def _is_reference(label: str, gap: str, value: str) -> bool:
    strong = bool(_STRONG_LABEL.search(label) or _NUMBER_WORD.search(gap))
    # Two letters alone ("GA", "GZ") are also a US state or an abbreviation: they need a
    # colon, "Nr." or a code with letters ("GA-7731-442"), not "Atlanta, GA 30326"; "Kunde"
    # or "registration" need "Nr."/"no." ("Kunde: 079 ..." is a chat line, "Registration:
    # AB12 CDE" a plate).
    short = len(label.strip(".")) <= 2 and not (":" in gap or any(map(str.isalpha, value)))
    if not strong and (short or label.casefold().rstrip(".") in _NEEDS_NUMBER_WORD):
        return False
    # Other words between label and number ("Kundennummer meiner Mutter:"), or a comma,
    # only after a label that names a number: "Delivery Eircode: D08" is no delivery number,
    # "meter, 1200 block" no meter number.
    if not strong and any(ch.isalpha() or ch == "," for ch in gap):
        qualifier = _NAME_BEFORE.sub("", gap)
        words_between = re.findall(r"[^\W\d]{2,}", qualifier)
        if "," in qualifier or any(w.casefold() not in _GAP_WORDS for w in words_between):
            return False
    if _CURRENCY.match(value):
        return False  # "mit Halbtax CHF 8.90" is a price
    digits = sum(ch.isdigit() for ch in value)
    compact = re.sub(r"[\s./_-]", "", value)
    if len(compact) < 3 or _DATE_OR_AMOUNT.fullmatch(value):
        return False
    if _CODE_LABEL.search(label) and value.isupper() and 5 <= len(compact) <= 8:
        return True  # a booking code, "QW3ZRT"
    if not digits:
        return False
    if strong:
        return digits >= 2 or len(compact) >= 5
    # "Rechnung 2024-118", "order 12345678", "case 00412": enough digits to be a number.
    return digits >= 4 or (digits >= 2 and any(ch.isalpha() for ch in compact))


# A chat answer on the line after the question: "Ihre Bestellnummer?\nKundin: KH-77120318".
_ANSWER = re.compile(
    r"(?m)^[ \t]*(?:\[[^\]\n]*\][ \t]*)?[^\n:]{1,40}:[ \t]*"
    r"(?P<value>[A-Z0-9][A-Z0-9 ./-]{2,30}[A-Z0-9])[ \t.!]*$"
)
_ANY_LABEL = re.compile(rf"(?<!\w)(?i:{LABEL})(?![a-zäöüß])")


_REQUEST = re.compile(
    r"(?i)\?|\b(?:bitte|please|schick|send|nenn|geben Sie|gib|give|tell|provide|bräuchte|"
    r"brauche|need|darf ich|may I|can I have)\b"
)


def _answers(text: str) -> Iterator[Span]:
    for m in _ANSWER.finditer(text):
        line_start = text.rfind("\n", 0, m.start("value")) + 1
        question = text[text.rfind("\n", 0, max(line_start - 1, 0)) + 1 : line_start]
        label = _ANY_LABEL.search(question) if _REQUEST.search(question) else None
        value = m.group("value")
        if label and line_start > 0 and _is_reference(label.group(), "#", value):
            yield Span(m.start("value"), m.end("value"), Kind.CUSTOMER_NUMBER, value)


# A German compound that ends in a label word names a reference too: "Mietvertragsnummer",
# "Organstrafverfügung", "Buchungsbestätigung" - unless its first part says otherwise.
_COMPOUND_ENDINGS = words("""
    nummer rechnung bestellung vertrag ticket karte buchung verfügung bescheid police polizze
    auftrag referenz zeichen bestätigung mitgliedschaft
    """)
_COMPOUND_END = re.compile(trie(_COMPOUND_ENDINGS) + r"(?:e?s)?(?![a-zäöüß])")
# A phone number after a generic "...nummer" ("Störungsnummer 0800 800 800") is a phone's.
_PHONE_SHAPE = re.compile(r"(?:\+|0)[\d ()/.-]{8,18}")
# Another number in the same list: "Kundennr. 30 771 448 und 30 771 452".
_AND_ANOTHER = re.compile(
    r"[ \t]*(?:,|und|and|&|sowie|oder|or)[ \t]+"
    + _VALUE.replace("(?P<value>", "(", 1)
    + r"(?![\w-])(?!\.\d)(?!,\d)"
)


def _labelled_numbers(text: str, lowered: str) -> Iterator[tuple[int, str, str]]:
    """(start of the label, label, gap) for every label in the text."""
    # Lower-casing keeps the offsets except for a few letters ("İ"): then search as is.
    same = len(lowered) == len(text)
    for start in _LABEL_START.finditer(lowered) if same else _LABEL_START_ANY_CASE.finditer(text):
        pos = start.start()
        if pos and text[pos - 1].isalnum():
            continue
        # Every number but a booking code has a digit, and it follows the label closely.
        if not _DIGIT.search(text, pos, pos + 90) and not _CAPITALS.search(text, pos, pos + 90):
            continue
        word_start = pos
        while word_start and (text[word_start - 1].isalnum() or text[word_start - 1] == "-"):
            word_start -= 1
        if lowered[word_start:pos].startswith(NOT_REFERENCES):
            continue  # "USt-IdNr. DE 281 447 190" is the company's
        for length in START_LENGTHS:
            # `lowered` has the same letters at the same offsets here (only a final sigma
            # lowers differently, and no label start has one)
            head = lowered[pos : pos + length] if same else text[pos : pos + length].lower()
            pattern = BY_START.get(head)
            label = pattern.match(text, pos) if pattern else None
            if label:
                yield label.start(), label.group(), label.end()
    compounds = same and any(map(lowered.__contains__, _COMPOUND_ENDINGS))
    for end in _COMPOUND_END.finditer(lowered) if compounds else ():
        start = end.start()
        while start and text[start - 1].isalnum():
            start -= 1
        head = lowered[start : end.start()]
        excluded = head.startswith(NOT_REFERENCES) or head.endswith(NOT_REFERENCES)
        if len(head) >= 3 and not excluded:
            yield start, text[start : end.end()], -end.end()
    yield from _generic_labels(text, lowered) if same else ()


# Any word before "Nr.", "No.", "#" or "ID" names a number ("Betreibung Nr.", "Vers.-Nr.",
# "Rahmennr.", "violation #", "property ID"), unless it names a thing, place or company.
_NUMBER_SUFFIX = re.compile(r"(?:nr\b\.?|no\.|#|id\b|nummer\b|number\b)")
_GENERIC_HEAD = re.compile(r"(?:[A-ZÄÖÜ]{2,5}|[^\W\d_][\w'’]{2,}|[^\W\d_][\w]{1,5}\.)\Z")
_NOT_NUMBERED_WORDS = frozenset(NOT_NUMBERED + NOT_REFERENCES)
# Short words only as a whole ("art", "top"), longer ones also as a part ("Artikel").
_NOT_NUMBERED_STEMS = tuple(word for word in _NOT_NUMBERED_WORDS if len(word) >= 4)


def _generic_labels(text: str, lowered: str) -> Iterator[tuple[int, str, int]]:
    for suffix in _NUMBER_SUFFIX.finditer(lowered):
        pos, word = suffix.start(), suffix.group()
        joint = lowered[pos - 1 : pos] if pos else ""
        glued = joint.isalpha() and not word.startswith("num")  # "Rahmennr.", not "Xnummer"
        if not (glued or joint in (" ", "-")) or (word == "id" and text[pos : pos + 2] != "ID"):
            continue  # "id" in lower case is a word
        end = pos if glued else pos - 1
        head = _GENERIC_HEAD.search(text, max(0, end - 40), end)
        if head is None or (head.group().endswith(".") and joint == " "):
            continue  # "geschlossen. Nr. 10 ..." starts a sentence
        name = head.group().casefold().rstrip(".")
        if name in _NOT_NUMBERED_WORDS or name.startswith(_NOT_NUMBERED_STEMS):
            continue
        if name.endswith(_NOT_NUMBERED_STEMS):
            continue
        yield head.start(), text[head.start() : suffix.end()], -suffix.end()


def _same_shape(first: str, other: str) -> bool:
    """A second number in a list looks like the first: "PF-88120447 und PF-88120451"."""
    compact = [re.sub(r"[\s./_-]", "", value) for value in (first, other)]
    letters = [any(map(str.isalpha, value)) for value in compact]
    return abs(len(compact[0]) - len(compact[1])) <= 2 and letters[0] == letters[1]


def _s10_check_digit_fits(value: str) -> bool:
    """A grouped UPU S10 number ("RR 441 182 079 CH") carries a check digit; others pass."""
    digits = [int(c) for c in value if c.isdigit()]
    if not re.fullmatch(r"[A-Z]{2} \d{3} \d{3} \d{3} [A-Z]{2}", value):
        return True
    check = 11 - sum(d * w for d, w in zip(digits, (8, 6, 4, 2, 3, 5, 9, 7), strict=False)) % 11
    return {10: 0, 11: 5}.get(check, check) == digits[8]


def find_customer_numbers(text: str) -> Iterator[Span]:
    lowered = text.lower()
    for _start, label, label_end in _labelled_numbers(text, lowered):
        generic, label_end = label_end < 0, abs(label_end)
        found = AFTER_LABEL.match(text, label_end)
        value = found.group("value") if found else ""
        if not found or not _is_reference(label, text[label_end : found.start("value")], value):
            continue
        if generic and _PHONE_SHAPE.match(text, found.start("value")):
            continue
        gap = text[label_end : found.start("value")]
        if generic and label.casefold().endswith((" nummer", " number")) and not _SAID.search(gap):
            continue  # "die Nummer 5", "a number of 300": only "Nummer: ..." / "number is ..."
        yield Span(found.start("value"), found.end("value"), Kind.CUSTOMER_NUMBER, value)
        end = found.end("value")
        for _ in range(3):  # "Buchungen PF-88120447 und PF-88120451"
            more = _AND_ANOTHER.match(text, end)
            if not more or not _same_shape(value, more.group(1)):
                break
            yield Span(more.start(1), more.end(1), Kind.CUSTOMER_NUMBER, more.group(1))
            end = more.end(1)
    if not _DIGIT.search(text):
        return
    if "\n" in text and ":" in text:  # an answer stands on its own line, after a colon
        yield from _answers(text)
    for shape in SHAPES:
        for m in shape.finditer(text):
            if m.group()[2] != " " or _s10_check_digit_fits(m.group()):
                yield Span(m.start(), m.end(), Kind.CUSTOMER_NUMBER, m.group())
    for m in US_SSN.finditer(text) if "-" in text else ():
        if ssn.is_valid(m.group()):
            yield Span(m.start(), m.end(), Kind.CUSTOMER_NUMBER, m.group())
    for m in CREDITOR_REFERENCE.finditer(text) if "RF" in text else ():
        if iso11649.is_valid(m.group()):
            yield Span(m.start(), m.end(), Kind.CUSTOMER_NUMBER, m.group())
