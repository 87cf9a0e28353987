"""What belongs to an organisation rather than a person: its handles, pages and offices.

Organisations' own data is not personal data: a company's handle (@SBB_CFF), its page, its
address and its numbers stay visible. `is_organisation_name` judges a handle or page name;
`ORGANISATION_WORDS` finds the words that introduce a company's address or number (legal
forms, departments, offices, authorities).

A deployment can list its own handles in the setting `BRANDWACHE_ORGANISATION_HANDLES`
(e.g. ["@AlpenbahnAG", "@Alpenbahn_Hilfe"]): those are never masked, whatever their shape.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from .places import trie, words

# Parts of a handle that mark an organisation: legal forms, service accounts, sectors.
LEGAL_FORMS = frozenset(words("AG GmbH SA Ltd LLC Inc PLC plc KG eG Co Group Gruppe HQ"))
SECTOR_WORDS = frozenset(
    words("""
    support service services kundendienst kundenservice hilfe help care official offiziell news
    info press presse media bahn rail railways airways airlines air bank telecom telekom mobile
    mobil energie energy strom versicherung insurance post paket parcel shop store markt market
    verkehr transport werke airport flughafen hotel zeitung radio tv stadt city gemeinde kanton
    council ticket tickets online de ch at uk us ie deutschland schweiz austria polizei police
    kapo feuerwehr rettung
    """)
)
# Well-known organisations whose handles and pages carry no other hint.
ORGANISATIONS = frozenset(
    words("""
    sbb cff ffs oebb öbb db deutschebahn bls rhb zvv vbz bvg mvg hvv wienerlinien postauto
    swisscom sunrise salt upc yallo wingo telekom vodafone o2 telefonica 1und1 congstar magenta
    drei a1 ee bt sky virgin virginmedia threeuk eir three
    post swisspost dhl ups fedex dpd gls hermes evri royalmail anpost usps postnl
    migros coop denner aldi lidl rewe edeka kaufland spar billa hofer tesco sainsburys asda
    amazon zalando galaxus digitec ebay ricardo tutti ikea mediamarkt saturn otto apple google
    microsoft netflix spotify paypal klarna twint revolut n26 ubs postfinance raiffeisen
    sparkasse commerzbank ing hsbc barclays lloyds natwest santander monzo
    axa allianz zurich mobiliar helvetia baloise generali ergo huk css helsana swica sanitas
    visana concordia groupama aviva
    swiss lufthansa easyjet ryanair eurowings austrian britishairways aerlingus edelweiss
    ewz bkw ekz axpo eon vattenfall enbw wienenergie octopus edf
    """)
)
_PARTS = re.compile(r"[_.-]+|(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=\d)(?=\D)")
_DOMAIN_END = re.compile(r"\.[a-z]{2,3}$")


def _settings_handles() -> frozenset[str]:
    """Organisation handles from the setting `BRANDWACHE_ORGANISATION_HANDLES`, if any."""
    try:
        from django.conf import settings

        handles = getattr(settings, "BRANDWACHE_ORGANISATION_HANDLES", ())
    except Exception:  # noqa: BLE001 - no configured settings outside Django: no extra handles
        return frozenset()
    return _folded_handles(tuple(handles))


@lru_cache(maxsize=4)
def _folded_handles(handles: tuple[str, ...]) -> frozenset[str]:
    return frozenset(h.lstrip("@").casefold() for h in handles)


@cache
def _given_names() -> frozenset[str]:
    from .names import first_names

    return frozenset(name.casefold() for name in first_names())


def is_organisation_name(name: str) -> bool:
    """Whether a handle or page name ("SBB_CFF", "AlpenbahnAG", "Helvetel") is an organisation's.

    Persons mostly pick lower-case handles, often with digits ("petra_m", "fritz_1977"), or
    their name in capitals ("PetraMuster", "RustBeltRita"); an organisation's is one
    capitalised word ("Helvetel"), has an acronym ("SBB_CFF") or carries its sector or legal
    form ("KestrelMobile", "AlpenbahnAG"). Lower-case handles only count as an organisation's
    with a known name and a sector ("salt_mobile"): "kestrel_refunds_uk" is a person's.
    """
    bare = _DOMAIN_END.sub("", name.lstrip("@").split("@")[0])
    folded = bare.casefold()
    if folded in _settings_handles() or folded in ORGANISATIONS:
        return True
    parts = [p for p in _PARTS.split(bare) if p]
    if not parts:
        return False
    folded_parts = [p.casefold() for p in parts]
    if bare == folded:
        return folded_parts[0] in ORGANISATIONS and any(p in SECTOR_WORDS for p in folded_parts[1:])
    if folded_parts[0] in _given_names():
        return False
    if any(p in LEGAL_FORMS for p in parts) or any(p in SECTOR_WORDS for p in folded_parts):
        return True
    if folded_parts[0] in ORGANISATIONS:
        return True
    if any(ch.isdigit() for ch in bare):
        return False
    single = len(parts) == 1 and bare[0].isupper()
    acronym = any(len(p) >= 2 and p.isupper() and p.isalpha() for p in parts)
    return single or acronym


# Words that make the address or number after them an organisation's: legal forms,
# departments, offices, authorities. Not before a number: "SkyArc SA 1188" is a flight.
ORGANISATION_WORDS = re.compile(
    r"(?:"
    + trie(
        words("""
        AG GmbH SA Sàrl SàRL KG OHG KGaA e.V. Ltd Ltd. Limited Inc Inc. LLC plc PLC Corp Corp.
        Genossenschaft Firma Unternehmen Hauptsitz Firmensitz Geschäftssitz Sitz Filiale Filialen
        Geschäftsstelle Niederlassung Standort Zentrale Verwaltung Kundencenter Kundenservice
        Kundendienst Kundenbetreuung Beschwerdemanagement Abteilung Bußgeldstelle Bussgeldstelle
        Ordnungsbussen Stadt Gemeinde Magistrat Behörde Amt Bezirkshauptmannschaft Polizei
        Kantonspolizei Stadtpolizei Bundespolizei Landespolizei Netzleitstelle Bauverwaltung
        Freepost Attn Attn. Department Dept Dept. Council Versicherung Insurance Bank Kanzlei
        Pflegeheim Altersheim Spital Klinik Hospital Praxis Schule School Verein Stiftung Hotel
        Claims Kreditabteilung headquarters branch store shop Rücksendeadresse Retourenadresse
        Practice Pharmacy Apotheke Solicitors Rechtsanwälte Anwälte Hausverwaltung Pflegedienst
        Reisebüro Pressestelle Energy Energie Rail Telecom Broadband Logistics Logistik
        Hospital Surgery Clinic Gemeindesaal Rathaus Agentur Generalagentur Utilities Finanzamt
        Betreibungsamt Strassenverkehrsamt Straßenverkehrsamt Steueramt Standesamt Zivilstandsamt
        Grundbuchamt Sozialamt Jugendamt Ordnungsamt Bauamt Amtsgericht Landgericht Landesgericht
        Bezirksgericht Kantonsgericht Arbeitsgericht Sozialgericht Verwaltungsgericht
        """)
        + [
            "e. V.",
            "& Co",
            "& Co.",
            "Customer Care",
            "Customer Relations",
            "Customer Service",
            "Customer Services",
            "Customer Support",
            "Fraud Prevention",
            "our office",
            "our offices",
            "office at",
            "head office",
            "registered office",
            "our address",
            "unsere Adresse",
            "returns address",
        ]  # fmt: skip
    )
    + r")(?!\w)(?!\s?\d)"
)


# German compounds that end in an organisation word: "Wohnbaugenossenschaft",
# "Krankenversicherung", "Stadtwerke"; and firms of partners: "Vogel & Koch".
_ENDINGS = words("""
    genossenschaft versicherung verwaltung kasse werke gesellschaft stiftung apotheke kanzlei
    praxis klinik verband behörde polizei dienst management finanzamt steueramt betreibungsamt
    verkehrsamt standesamt zivilstandsamt grundbuchamt einwohneramt sozialamt jugendamt
    ordnungsamt bauamt amtsgericht landgericht landesgericht bezirksgericht kantonsgericht
    arbeitsgericht sozialgericht verwaltungsgericht agentur
    """)
_ORGANISATION_ENDINGS = re.compile(trie(_ENDINGS) + r"(?![a-zäöüß])")
_PARTNERS = re.compile(r"[A-ZÄÖÜ][\wäöü]+ & (?:Partner|[A-ZÄÖÜ][\wäöü]+)")


def organisation_words(text: str) -> list[re.Match[str]]:
    """The organisation words in `text`: whole words, compound endings and partner firms.

    The word start is checked after the match: a look-behind in front of the pattern
    would make sre try it at every position.
    """
    found = [
        m
        for m in ORGANISATION_WORDS.finditer(text)
        if not m.start() or not text[m.start() - 1].isalnum()
    ]
    lowered = text.lower()
    if len(lowered) == len(text) and any(map(lowered.__contains__, _ENDINGS)):
        found += [
            m
            for m in _ORGANISATION_ENDINGS.finditer(lowered)
            if m.start() and lowered[m.start() - 1].isalpha()
        ]
    if "&" in text:
        found += _PARTNERS.finditer(text)
    return sorted(found, key=lambda m: m.end())
