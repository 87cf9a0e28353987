"""Postal addresses in CH/DE/AT/UK/US/IE formats; company addresses and places stay."""

from __future__ import annotations

import pytest

from brandwache.privacy.spans import Kind

from .recogniser_cases import structured

ADDRESSES = [
    ("Ich wohne an der Bahnhofstrasse 12, 8001 Zürich.", "Bahnhofstrasse 12, 8001 Zürich"),
    ("Neue Adresse: Seeweg 4a\n3600 Thun", "Seeweg 4a\n3600 Thun"),
    ("Lieferung an Hauptstraße 27/3/12, 1100 Wien", "Hauptstraße 27/3/12, 1100 Wien"),
    ("Meine Adresse: Lindenstr. 5, Whg. 3, 10115 Berlin", "Lindenstr. 5, Whg. 3, 10115 Berlin"),
    ("Wohnung: Gartengasse 3, Top 5, 8010 Graz", "Gartengasse 3, Top 5, 8010 Graz"),
    ("Landstraße 12, Stiege 3, Tür 7, 1030 Wien", "Landstraße 12, Stiege 3, Tür 7, 1030 Wien"),
    (
        "Schillerstraße 14, 2. OG links\n80336 München",
        "Schillerstraße 14, 2. OG links\n80336 München",
    ),
    ("Anschrift: Am Markt 7, 04109 Leipzig", "Am Markt 7, 04109 Leipzig"),
    ("Zustellung an Obere Zäune 3, 8001 Zürich", "Obere Zäune 3, 8001 Zürich"),
    ("Sabine Krämer · Rosenweg 9 · 76137 Karlsruhe", "Rosenweg 9 · 76137 Karlsruhe"),
    (
        "c/o Familie Brunner, Dorfstrasse 8, 3612 Steffisburg",
        "c/o Familie Brunner, Dorfstrasse 8, 3612 Steffisburg",
    ),
    ("Postfach 1234, 8021 Zürich", "Postfach 1234, 8021 Zürich"),
    ("Rue de la Gare 15, 1003 Lausanne", "Rue de la Gare 15, 1003 Lausanne"),
    ("PLZ/Ort: 8400 Winterthur", "8400 Winterthur"),
    ("Ich wohne jetzt in 3600 Thun.", "3600 Thun"),
    ("I live at 14 Elm Road, Leeds LS6 2AB.", "14 Elm Road, Leeds LS6 2AB"),
    (
        "Mr Rajesh Patel\nFlat 7, Beaumont House\n22 Station Road\nHarrow HA1 2SQ\n\nDear Sir",
        "Flat 7, Beaumont House\n22 Station Road\nHarrow HA1 2SQ",
    ),
    (
        "Send it to 742 Evergreen Terrace, Springfield, IL 62704",
        "742 Evergreen Terrace, Springfield, IL 62704",
    ),
    ("Apt 4B, 55 Main St, Boston, MA 02108", "Apt 4B, 55 Main St, Boston, MA 02108"),
    ("PO Box 451, Austin, TX 78701", "PO Box 451, Austin, TX 78701"),
    (
        "From: Bridget Kavanagh\nMain Street, Kilcullen, Co. Kildare, R56 YX44\n",
        "Main Street, Kilcullen, Co. Kildare, R56 YX44",
    ),
    ("My Eircode is D02 X285", "D02 X285"),
]

NOT_ADDRESSES = [
    "Unsere Filiale an der Bahnhofstrasse 20, 8001 Zürich ist geschlossen.",
    "Helvetel AG, Hauptsitz: Seestrasse 100, 8002 Zürich",
    "Hansabank AG\nBeschwerdemanagement\nAm Sandtorkai 50\n20457 Hamburg",
    "Our office at 10 Downing Street, London SW1A 2AA",
    "Your appointment at the Kestrel Mobile store, 14 Oxford Street, is at 11:30.",
    "Die Störung betrifft 3000 Bern und Umgebung.",
    "Seit gestern kein Netz in 8050 Oerlikon!",
    "Wir haben 5000 Franken bezahlt.",
    "Der Zug hatte am Bahnsteig 3 zehn Minuten Verspätung.",
    "Sitzplatz 45 im Wagen 7 war besetzt.",
    "Im Januar 2024 kam die Rechnung.",
    "Router Modell FRITZ!Box 7590 AX startet ständig neu.",
    "Ich war 3 Stunden auf dem Heimweg.",
]


@pytest.mark.parametrize(("text", "address"), ADDRESSES)
def test_it_finds_postal_addresses(text: str, address: str) -> None:
    assert structured(text) == [(Kind.ADDRESS, address)]


@pytest.mark.parametrize("text", NOT_ADDRESSES)
def test_it_leaves_company_addresses_places_and_counts(text: str) -> None:
    assert Kind.ADDRESS not in {kind for kind, _ in structured(text)}


def test_a_personal_word_after_the_company_makes_it_a_persons_address() -> None:
    text = "Ich bin Kundin der Helvetel AG und wohne an der Bahnhofstrasse 5, 8001 Zürich."
    assert structured(text) == [(Kind.ADDRESS, "Bahnhofstrasse 5, 8001 Zürich")]


def test_a_senders_line_below_the_company_header_is_a_person() -> None:
    text = "Fax an: Seeland Bank AG\nVon: Bruno Stöckli\nMattenweg 4\n2560 Nidau"
    assert (Kind.ADDRESS, "Mattenweg 4\n2560 Nidau") in structured(text)


@pytest.mark.parametrize(
    ("text", "address"),
    [
        (
            "wohnhaft in Wiener Neustädter Straße 33, 2500 Baden",
            "Wiener Neustädter Straße 33, 2500 Baden",
        ),
        (
            "Ilse Brückner\nAm Stadtpark 12\n06108 Halle (Saale)\n\nAOK",
            "Am Stadtpark 12\n06108 Halle (Saale)",
        ),
        (
            "Heinz-Dieter Wolf\nPostfach 11 04\n57223 Kreuztal\n\nAn die",
            "Postfach 11 04\n57223 Kreuztal",
        ),
        (
            "Fatma Özdemir\nbei Schneider\nKlosterweg 4\n53113 Bonn",
            "bei Schneider\nKlosterweg 4\n53113 Bonn",
        ),
        (
            "Lives at Cloonlara Road, Kilkenny R95 K4E1. Wants paper bills.",
            "Cloonlara Road, Kilkenny R95 K4E1",
        ),
        (
            "will pay by card. Lives 4 Bóthar na Trá, Salthill, Galway H91 X4K2.",
            "4 Bóthar na Trá, Salthill, Galway H91 X4K2",
        ),
        (
            "I'm moving from Apt 14, The Maltings, Bow Street, Dublin 7, D07 X2K4 soon",
            "Apt 14, The Maltings, Bow Street, Dublin 7, D07 X2K4",
        ),
        (
            "Gráinne Nolan\nc/o Nolan's Pharmacy\nMain Street\nAbbeyleix, Co. Laois R32 F8K2",
            "c/o Nolan's Pharmacy\nMain Street\nAbbeyleix, Co. Laois R32 F8K2",
        ),
    ],
)
def test_longer_streets_towns_boxes_and_irish_addresses(text: str, address: str) -> None:
    assert (Kind.ADDRESS, address) in structured(text)


@pytest.mark.parametrize(
    "text",
    [
        "Harbour View Surgery\n14 Quayside\nFalmouth TR11 3LG\n\nFlu clinics on Saturday.",
        "Finanzamt Hamburg-Altona\nGroße Bergstraße 264\n22767 Hamburg\n\nBescheid",
    ],
)
def test_a_letterhead_of_an_office_or_authority_stays(text: str) -> None:
    assert Kind.ADDRESS not in {kind for kind, _ in structured(text)}


def test_a_debtor_below_an_authority_keeps_the_address() -> None:
    text = (
        "FAX an: Betreibungsamt Winterthur\n"
        "Schuldner: Marco Pellegrini, Lindenstrasse 40, 8400 Winterthur"
    )
    assert (Kind.ADDRESS, "Lindenstrasse 40, 8400 Winterthur") in structured(text)
