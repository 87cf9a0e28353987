"""The words around person names: titles, greetings, closings, introductions, and words that
are no names. The words that mark a firm, a brand or a place are in `namefirms.py`.

German and English. Regular-expression sources are keyed by language ("de", "en"); plain
word sets are shared, since mail threads mix both.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import IntEnum
from functools import cache


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Titles and forms of address before a name; the title is not part of the name.
ACADEMIC = (
    r"Dr\.|Doktor|Prof\.|med\.|dent\.|vet\.|Mag\.|Ing\.|Dipl\.-Ing\.|DI|lic\. ?iur\.|PD|Sir|Dame"
)
TITLES = (
    r"Herrn?|Frau|Hr\.|Fr\.|Fam\.|Familie|Mr\.?|Mrs\.?|Ms\.?|Miss|Mx\.?|Mister|Madame|Mme\.?|"
    r"Monsieur|Signora|Signor|Sra\.?|Sr\.?|Dr\.|Prof\."
)
GREETINGS = {
    "de": r"Hallo|Hoi|Hoi zäme|Hi|Hey|Liebe|Lieber|Liebes|Guten Tag|Guten Morgen|Guten Abend|"
    r"Grüezi|Grüss Gott|Grüß Gott|Grüss dich|Servus|Moin|Salü|Sali|Ciao|Tschau|Bonjour|"
    r"Sehr geehrte|Sehr geehrter|Werte|Werter",
    "en": r"Hello|Hi|Hey|Hiya|Dear|Good morning|Good afternoon|Good evening|Morning",
}
# Thanks before a name is weaker than a greeting: "Danke Post" is no person.
THANKS = {
    "de": r"Danke|Vielen Dank|Merci|Besten Dank|Herzlichen Dank|Danke vielmals",
    "en": r"Thanks|Thank you|Thx|Cheers",
}
CLOSINGS = {
    "de": r"(?:Mit )?(?:freundlichen|freundliche|beste|besten|liebe|lieben|herzliche|herzlichen|"
    r"viele|sonnige|schöne|nette|netten|freundlichem) (?:Grüsse|Grüße|Gruss|Gruß)n?"
    r"(?: aus [A-ZÄÖÜ][\w-]+)?|Freundlich(?:e|st)?|Gruss|Gruß|Grüsse|Grüße|Grüessli|Liebs Grüessli|"
    r"(?:En |Liebe |Liebs |Schöne )?(?:Gruess|Gruäss|Grüess)(?:li)?|Pfiat di|Servus|"
    r"LG|MfG|VG|BG|LG und danke|Herzlich|Danke und Gruss|Danke und Gruß|Danke|Vielen Dank|"
    r"Besten Dank|Merci|Tschüss|Ciao|Bis bald|Hochachtungsvoll",
    "en": r"(?:Best|Kind|Warm|Warmest|Kindest|Many thanks and best|Thanks and best|With best) "
    r"regards|Regards|Best wishes|All the best|Cheers|Sincerely|Yours sincerely|Yours faithfully|"
    r"Yours truly|Yours|Best|Thanks|Many thanks|Thank you|Thx|Ta|Love|Take care",
}
# After these the next capitalised words are a name whatever they are.
INTRODUCTIONS = {
    "de": r"mein Name ist|mein Name lautet|mein Name:|ich heisse|ich heiße|man nennt mich|"
    r"(?:Ihr |Dein )?(?:Vor- und Nach|Vor|Nach|Familien|Ruf|Mädchen|Geburts)?name\*?"
    r"(?:, Vorname)?\s?:|Name des (?:Kontoinhabers|Karteninhabers|Kunden|Versicherten)\s?:|"
    r"(?:Konto|Karten|Rechnungs)?[Ii]nhaber(?:in)?\s?:|Absender(?:in)?\s?:|Empfänger(?:in)?\s?:|"
    r"Versicherte[r]?\s?:|Antragsteller(?:in)?\s?:|Ansprechperson\s?:|"
    r"Ansprechpartner(?:in)?\s?:|Kontaktperson\s?:|Kontakt\s?:|Unterschrift\s?:|"
    r"Bearbeitet von\s?:?|Sachbearbeiter(?:in)?\s?:|Verfasser(?:in)?\s?:|"
    r"z\. ?Hd\.?(?: von)?|zu Händen von|zuhanden von|zuhanden|c/o|i\. ?A\.|i\. ?V\.|per Adresse",
    "en": r"my name is|my name's|I am called|(?:Full |First |Last |Middle |Family |Given |"
    r"Maiden |Customer |Account |Contact )?name\*?\s?:|Surname\s?:|Forename\s?:|"
    r"Name on (?:the )?card\s?:|Card ?holder(?:'s name)?\s?:|Account holder(?:'s name)?\s?:|"
    r"Contact person\s?:|Contact\s?:|Sender\s?:|Recipient\s?:|Policy ?holder\s?:|"
    r"Signed\s?:|Signature\s?:|attn\.?:?|attention:|c/o|care of",
}
# Weaker: the next word is a name only if it is known as one ("hier ist Nadine", "spoke to
# Gavin", "der Techniker Kovač").
MENTIONS = {
    "de": r"ich bin (?:die|der)|ich bin|hier ist|hier spricht|hier schreibt|es schreibt|"
    r"(?:gesprochen|telefoniert|gechattet|geschrieben|verbunden) mit|sprach mit|spreche mit|"
    r"sprechen mit|mit Ihrer Kollegin|mit Ihrem Kollegen|Ihre Kollegin|Ihr Kollege|"
    r"(?:Sie )?chatten (?:jetzt )?mit|Chat mit|verbunden mit|"
    r"Mitarbeiter(?:in)?|Kollegin|Kollege|Berater(?:in)?|Techniker(?:in)?|Monteur(?:in)?|"
    r"Fahrer(?:in)?|Zusteller(?:in)?|Kurier|Agent(?:in)?|Filialleiter(?:in)?|Verkäufer(?:in)?|"
    r"Betreuer(?:in)?|Tochter|Sohn|Mann|Ehemann|Ehefrau|Gattin|Gatte|Vater|Mutter|Bruder|"
    r"Schwester|Partnerin|Partner|Freundin|Freund|Nachbarin|Nachbar|Enkelin|Enkel|Oma|Opa|"
    r"Tante|Onkel|Gotte|Götti|Gotti|Cousine|Cousin|Schwager|Schwägerin|Neffe|Nichte|"
    r"laut|gemäss|gemäß|im Auftrag von|im Namen von|namens|auf den Namen|"
    r"Anrufer(?:in)?\s?:?|Kunde\s?:?|Kundin\s?:?|Mieter(?:in)?\s?:?|Auftraggeber(?:in)?\s?:|"
    r"Versicherungsnehmer(?:in)?\s?:?|Senator(?:in)?|Minister(?:in)?|Stadtrat|Stadträtin|"
    r"Gemeinderat|Gemeinderätin|Nationalrat|Nationalrätin|Bundesrat|Bundesrätin|"
    r"Präsident(?:in)?|Bürgermeister(?:in)?|Pfarrer(?:in)?|"
    r"Besteller(?:in)?\s?:|Patient(?:in)?\s?:|Reisende[r]?\s?:|Fahrgast\s?:|"
    r"lautend auf|Kontoinhaber(?:in)?|Karteninhaber(?:in)?|Ansprechpartner(?:in)?|Kontaktperson",
    "en": r"I am|I'm|this is|it's|(?:spoke|speaking|talked|talking|chatted|chatting|connected) "
    r"(?:to|with)|you are (?:now )?chatting with|you're (?:now )?chatting with|"
    r"engineer|technician|driver|courier|agent|advisor|adviser|representative|rep|colleague|"
    r"manager|operator|husband|wife|son|daughter|father|mother|brother|sister|partner|"
    r"friend|neighbour|neighbor|grandson|granddaughter|aunt|auntie|aunty|uncle|cousin|grandma|"
    r"grandpa|granny|gran|nan|nana|mum|mom|dad|agent name|operator|"
    r"according to|on behalf of|in the name of|addressed to|account holder|card ?holder|"
    r"caller\s?:?|customer\s?:?|client|tenant\s?:?|passenger\s?:?|patient\s?:?|guest\s?:?|"
    r"senator|minister|mayor|president|councillor|councilor|adjuster|inspector|conductor|"
    r"nurse|officer|insured\s?:|policyholder|"
    r"contact person|policy ?holder",
}
# Mail and form header lines whose value is a person: "Von: Muster Petra <...>".
HEADERS = r"Von|From|An|To|Cc|Bcc|Kopie|Absender|Sender|Reply-To|Antwort an|Gesendet von|Sent by"
# Speakers in chat transcripts: "Agent Kevin:", "Nadine (Kundendienst):".
SPEAKER_ROLES = r"Agent|Agentin|Berater|Beraterin|Mitarbeiter|Mitarbeiterin|Support|Advisor|Adviser"
# "Agent (Zorlan):": a role before the bracket.
ROLE_END = re.compile(
    rf"(?:{SPEAKER_ROLES}|Operator|Kundendienst|Kundenservice|Service|Team)[ \t]*\($",
    re.IGNORECASE,
)
# Closings that thank rather than sign: "Danke\nHelvetel" may thank a company.
THANKS_START = re.compile(
    r"\W*(?:danke|vielen dank|besten dank|herzlichen dank|merci|thanks|thank you|many thanks|"
    r"thx|ta)\b",
    re.IGNORECASE,
)
# Lower-case texts: a known given name after one of these ("danke an sandra", "die steffi").
LOWER_CUES = words(
    """
    an mit bei von für die der de dr ist und
    """
)
# ... and after these even a rarer one ("from keisha").
STRONG_LOWER_CUES = words(
    """
    hallo hoi hi hey danke merci liebe lieber lg gruss grüsse vg bin heisse heiße with from
    thanks thx dear hello cheers frau herr mr mrs ms
    """
)
# Particles inside a name ("van den Berg", "von Arx", "de la Cruz", "bin Laden").
PARTICLES = words(
    "von zu van vander de del della der den di da dos das du le la ten ter al el bin ibn "
    "ó ní nic uí ua mac"
)
# Before a capitalised word these make it a noun rather than a name ("der Fuchs").
DETERMINERS = words(
    """
    der die das den dem des ein eine einen einem einer eines im am vom zum zur beim ins ans
    kein keine keinen mein meine dein sein seine ihr ihre unser unsere jeder jede jedes
    diese dieser dieses the a an this that my your his her our their every no
    """
)
# German articles: with an adjective between, the word after them is a noun ("der neue Roman").
ARTICLES = words("der die das den dem des ein eine einen einem einer eines")
# Particles that may open a name after a title ("Frau von Allmen"), unlike "Familie den ...".
OPENING_PARTICLES = words("von van vander de del della da di dos du le la ten ter zu al el")
# Prepositions before which a capitalised word is a place: "at Preston", "nach Paris".
PLACE_PREPOSITIONS = words("in at nach aus near via ab bis auf")
# Towns that are also common given names: alone they are the town ("flight to Austin").
TOWNS = words(
    """
    Austin Dallas Denver Houston Phoenix Orlando Brooklyn Milton Preston Chester Lincoln
    Lourdes Lugano Sion Thun Chur Zug Olten Uster
    """
)
# Particles that are also German prepositions or articles: weaker evidence of a name.
PREPOSITIONS = words("von zu der den das du")

# Capitalised words that stand where a name would but are none.
NOT_NAMES = words(
    """
    Team Zusammen Zäme Alle Allerseits Leute Kundendienst Kundenservice Kundencenter Support Box
    Service Kunde Kundin Kunden Damen Herren Frau Herr Herrn Sir Madam Madame All Everyone There
    Folks Customer Customers Guys Sehr Geehrte Geehrter Grüsse Grüße Gruss Gruß Grüessli Dank
    Danke Thanks Regards Wishes Morgen Tag Abend Nacht Ich Sie Wir Er Es Und Der Die Das Den
    Dem Des Ein Eine Einen Mit Von Für Bitte Aber Leider Heute Gestern Noch Schon Auch Nur Ja
    Nein Doch Hier Da Dort Jetzt Also So Wie Was Wer Wo Warum Wann The And But Please Sorry
    Today Yesterday Your You We It This That Our Hotline Abteilung Montag Dienstag Mittwoch
    Donnerstag Freitag Samstag Sonntag Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    Januar Februar März April Mai Juni Juli August September Oktober November Dezember Feb
    Mär Apr Jun Jul Aug Sep Sept Okt Oct Nov Dez Dec January February March May June July
    October December Hoi Salü Sali Hiya Ciao Tschau Bonjour Grüss Hallöchen Tschüss Bye
    Rechnung Vertrag Kundennummer Deutschland Schweiz Österreich Germany
    Switzerland Austria Bank Post Mobile Online Shop Verkauf Buchhaltung Geschäftsleitung
    Management Sales Billing Ihr Ihre Ihrem Ihrer Ihren Ihres Dein Deine Euer Eure Mein Meine
    Meinem Meiner Unser Unsere Unserem Unserer Unseren Vielen Herzlichen Freundliche
    Freundlichen Beste Besten Liebe Lieber Liebes Hallo Hello Dear Hi Hey Kind Best Yours Am Im
    An In Zum Zur Tel Telefon Mail Email E-Mail Fax Mobil Handy Adresse Strasse Straße Mr Mrs Ms
    Miss Mx Dr Prof Filiale Firma Familie Doktor Chef Chefin Admin Administrator Moderator Bot
    Chatbot Assistent Assistentin Assistant Sachbearbeiter Sachbearbeiterin Betreff Subject
    Datum Date Gesendet Sent Anhang Attachment Nachricht Message Name Vorname Nachname Unknown
    Unbekannt Anonym Anonymous Privat Geschäftlich Mama Papa Schatz Liebling Sonstiges Keine
    Kein None Nobody Niemand Jemand Someone Herzlich Freundlich Merci Cheers Sincerely Gott
    Grüezi Servus Moin Zusammen Allen Ihnen Dir Euch Dich Mich Mir Uns Him Her Them Me Us
    My I He She They Yes No Ok Okay Yeah Hiya IBAN BIC SWIFT PIN PUK TAN AHV ID PDF SMS MMS
    URL CHF EUR USD GBP MwSt UID
    Vorstand Direktion Geschäftsführung Leitung Personal Office Büro Zentrale Empfang Info
    Kontakt Contact Hilfe Help Frage Question Antwort Answer Problem Beschwerde Complaint
    Swiss German English French Italian Dutch Danish Irish Scottish Welsh British American
    Austrian Spanish Polish Turkish Deutsch Englisch Französisch Italienisch Schweizer
    Christmas Easter Weihnachten Ostern Pfingsten Silvester France Italy Spain India China
    Georgia Israel Jamaica Kenya America Africa Asia Europe Europa Tessin Wallis Ireland
    England Scotland Wales Britain Italien Frankreich Spanien Kosovo Serbien Türkei Turkey
    Polen Poland Portugal Kroatien Croatia Bosnien Albanien Albania Xing Twitter Facebook
    Instagram Threads Mastodon Reddit Google Amazon Apple Netflix Spotify Uber
    Dini Mini Sini Eusi Öisi Iri Isch Hesch Hani Häsch Gsi Nöd Nid Öppis Scho Gäll Gell
    """
)
# Ordinary words that the name lexicon also holds as given names, mostly from noise in its
# source; alone they are the word ("der Eimer", "das Navi"), with context still a name.
WORDS_NOT_GIVEN_NAMES = words(
    """
    Maus Kohl Donner Lupe Hopp Heck Putz Dom Weiten Spanier Schreiber Granit Gabe Eimer
    Weiler Fettes Navi Ami Inder Rausch Norm Echo Venus Adel Lama Amor Baba Gong Hebe Riet
    Sultan Afghan Rehab Jelly Mentor Destiny Genesis Eden Pearl Harsh Fin Mat Ant Dot Blend
    Meme Bing Ping Dong Peer Cam Con Ash Res Hei Lehnen Kirsch Junker Esch Hort Eich Schenk
    Blum Mercedes Alexa Siri Crystal Sunny Dawn Faith Hope Joy Angel Precious Blessing
    Princess Prince Duke King Queen Baron Lord Bishop Pope Sheriff Marshall Major General
    """
)
# --- compiled cues --------------------------------------------------------------------


class Cue(IntEnum):
    """How strongly the words before a name say that one follows."""

    TITLE = 5  # "Frau X": anything capitalised
    LABEL = 4  # "Name: X", "mein Name ist X"
    HEADER = 3  # "Von: X <...>": at least one word a known name
    GREETING = 2  # "Hallo X", closings: known names, or rare words beside a known name
    MENTION = 1  # "spoke to X", "Danke X": known names only
    LEXICON = 0  # no context: the lexicon alone


@dataclass(frozen=True)
class Cues:
    """The cue patterns for one language (or both), and which words can start them.

    Label, greeting and mention patterns are long alternations; trying them at every
    position of a text costs more than all the rest, so they are only tried where a word
    starts with the first three letters of one of their words (`anchored`).
    """

    title: re.Pattern[str]  # without its word boundary in front: see `titles`
    header: re.Pattern[str]
    closing: re.Pattern[str]
    inline_closing: re.Pattern[str]
    speaker: re.Pattern[str]
    title_line: re.Pattern[str]  # "Herr\nBeat Aeschlimann" in an address block
    agent_in_brackets: re.Pattern[str]  # "Paketblitz AT (Berisha): Hallo!"
    anchored: dict[str, tuple[tuple[Cue, re.Pattern[str]], ...]]

    def titles(self, text: str) -> Iterator[re.Match[str]]:
        """The matches of `title` after no letter, digit, "_" or ".", the ones `finditer`
        finds with that look-behind in front; without it in the pattern sre skips straight
        to the titles' first letters (twice as fast)."""
        pos = 0
        while m := self.title.search(text, pos):
            start = m.start()
            if start and _WORD_OR_DOT.match(text, start - 1):
                pos = start + 1
            else:
                yield m
                pos = m.end()  # never empty: a title is followed by a space


_WORD_OR_DOT = re.compile(r"[\w.]")


def _alternatives(source: str) -> list[str]:
    """The top-level alternatives of a regular expression source."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(source):
        if char == "\\" or (i and source[i - 1] == "\\"):
            continue
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "|" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
    return [*parts, source[start:]]


def _prefixes(source: str) -> set[str]:
    """The first three letters (case-folded) of every word a match of `source` can start with.

    Understands what the cue tables use: alternatives, groups (optional or not) and a
    leading character class such as "[Ii]nhaber".
    """
    found: set[str] = set()
    for alternative in _alternatives(source):
        if alternative.startswith("(?:"):
            depth, end = 0, 0
            while end < len(alternative):
                depth += {"(": 1, ")": -1}.get(alternative[end], 0)
                if depth == 0:
                    break
                end += 1
            found |= _prefixes(alternative[3:end])
            rest = alternative[end + 1 :]
            if rest[:1] in ("?", "*"):
                found |= _prefixes(rest[1:])
        elif alternative.startswith("["):
            chars, rest = alternative[1:].split("]", 1)
            letters = re.match(r"[^\W\d_]*", rest).group()
            found |= {(char + letters)[:3].casefold() for char in chars}
        else:
            word = re.match(r"[^\W\d_]+", alternative)
            if word:
                found.add(word.group()[:3].casefold())
    return found


@cache
def compiled_cues(language: str | None) -> Cues:
    langs = [language] if language in GREETINGS else list(GREETINGS)

    def either(table: dict[str, str]) -> str:
        return "|".join(table[lang] for lang in langs)

    ignore = re.IGNORECASE
    titles = rf"(?:{TITLES}|HERRN?|FRAU|MRS?|MS|herrn?|frau|mrs?|ms)(?:[ \t]+(?:{ACADEMIC}))*"
    closings = either(CLOSINGS)
    anchored: dict[str, list[tuple[Cue, re.Pattern[str]]]] = {}
    for cue, source in (
        (Cue.LABEL, either(INTRODUCTIONS)),
        (Cue.GREETING, either(GREETINGS)),
        (Cue.MENTION, f"{either(MENTIONS)}|{either(THANKS)}"),
    ):
        ending = r"[ \t]*,?[ \t]+" if cue == Cue.GREETING else r"[ \t]*[,(:]?[ \t]*"
        # Per prefix only the alternatives that can start there, in their order: an
        # alternative cannot match at a word with another prefix, so the first match is
        # the same as with the whole alternation, at a fraction of the cost.
        by_prefix: dict[str, list[str]] = {}
        for alternative in _alternatives(source):
            for prefix in _prefixes(alternative):
                by_prefix.setdefault(prefix, []).append(alternative)
        for prefix, alternatives in by_prefix.items():
            # the cue must end at a word's end: "aunt" is no cue in "Auntie Yemi"
            pattern = re.compile(
                rf"(?<![\w-])(?:{'|'.join(alternatives)})(?:(?<=\W)|(?!\w)){ending}", ignore
            )
            anchored.setdefault(prefix, []).append((cue, pattern))
    return Cues(
        title=re.compile(rf"(?:{titles})[ \t]+"),
        header=re.compile(rf"(?m)^[ \t>]*(?:{HEADERS})[ \t]*:[ \t]*\"?", ignore),
        closing=re.compile(
            rf"(?m)^[ \t]*(?:{closings})[ \t]*[,!.]?[ \t]*\r?\n(?:[ \t]*\r?\n)*[ \t]*", ignore
        ),
        inline_closing=re.compile(
            rf"(?m)(?:^|(?<=[.!?)] ))[ \t]*(?:{closings})[ \t]*[,!.]?[ \t]+", ignore
        ),
        title_line=re.compile(
            r"(?m)^[ \t]*(?:Herrn?|Frau|HERRN?|FRAU|Mr\.?|Mrs\.?|Ms\.?|Familie|Monsieur|Madame)"
            r"[ \t]*\r?\n[ \t]*"
        ),
        agent_in_brackets=re.compile(r"(?m)^[^\n:()]{1,40}\((?=[^)\n]{1,40}\)[ \t]*:)"),
        speaker=re.compile(
            r"(?m)^[ \t]*(?:\[?\d{1,2}[:.]\d{2}(?::\d{2})?\]?[ \t]*)?"
            rf"(?P<role>(?:{SPEAKER_ROLES})[ \t]+)?(?P<name>[^\W\d_][^\n:()]{{0,40}}?)"
            r"[ \t]*(?P<bracket>\([^)\n]{1,40}\))?[ \t]*:"
        ),
        anchored={prefix: tuple(found) for prefix, found in anchored.items()},
    )
