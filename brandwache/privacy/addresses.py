"""Postal addresses of persons in CH/DE/AT/UK/US/IE formats.

An address is built from pieces found separately: a street with its house number, a
flat or door ("Top 5", "Whg. 3", "Flat 2", "Apt 4B"), a "c/o" line, a PO box, a postcode
with its town, a UK postcode or Eircode, a US town with state and ZIP code. Pieces that
touch (only a comma, space or one line break between them) form one address.

A company's address (after a name with AG/GmbH/Ltd/Inc, "Hauptsitz", "our office at")
is not personal data and stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from stdnum.at import postleitzahl

from .addresses_en import EN_TOWN, SENTENCE_END, Piece, english_pieces, english_start
from .organisations import organisation_words
from .places import CITIES, trie, words
from .spans import Kind, Span

# Street words that make a word a street on their own: "Bahnhofstrasse 12".
_STRONG_WORDS = words("strasse straße str. gasse allee chaussee gässli gässle strässli")
# Street words that are also ordinary compounds ("Bahnsteig 3", "Sitzplatz 45", "Heimweg 2
# Stunden"): a street only with a postcode, a flat or an address word.
_WEAK_WORDS = words("""
    weg platz ring damm ufer steig rain halde quai graben markt berg hof matte acker feld park
    promenade zeile lände steg stieg pfad kai kamp wall tor winkel anger garten höhe hang bühl
    rank grund heide tal siedlung hügel brücke wiese loch matt moos egg bach dorf weid au rüti
    gut hölzli boden stutz strich zelg gässchen stich straat ried
    """)


def _ends_with(words: list[str]) -> str:
    # One fixed-width look-behind per word: the name is read once, never backtracked into.
    return "(?i:" + "|".join(rf"(?<={re.escape(w)})" for w in words) + ")"


# A word read possessively (no backtracking), then its ending checked.
_WORD = r"[A-ZÄÖÜ][\wäöüßéè'’.-]*+"
_LOW_WORD = r"[a-zäöü][\wäöüß-]*+"
# Before a street word standing apart: "Zürcher Strasse", "Alte Landstrasse", "Rue du Lac".
_PREFIX = (
    r"(?:Obere|Untere|Alte|Neue|Hintere|Vordere|Innere|Äussere|Äußere|Grosse|Große|Kleine|"
    r"Rechte|Linke|Krumme|Schöne|Weisse|Weiße|Rote|Hinterer|Oberer|Unterer|"
    r"Lange|Kurze|Hohe|Mittlere|Breite|Sankt|St\.|Bad|[A-ZÄÖÜ][\wäöü-]*+(?<=er))[ -]"
)
_HOUSE = r"\d{1,4}(?:\s?[a-zA-Z](?!\w))?(?:\s?[/-]\s?\d{1,4}[a-zA-Z]?){0,3}"
# What follows a house number when it is a count: "Bahnhof 3 Stunden", "Weg 2 mal".
_NOT_AFTER = (
    r"(?!\s?(?:Tage|Tagen|Jahre|Jahren|Monate|Monaten|Wochen|Stunden|Std\.|Minuten|Min\.|Mal|"
    r"mal|Uhr|Euro|EUR|Franken|CHF|Fr\.|Prozent|%|km|m\b|Personen|Leute|Kunden|Stück|Züge|"
    r"days|weeks|months|years|hours|minutes|times|people|percent|x\b))"
)
_PREPOSITIONS = (
    r"Am|An der|An den|Auf der|Auf dem|Im|In der|In den|Zum|Zur|Unter der|Hinter der|Beim"
)
_NOT_STREET_NAMES = (
    r"(?!(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|"
    r"Dezember|Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag|Wochenende|Jahr|"
    r"Monat|Tag|Zug|Bus|Schalter|Gleis|Telefon|Moment|Ende|Anfang|Durchschnitt|Vergleich|"
    r"Abend|Morgen|Mittag|Vorjahr|Sommer|Winter|Frühling|Herbst|Prinzip|Voraus|Ganzen|Schnitt|"
    r"Fall|Rahmen|Namen|Auftrag|Minute|Stunde|Woche|Wagen|Warenkorb|Laden|Shop|Netz|Internet|"
    r"Chat|Original|Anhang|Betreff|Kanton|Kreis|Jahre)\b)"
)
STREET = re.compile(
    r"(?<![\w-])(?:"
    rf"(?P<strong>(?:{_PREFIX}){{0,2}}{_WORD}{_ends_with(_STRONG_WORDS)}"
    rf"|{_LOW_WORD}{_ends_with(_STRONG_WORDS)}"
    r"|(?:Rue|Avenue|Av\.|Chemin|Ch\.|Via|Viale|Route|Rte|Place|Boulevard|Bd|Quai|Piazza)"
    rf"(?: (?:de la|de l'|des|du|de|di|del|della|dei|d'))? ?{_WORD}(?: {_WORD})?)"
    rf"|(?P<weak>(?:{_PREFIX})?{_WORD}{_ends_with(_WEAK_WORDS)}"
    rf"|(?:{_PREPOSITIONS}) {_NOT_STREET_NAMES}{_WORD}(?:[ -]{_WORD})?)"
    rf")[ \t](?:Nr\.[ \t]?)?(?P<number>{_HOUSE}){_NOT_AFTER}(?![\w,.]\d)"
)
# A number after a space: where a street can end. Cheap to find, so the street pattern
# only runs around the few whose word before ends in a street word or follows a cue.
_HOUSE_NUMBER = re.compile(r"\d(?:(?<=[^\W\d_][ \t]\d)|(?<=\.[ \t]\d))\d{0,3}(?!\d)(?![.,:]\d)")
_ENDINGS = tuple(_STRONG_WORDS + _WEAK_WORDS)
_STREET_CUE = re.compile(
    r"(?<![\w-])(?:Rue|Avenue|Av\.|Chemin|Ch\.|Via|Viale|Route|Rte|Place|Boulevard|Bd|Quai|"
    r"Piazza|Am|An|Auf|Im|In|Zum|Zur|Unter|Hinter|Beim)\b"
)
# Any name with a house number right before a postcode: "Obere Zäune 3, 8001 Zürich".
_LABEL_WORD = r"(?![\wäöü]*(?:adresse|anschrift|Adresse|Anschrift|Address|address)\b)"
GENERIC_STREET = re.compile(
    rf"(?<![\w-]){_LABEL_WORD}(?:{_WORD} {_LABEL_WORD}){{0,2}}{_WORD} \d{{1,3}}[a-z]?,?[ \n]\Z"
)
# Flats and doors: "Top 5", "Whg. 3", "Stiege 2", "3. OG", "Flat 2", "Apt 4B", "#4B".
DOOR = re.compile(
    r"(?<![\w-])(?:(?:Top|Tür|Whg\.?|Wohnung|Stiege|Stg\.|App\.|Apt\.?|Apartment|Appartement|"
    r"Flat|Unit|Suite|Ste\.|Zimmer|Zi\.|Haus|Block|Stock|Etage)\s?(?:Nr\.\s?)?\d{1,4}"
    r"(?:[./]\d{1,3})?[A-Za-z]?"
    r"|Erdgeschoss|Dachgeschoss|Obergeschoss|Untergeschoss|Hinterhaus|Vorderhaus|Parterre|"
    r"Souterrain|Ground floor|First floor|Basement"
    r"|\d{1,2}\.\s?(?:OG|Obergeschoss|Stock|Etage|UG|EG)|#\d{1,4}[A-Z]?)(?![\w])"
    r"(?: (?:links|rechts|Mitte|li\.|re\.|left|right)(?![\w]))?"
)
_DOOR_HINTS = (
    "Top", "Tür", "Whg", "Wohnung", "Stiege", "Stg", "App", "Apt", "Flat", "Unit", "Suite",
    "Ste.", "Zimmer", "Zi.", "Haus", "Block", "Stock", "Etage", "OG", "UG", "EG", "#",
    "Obergeschoss", "geschoss", "haus", "Parterre", "Souterrain", "floor", "Basement",
)  # fmt: skip
CARE_OF = re.compile(r"c(?<!\wc)/o [^\n,;]{2,60}|(?m:^(?:bei|p\. ?A\.) [A-ZÄÖÜ][^\n,;]{1,60}$)")
PO_BOX = re.compile(
    r"(?<![\w-])(?:Postfach|Case postale|Casella postale|P\.? ?O\.? Box|Post Office Box|"
    r"PO Box|Postbox)(?: \d{1,6}(?: \d{2,3}){0,2})?(?![\w])",
    re.IGNORECASE,
)
_TOWN = (
    r"(?!(?:And|Und|Or|Oder|The|Der|Die|Das|Von|From|To|Bis|Uhr|Closed)\b)"
    r"(?:St\. |Sankt |Bad |Den )?[A-ZÄÖÜ][a-zäöüßéèàô][\wäöüßéèàô'.]{0,40}"
    r"(?:(?<!\.)[ -](?:am|an der|im|in(?= [A-ZÄÖÜ])|bei|ob|a\.|i\.|[A-ZÄÖÜ][\wäöüß.]+)"
    r"(?: [A-ZÄÖÜ][\wäöüß.]+)?)?"
    r"(?: \([A-ZÄÖÜ][\wäöüß.]+\))?"
)
POSTCODE_CITY = re.compile(rf"\d(?<![\w]\d)\d{{3,4}}[ \t]+(?P<city>{_TOWN})")
# "CH-8001", "D-10115", "A-1010": a postcode after "-" needs its country.
_COUNTRY = re.compile(r"(?<![\w-])(?:CH|D|DE|A|AT|FL|LI)-\Z")
# "PLZ/Ort: 8400 Winterthur", "wohne in 3600 Thun": the label makes any town count.
_ADDRESS_WORDS = re.compile(
    r"(?<!\w)(?:"
    + trie(
        words("""
        plz ort wohnort postleitzahl adresse anschrift wohnadresse lieferadresse rechnungsadresse
        zustelladresse wohnhaft wohne wohnen wohnt lebe address c/o zuhause strasse straße street
        home
        """)
        + [
            "lives at",
            "live at",
            "living at",
            "deliver to",
            "delivered to",
            "ship to",
            "shipped to",
            "zu hause",
        ]  # fmt: skip
    )
    + r")\b[^!?\n]{0,25}$"
)
_IN_PLACE = (
    "in", "im raum", "raum", "bei", "near", "around", "rund um", "um", "across", "betrifft",
    "betroffen", "region", "gebiet", "area", "affects", "affected",
)  # fmt: skip


def _labelled(text: str, start: int) -> bool:
    """An address word shortly before: "PLZ/Ort: 8400 Winterthur", "wohne in 3600 Thun"."""
    return bool(_ADDRESS_WORDS.search(text[max(0, start - 40) : start].lower()))


_AND_PLACE = re.compile(
    r"(?i)\b(?:in|im raum|raum|bei|near)\s+\d{4,5} [A-ZÄÖÜ][\w.-]+(?:,| und| and| or| oder) \Z"
)


def _in_place(text: str, start: int) -> bool:
    before = text[max(0, start - 12) : start].lower().rstrip()
    if any(before == word or before.endswith(" " + word) for word in _IN_PLACE):
        return True
    return bool(_AND_PLACE.search(text, max(0, start - 50), start))


_PERSONAL = re.compile(
    r"(?<!\w)(?:"
    + trie(
        words("""
        wohne wohnen wohnt wohnhaft mein meine meiner my home zuhause privat private
        lieferadresse wohnadresse his her their garage
        """)
        + [
            "i live",
            "we live",
            "zu hause",
            "delivery address",
            "home address",
            "new address",
            "neue adresse",
        ]  # fmt: skip
    )
    + r")(?!\w)"
)
# A sender's or customer's line: "Von: Bruno Stöckli", "From: ...", "Kunde: ..."
_SENDER = re.compile(
    r"(?m)^[ \t]*(?:Von|From|Absender|Sender|Name|Kunde|Kundin|Customer|Client|Kontoinhaber(?:in)?|"
    r"Account holder|Anschrift|Adresse|Address|Wohnadresse|Lieferadresse|Rechnungsadresse|"
    r"Schuldner(?:in)?|Mieter(?:in)?|Halter(?:in)?|Versicherungsnehmer(?:in)?|Patient(?:in)?|"
    r"Antragsteller(?:in)?|Debtor|Tenant|Policyholder|Applicant|Patient)\b"
)
# In the sentence before the address only words for a company's premises count: "... the
# head office. Gave 10 Canal Street", not "... von der Hausverwaltung. Wohnung Top 14, ...".
_PREMISES = re.compile(
    r"(?i)office|headquarters|hauptsitz|sitz|filiale|branch|store|shop|geschäftsstelle|"
    r"niederlassung|standort|adresse|address|anschrift"
)


def _personal(text: str, start: int = 0) -> bool:
    return bool(_PERSONAL.search(text.lower(), start) or _SENDER.search(text, start))


def _is_company_address(text: str, start: int) -> bool:
    """An organisation's name or office word before the address, with nothing personal after.

    Looked for in the sentence before the address, on the two lines above it (a letterhead:
    "Hansabank AG\nBeschwerdemanagement\nAm Sandtorkai 50") and in the sentence before
    ("... the Harbour Insurance head office. Gave 10 Canal Street, ..."); a personal word
    or a sender's line after the organisation ("Von: Bruno Stöckli") makes it a person's.
    """
    block_start = start
    for _ in range(3):
        line_start = text.rfind("\n", 0, max(block_start - 1, 0)) + 1 if block_start > 0 else 0
        if not text[line_start:block_start].strip() and block_start != start:
            break
        block_start = line_start
        if line_start == 0:
            break
    before = text[max(block_start, start - 240) : start]
    ends = list(SENTENCE_END.finditer(before))
    if len(ends) >= 2:
        before = before[ends[-2].end() :]
        ends = list(SENTENCE_END.finditer(before))
    if ends and _personal(before, ends[-1].end()):
        return False
    companies = organisation_words(before)
    if ends and not _PREMISES.search(before, 0, ends[-1].end()):
        companies = [m for m in companies if m.start() >= ends[-1].end()]
    return bool(companies) and not _personal(before, companies[-1].end())


def _company_first_line(text: str, start: int, end: int) -> bool:
    """An English address grown upwards to a letterhead: "Harbour View Surgery\n14 Quayside"."""
    line_end = text.find("\n", start, end)
    first = text[start : line_end if line_end >= 0 else end]
    return line_end >= 0 and not first.startswith("c/o") and bool(organisation_words(first))


def _town_is_known(code: str, city: str, country: str | None) -> bool:
    first = city.split()[0].split("-")[0]
    if first in CITIES:
        return True
    if len(code) == 4 and country in (None, "A", "AT"):
        info = postleitzahl.info(code) if postleitzahl.is_valid(code) else {}
        location = str(info.get("location", ""))
        return bool(location) and location.split()[0].casefold() == first.casefold()
    return False


def _streets(text: str) -> Iterator[re.Match[str]]:
    last_end = -1
    for number in _HOUSE_NUMBER.finditer(text):
        # The word before the number: "Bahnhofstrasse 12", "Seestr. 5", "Am Rain 4".
        end = number.start() - 1
        if text[end - 4 : end] == " Nr.":
            end -= 4
        if not text[end - 1 : end].isalpha() and text[end - 1 : end] != ".":
            continue
        start = end
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "'’.-"):
            start -= 1
        word = text[start:end].rstrip(".").casefold()
        if not word or not word[0].isalpha():
            continue
        if not (
            word.endswith(_ENDINGS)
            or word.endswith("str")
            or _STREET_CUE.search(text, max(0, start - 30), start)
        ):
            continue
        # The street starts at most a few words before its last word ("Rue de la Gare").
        for m in STREET.finditer(text, max(last_end, start - 45), number.end() + 16):
            if m.start() <= start < m.end() and m.start() >= last_end:
                last_end = m.end()
                yield m


def _postcode_pieces(text: str, streets: list[Piece]) -> Iterator[Piece]:
    for m in POSTCODE_CITY.finditer(text):
        start = m.start()
        country = None
        if text[start - 1 : start] == "-":
            prefix = _COUNTRY.search(text, max(0, start - 4), start)
            if not prefix:
                continue  # "4711-0815 Muster" is no postcode
            country, start = prefix.group()[:-1], prefix.start()
        code = m.group()[: m.start("city") - m.start()].strip()
        city = m.group("city").rstrip(".")
        end = m.start("city") + len(city)
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        own_line = not text[line_start:start].strip() and not text[
            end : line_end if line_end >= 0 else len(text)
        ].strip(" ,.")
        labelled = _labelled(text, start)
        # "Störung in 8050 Oerlikon" names a place, "wohne in 8050 Oerlikon" an address.
        place = not (labelled or country) and _in_place(text, start)
        known = bool(country) or _town_is_known(code, city, country)
        yield Piece(start, end, labelled or own_line or known, "place" if place else "postcode")
        # Any name with a house number right before it: "Obere Zäune 3, 8001 Zürich".
        if not any(0 <= start - s.end <= 3 for s in streets):
            street = GENERIC_STREET.search(text, max(0, start - 60), start)
            if street:
                yield Piece(street.start(), street.end(), False)


def _pieces(text: str) -> list[Piece]:
    pieces: list[Piece] = []
    for m in _streets(text):
        strong = m.group("strong") is not None
        pieces.append(Piece(m.start(), m.end(), strong or _labelled(text, m.start())))
    streets = list(pieces)
    for piece in _postcode_pieces(text, streets):
        # A name before a postcode that is a street already found is no second street.
        if not any(s.start < piece.end and piece.start < s.end for s in streets):
            pieces.append(piece)
    pieces += english_pieces(text)
    folded = text.casefold()
    if any(map(folded.__contains__, ("postfach", "box", "postale"))):
        for m in PO_BOX.finditer(text):
            numbered = any(ch.isdigit() for ch in m.group())
            pieces.append(Piece(m.start(), m.end(), numbered))
    # Flats and "c/o" lines only count next to another piece: look only around those.
    extras: list[Piece] = []
    for piece in pieces:
        lo, hi = max(0, piece.start - 70), min(len(text), piece.end + 40)
        window = text[lo:hi]
        if any(map(window.__contains__, _DOOR_HINTS)):
            extras += [Piece(m.start(), m.end(), False) for m in DOOR.finditer(text, lo, hi)]
        if "c/o" in text or "bei " in text or "p. A." in text or "p.A." in text:
            extras += [Piece(m.start(), m.end(), False) for m in CARE_OF.finditer(text, lo, hi)]
    return pieces + list(set(extras))


def _touching(text: str, end: int, start: int) -> bool:
    gap = text[end:start]
    if gap.strip(" ,\n/·|–") == "" and len(gap) <= 3:
        return True
    # An English street's town before the postcode: "12 Baker Street, London NW1 6XE".
    town = EN_TOWN.match(text, end)
    return bool(town) and town.end() <= start and text[town.end() : start].strip(" ,") == ""


_DIGIT = re.compile(r"\d")


# A known town right before or after a street without a postcode: "Graz, Annenstraße 27/4",
# "Lindenstrasse 4 in Aarau".
_TOWN_FIRST = re.compile(r"([A-ZÄÖÜ][\wäöüß.-]+), \Z")
_TOWN_AFTER = re.compile(r" in ([A-ZÄÖÜ][\wäöüß-]+)(?![\w-])")


def _known(town: str) -> bool:
    return town.split("-")[0] in CITIES


def _with_town(text: str, start: int, end: int) -> tuple[int, int]:
    before = _TOWN_FIRST.search(text, max(0, start - 40), start)
    if before and _known(before.group(1)):
        start = before.start(1)
    after = _TOWN_AFTER.match(text, end)
    if after and _known(after.group(1)):
        end = after.end(1)
    return start, end


def find_addresses(text: str) -> Iterator[Span]:
    # Every address has a number: a house number, postcode or PO box.
    if not _DIGIT.search(text):
        return
    groups: list[list] = []  # [start, end, stands alone, kinds of its pieces]
    for piece in sorted(_pieces(text)):
        last = groups[-1] if groups else None
        if last and (piece.start < last[1] or _touching(text, last[1], piece.start)):
            last[1] = max(last[1], piece.end)
            last[2] = last[2] or piece.alone
            last[3].append(piece.kind)
        else:
            groups.append([piece.start, piece.end, piece.alone, [piece.kind]])
    for start, end, alone, kinds in groups:
        if "english" in kinds:
            extended = english_start(text, start)
            if extended < start:
                kinds.append("")
            start = extended
        elif "postcode" not in kinds and "place" not in kinds:
            start, end = _with_town(text, start, end)
        # A weak street, a flat or a "c/o" needs a second piece (two postcodes are none);
        # "in 8050 Oerlikon" names a place.
        pair = len(kinds) > 1 and any(kind not in ("postcode", "place") for kind in kinds)
        if not (alone or pair) or kinds[0] == "place":
            continue
        if len(kinds) == 1 and DOOR.fullmatch(text, start, end):
            continue
        if _is_company_address(text, start) or _company_first_line(text, start, end):
            continue
        yield Span(start, end, Kind.ADDRESS, text[start:end])
