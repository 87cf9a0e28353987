"""The English, Irish and US pieces of an address, and how far such an address reaches up.

UK postcodes, Eircodes, US states with their ZIP code, Irish areas ("Dublin 7", "Co.
Clare") and English streets ("221B Baker Street") are pieces like the German ones in
`addresses.py`; an English address then grows upwards over its lines and commas ("Flat 7,
Beaumont House\n22 Station Road\nHarrow HA1 2SQ").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from .places import trie, words


class Piece(NamedTuple):
    start: int
    end: int
    alone: bool  # an address on its own, not only next to another piece
    # "postcode" (and town), "place" (the same after "in"), "english" (UK/IE/US anchor)
    kind: str = ""


_EN_TYPES = (
    r"Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Lane|Ln\.?|Drive|Dr\.?|Way|Square|Sq\.?|Place|Pl\.?|"
    r"Close|Crescent|Cres\.?|Terrace|Ter\.?|Gardens|Gdns\.?|Boulevard|Blvd\.?|Court|Ct\.?|Grove|"
    r"Hill|Mews|Park|Parade|Rise|Row|View|Walk|Green|Circle|Cir\.?|Parkway|Pkwy\.?|Highway|"
    r"Hwy\.?|Trail|Wharf|Quay|Embankment|Avenida|Plaza|Heights|Vale|Villas|Cottages|Hollow"
)
# "221B Baker Street", "1600 Pennsylvania Ave NW", "350 W 34th St", "Flat 2, 14 High St"
STREET_EN = re.compile(
    r"\d(?<![\w-]\d)\d{0,4}[A-Za-z]?(?:-\d{1,5})?,? "
    r"(?:(?:NE|NW|SE|SW|[NSEW]\.?|North|South|East|West) )?"
    r"(?:(?!(?:On|And|From|To|The|Of|In|At|For|By|With|Due|Via)\b)"
    r"(?:[A-Z][a-z'’]+(?:-[A-Z][a-z]+)?|\d{1,3}(?:st|nd|rd|th)|[A-Z]\.|St\.?|Saint) ){1,3}"
    rf"(?:{_EN_TYPES})(?![\w])(?: (?:NW|NE|SW|SE|N|S|E|W)(?![\w]))?"
)
# Each starts with one character class and checks the word boundary after it, so sre can
# skip ahead to that character instead of trying every position.
# UK postcodes, Eircodes and US states with ZIP code in one pass over the capitals.
ENGLISH_CODE = re.compile(
    r"[A-Z](?<![\w][A-Z])(?:"
    r"(?P<uk>(?:[A-Z]?\d[A-Z\d]?|IR) ?\d[A-Z]{2})(?![\w])"
    r"|(?P<eircode>(?<=[AC-FHKNPRTV-Y])(?:\d{2}|6W) ?(?=[A-Z]*\d)[0-9A-Z]{4})(?![\w])"
    r"|(?P<us>[A-Z] \d{5}(?:-\d{4})?)(?![\w-])"
    r")"
)
IRISH_AREA = re.compile(
    r"(?<![\w])(?:Dublin \d{1,2}(?:W)?|Co\. [A-Z][a-záéíóú]+|County [A-Z][a-záéíóú]+)"
)
STATES = frozenset(
    words("""
    AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ
    NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY
    """)
)
# The town before a UK postcode or a US state: "London NW1 6XE", "Springfield, IL 62704".
_TOWN_BEFORE = re.compile(
    r"(?<![\w-])(?:Co\. )?[A-ZÁÉÍÓÚ][a-záéíóú]+(?:[ -][A-ZÁÉÍÓÚ][a-záéíóú]+){0,2},? \Z"
)
# An English street's town, between it and the postcode: "12 Baker Street, London NW1".
EN_TOWN = re.compile(r",? (?:[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})(?=,? )")

# "Inc." or "Str." end no sentence.
SENTENCE_END = re.compile(
    r"[.!?](?<!Inc.)(?<!Ltd.)(?<!Corp.)(?<!Str.)(?<!Nr.)(?<!Co.)(?<!Mr.)(?<!Mrs.)(?<!Ms.)"
    r"(?<!Dr.)(?<!St.)(?:\s|$)(?!\d)"
)


# The English street types as words, to skip the street pattern in texts without one; as
# one prefix tree that starts with a space, sre skips to the spaces (eight times faster
# than testing each word).
_EN_TYPE_WORDS = tuple(f" {t.rstrip('.?').rstrip(chr(92))}" for t in _EN_TYPES.split("|"))
_ANY_EN_TYPE = re.compile(trie(list(_EN_TYPE_WORDS)))


def english_pieces(text: str) -> Iterator[Piece]:
    if _ANY_EN_TYPE.search(text):
        yield from (Piece(m.start(), m.end(), True) for m in STREET_EN.finditer(text))
    for m in ENGLISH_CODE.finditer(text):
        if m.group("us") and m.group()[:2] not in STATES:
            continue
        # An Eircode alone is only an address after its label or a town ("Kilkenny R95
        # K4E1"): the shape is too loose.
        town = _TOWN_BEFORE.search(text, max(0, m.start() - 40), m.start())
        alone = (
            not m.group("eircode")
            or "eircode" in text[max(0, m.start() - 20) : m.start()].casefold()
            or bool(town)
        )
        yield Piece(town.start() if town else m.start(), m.end(), alone, "english")
    if "Dublin" in text or "Co." in text or "County" in text:
        yield from (Piece(m.start(), m.end(), False, "english") for m in IRISH_AREA.finditer(text))


# English and Irish address lines above a postcode: "Flat 7, Beaumont House\n22 Station
# Road\nHarrow HA1 2SQ". A line starts the address if it has a number, a flat or a
# building or street word; a name line above it ("Mr Rajesh Patel") does not.
_EN_SEGMENT = re.compile(
    r"(?:(?:[A-ZÁÉÍÓÚ][\w'’.-]*|\d{1,5}[A-Za-z]?|c/o|na|an|of|the|on|upon|le|la|de|y|&)[ \t]*)"
    r"{1,6}"
)
_EN_START = re.compile(
    r"\d|c/o\b|(?:Flat|Apartment|Apt\.?|Unit|Suite|Room|Floor|The)\b|.*\b(?:House|Court|Centre|"
    r"Center|Building|Tower|Lodge|Cottages?|Farm|Hall|Manor|Manse|Mews|Maltings|Mill|"
    r"Apartments|Estate|Chambers|Mansions|Villa|Place|Park|Road|Street|Lane|Avenue|Close|"
    r"Drive|Way|Square|Terrace|Gardens|Crescent|Grove|Hill|Row|Walk|Green|Parade|Quay|Wharf|"
    r"Rise|View|Boulevard|St|Rd|Ave)\b"
)
_EN_TAIL = re.compile(
    r"(?:(?:Flat|Apt\.?|Apartment|Unit|Suite) \d{1,4}[A-Za-z]?"
    r"|(?:The|\d{1,5}[A-Za-z]?) (?:(?:[A-ZÁÉÍÓÚ][\w'’.-]*|na|an|of|the|on|le|la|de|y)[ \t]*){1,5}"
    r"|(?:[A-Z][\w'’-]*[ \t]+){1,3}(?:Road|Street|Lane|Avenue|Terrace|Drive|Close|Crescent|"
    r"Grove|Square|Place|Way|Hill|Row|Walk|Green|Quay))\Z"
)
_EN_SEPARATOR = re.compile(r"(?:,[ \t]*\n?|[ \t]*\n)[ \t]*\Z")


def english_start(text: str, start: int) -> int:
    """Where an English address that ends in a postcode begins: up to five lines or commas."""
    best = start
    pos = start
    for _ in range(6):
        separator = _EN_SEPARATOR.search(text, max(0, pos - 4), pos)
        if not separator:
            break
        line_start = max(
            text.rfind("\n", 0, separator.start()), text.rfind(",", 0, separator.start())
        )
        segment_start = line_start + 1
        while segment_start < separator.start() and text[segment_start] in " \t":
            segment_start += 1
        # "New address*: Apartment 6", "... to my work? Suite 5": a label or a sentence
        # ends the block.
        ends = SENTENCE_END.finditer(text, segment_start, separator.start())
        colon = max(
            [text.rfind(":", segment_start, separator.start())] + [m.end() - 1 for m in ends]
        )
        if colon >= 0:
            segment_start = colon + 1
            while segment_start < separator.start() and text[segment_start] in " \t":
                segment_start += 1
        segment = text[segment_start : separator.start()]
        if segment and not _EN_SEGMENT.fullmatch(segment):
            # "... broadband at The Parochial House": the building at the end, then stop.
            tail = _EN_TAIL.search(segment)
            if tail and _EN_START.match(tail.group()):
                best = segment_start + tail.start()
            break
        if not segment:
            break
        if _EN_START.match(segment):
            best = segment_start
        elif (tail := _EN_TAIL.search(segment)) and _EN_START.match(tail.group()):
            best = segment_start + tail.start()  # "Lives 4 Bóthar na Trá, Galway H91 X4K2"
            break
        if colon >= 0:
            break
        pos = segment_start
    return best
