"""Person names from context (titles, greetings, signatures, introductions) and a lexicon.

There is no statistical model: a name is a capitalised word in a place where names stand
("Frau X", "Hallo X", the line after "Freundliche Grüsse", "mein Name ist X"), or a given
name from `firstnames.txt`, optionally followed by a surname.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from .places import words
from .spans import Kind, Span

_LOWER = "a-zäöüßéèêëàáâçñïíóòôúùøåćčšžđłńśźżőűășřěůňťďýışğ"
_UPPER = "A-ZÄÖÜÉÈÅØÇŠŽČĆŁŚŻŹŘĐŞİ"
_TOKEN = rf"(?:Mc|Mac|O'|D')?[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?"
_PARTICLE = r"(?:von der|van der|von|van|de|der|den|di|da|zu|vom|dos|del) "
TOKEN = re.compile(_TOKEN)
TITLED_TOKEN = re.compile(rf"(?:{_PARTICLE})?{_TOKEN}")
INITIAL = re.compile(rf"[A-ZÄÖÜ]\. (?={_TOKEN})")
# Following name words: single spaces only, so a name never runs over a line break. A
# particle ("von", "de") only after a title: elsewhere "Michael von Ihrem Support" is common.
NEXT_TOKEN = re.compile(rf" {_TOKEN}")
NEXT_TITLED_TOKEN = re.compile(rf" (?:{_PARTICLE})?{_TOKEN}")

_ACADEMIC = r"Dr\.|Prof\.|med\.|Mag\.|Ing\.|Dipl\.-Ing\.|lic\. iur\.|Familie"
ACADEMIC = re.compile(rf"(?:(?:{_ACADEMIC}) )+")
TITLES = (
    r"(?<![\w.])(?:Herrn?|Frau|Hr\.|Fr\.|Mr\.?|Mrs\.?|Ms\.?|Miss|Mx\.?|Familie)"
    rf"(?: (?:{_ACADEMIC}))* "
)
GREETINGS = {
    "de": r"Hallo|Hoi|Hoi zäme|Hi|Hey|Liebe|Lieber|Liebes|Guten Tag|Guten Morgen|Guten Abend|"
    r"Grüezi|Grüss Gott|Grüß Gott|Servus|Moin|Salü|Sali|Danke|Vielen Dank",
    "en": r"Hello|Hi|Hey|Dear|Good morning|Good afternoon|Good evening|Thanks|Thank you",
}
CLOSINGS = {
    "de": r"(?:Mit )?(?:freundlichen|freundliche|beste|besten|liebe|lieben|herzliche|herzlichen|"
    r"viele|sonnige|schöne) (?:Grüsse|Grüße|Gruss|Gruß)n?|Freundlich(?:e|st)?|Gruss|Gruß|Grüsse|"
    r"Grüße|Grüessli|LG|MfG|VG|Herzlich|Danke und Gruss|Danke und Gruß|Beste Grüsse|Liebe Grüsse",
    "en": r"(?:Best|Kind|Warm|Warmest|Many thanks and best) regards|Regards|Best wishes|Cheers|"
    r"Sincerely|Yours sincerely|Yours faithfully|Yours truly|Best|Thanks|Many thanks|Thank you",
}
INTRODUCTIONS = {
    "de": r"mein Name ist|mein Name lautet|ich heisse|ich heiße|ich bin der|ich bin die|"
    r"Ihr Name\*?:|Familienname:|Name\*:|Vorname\*:|Nachname\*:|"
    r"hier ist|hier spricht|im Auftrag von|namens|z\. ?Hd\.|zu Händen von|zuhanden von|"
    r"Ansprechpartnerin|Ansprechpartner|Kontoinhaber(?:in)?:?|Inhaber(?:in)?:?|Absender:?|"
    r"Name:|Vorname:|Nachname:|Kontakt:|von|Mitarbeiterin|Mitarbeiter|Kollegin|Kollege|"
    r"auf den Namen|Tochter|Sohn|Mann|Ehemann|Ehefrau|Vater|Mutter|Bruder|Schwester|"
    r"Partnerin|Partner|c/o",
    "en": r"my name is|my name's|I am|I'm|this is|on behalf of|attn\.?|attention|"
    r"Full name\*?:|Name on card:|Cardholder:|Name\*:|"
    r"account holder:?|Name:|First name:|Last name:|Surname:|Contact:|spoke to|spoke with|from|"
    r"account name|engineer|technician|driver|agent|colleague|husband|wife|son|daughter|"
    r"father|mother|brother|sister|partner|c/o",
}
# Words that stand where a name would, but are not names.
NOT_NAMES = frozenset(
    words(
        """
    Team Zusammen Zäme Alle Leute Kundendienst Kundenservice Support Service Kunde Kundin Kunden
    Damen Herren Frau Herr Herrn Sir Madam All Everyone There Folks Customer Guys Sehr Geehrte
    Grüsse Grüße Gruss Gruß Grüessli Dank Danke Thanks Regards Wishes Morgen Tag Abend Nacht
    Ich Sie Wir Er Es Und Der Die Das Den Dem Ein Eine Mit Von Für Bitte Aber Leider Heute Gestern
    The And But Please Sorry Today Yesterday Your You We It This That Our Hotline Abteilung
    Brandwache Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag Monday Tuesday
    Wednesday Thursday Friday Saturday Sunday Januar Februar März April Mai Juni Juli August
    September Oktober November Dezember Rechnung Vertrag Kundennummer Zürich Bern Basel Wien
    Berlin München Hamburg Deutschland Schweiz Österreich Germany Switzerland Austria Bank Post
    Swisscom Telekom Mobile Online Shop Verkauf Buchhaltung Geschäftsleitung Management Sales
    Billing Ihr Ihre Dein Deine Euer Eure Mein Meine Vielen Herzlichen Freundliche Freundlichen
    Beste Besten Liebe Lieber Liebes Hallo Hello Dear Hi Hey Kind Best Yours Am Im An In Zum Zur
    Tel Telefon Mail Email Fax Mobil Handy Adresse Strasse Straße Mr Mrs Ms Miss Mx Dr Prof
    Ihrem Ihrer Ihren Ihres Unserem Unserer Unseren Filiale Firma
    """
    )
)
# Lexicon names that are also ordinary words or brands: only counted with context.
AMBIGUOUS = frozenset(
    words(
        "Jan Milan Franco Otto Beat Amber Holly Heather Rob Nick Jack Iris Rosa Max Hugo Art"
        " Matt Will Grace Hope Mark Eli Lino Urs Bob Kim"
    )
)


@cache
def first_names() -> frozenset[str]:
    path = Path(__file__).with_name("firstnames.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@cache
def _context_patterns(language: str | None) -> tuple[re.Pattern[str], ...]:
    languages = [language] if language in GREETINGS else list(GREETINGS)
    greetings = "|".join(GREETINGS[lang] for lang in languages)
    closings = "|".join(CLOSINGS[lang] for lang in languages)
    intros = "|".join(INTRODUCTIONS[lang] for lang in languages)
    return (
        re.compile(TITLES),
        re.compile(rf"(?<![\w])(?:{greetings}),? (?=[{_UPPER}])", re.IGNORECASE),
        re.compile(rf"(?m)^[ \t]*(?:{closings})[ \t]*[,!.]?[ \t]*(?:\r?\n[ \t]*)+", re.IGNORECASE),
        re.compile(rf"(?m)(?<![\w])(?:{closings}),? (?=[{_UPPER}][{_LOWER}]+[ \t]*$)"),
        re.compile(rf"(?<![\w])(?:{intros}) (?:(?:Dr\.|Prof\.) )?(?=[{_UPPER}])", re.IGNORECASE),
    )


def _name_at(text: str, pos: int, after_title: bool) -> tuple[int, int] | None:
    """The name starting at `pos`: one capitalised word plus up to two more (surname)."""
    academic = ACADEMIC.match(text, pos)  # "Dr. Anjali Mehta" under a closing: not part of it
    if academic:
        pos = academic.end()
    initial = INITIAL.match(text, pos)
    m = (TITLED_TOKEN if after_title else TOKEN).match(text, initial.end() if initial else pos)
    # "Brandwache-Team" is no name even though it is a capitalised word after "Hallo".
    if not m or m.group().split()[-1].split("-")[-1] in NOT_NAMES:
        return None
    start, end = (pos if initial else m.start()), m.end()
    following = NEXT_TITLED_TOKEN if after_title else NEXT_TOKEN
    for _ in range(2):
        nxt = following.match(text, end)
        if not nxt or nxt.group().split()[-1] in NOT_NAMES:
            break
        end = nxt.end()
    return start, end


def find_names(text: str, language: str | None = None) -> Iterator[Span]:
    title, greeting, closing_block, closing_inline, intro = _context_patterns(language)
    for pattern in (title, greeting, closing_block, closing_inline):
        for m in pattern.finditer(text):
            found = _name_at(text, m.end(), after_title=pattern is title)
            if found:
                yield Span(found[0], found[1], Kind.NAME, text[found[0] : found[1]])
    lexicon = first_names()
    for m in intro.finditer(text):
        found = _name_at(text, m.end(), after_title=False)
        # "von"/"from"/"this is" are weak: they need a known given name behind them.
        weak = m.group().strip().lower() in {"von", "from", "this is", "i am", "i'm", "hier ist"}
        if found and (not weak or text[found[0] : found[1]].split()[0] in lexicon):
            yield Span(found[0], found[1], Kind.NAME, text[found[0] : found[1]])
    for m in TOKEN.finditer(text):
        word = m.group()
        if word in lexicon:
            found = _name_at(text, m.start(), after_title=False)
            # "Jan" or "Otto" alone is more likely a month or a shop than a person.
            if found and (word not in AMBIGUOUS or " " in text[found[0] : found[1]]):
                yield Span(found[0], found[1], Kind.NAME, text[found[0] : found[1]])
