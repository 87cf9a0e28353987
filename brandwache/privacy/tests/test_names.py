"""Person names: every place they hide in, and the ordinary words, firms and places that
look like them. All names here are invented or common enough to belong to no one."""

from __future__ import annotations

import pytest

from brandwache.privacy.names import find_names, first_names

FOUND = [
    # titles: the title stays outside, ordinary words after a title are names
    ("Sehr geehrte Frau Fuchs, danke für Ihre Geduld.", ["Fuchs"]),
    ("Herr Koch hat mich zurückgerufen.", ["Koch"]),
    ("Ich habe mit Frau Wolf vom Kundendienst gesprochen.", ["Wolf"]),
    ("Mr Bird from your shop was very helpful.", ["Bird"]),
    ("Guten Tag Herr Dr. med. Brunold", ["Brunold"]),
    ("HALLO HERR MEIER, ICH WARTE IMMER NOCH!!!", ["MEIER"]),
    ("cheers mr baker for unlocking my phone", ["baker"]),
    # full names, with an ordinary word as the surname
    ("Paul Winter hat die Rechnung bezahlt.", ["Paul Winter"]),
    ("Gestern hat Monika Steiner angerufen.", ["Monika Steiner"]),
    ("I spoke to Grace Kelly-Brown at the branch.", ["Grace Kelly-Brown"]),
    # particles, double names, Irish and Scottish names
    ("Frau von Allmen hat mir eine Gutschrift zugesagt.", ["von Allmen"]),
    ("Herr van den Berg ist umgezogen.", ["van den Berg"]),
    ("Jan van den Berg hat gekündigt.", ["Jan van den Berg"]),
    ("Hans Müller-Lüdenscheidt ist mein Nachbar.", ["Hans Müller-Lüdenscheidt"]),
    ("Maria de la Cruz called about her refund.", ["Maria de la Cruz"]),
    ("Dear Ms O'Neill, thank you.", ["O'Neill"]),
    ("Mrs McDonald rang again.", ["McDonald"]),
    ("Kind regards,\nPádraig Ó Súilleabháin", ["Pádraig Ó Súilleabháin"]),
    # initials with a surname
    ("Grüße\nA. Huber", ["A. Huber"]),
    ("H.-J. Meier hat unterschrieben.", ["H.-J. Meier"]),
    ("Mit freundlichen Grüssen\nK.-D. von Arnim", ["K.-D. von Arnim"]),
    # given names alone: greetings, signatures, chats, mentions
    ("Hallo Peter, wie geht's?", ["Peter"]),
    ("Gruss, Reto", ["Reto"]),
    ("LG\nSandra", ["Sandra"]),
    ("Thanks for the quick fix.\n\nCheers, Dave", ["Dave"]),
    ("Agent Kevin: Wie kann ich Ihnen helfen?", ["Kevin"]),
    ("Sie chatten mit Nadine", ["Nadine"]),
    ("Nadine (Kundendienst): Guten Tag, was kann ich tun?", ["Nadine"]),
    ("You are now chatting with Priya", ["Priya"]),
    ("Call note. Agent: Mo.", ["Mo"]),
    ("I asked Sarah at the counter.", ["Sarah"]),
    ("Peter und Maria haben beide das gleiche Problem.", ["Peter", "Maria"]),
    ("Mein Mann (Kurt) hat das Gerät gekauft.", ["Kurt"]),
    ("Auntie Yemi says you owe her for the tickets.", ["Yemi"]),
    ("Liebe Grüsse\nMia & Jonas", ["Mia", "Jonas"]),
    # lower case in chats and tweets
    ("danke an sandra vom schalter", ["sandra"]),
    ("hallo, ich bin die steffi und meine tel ist 0176 98765432", ["steffi"]),
    ("psa from keisha: get the discount in writing", ["keisha"]),
    ("kein netz seit 3 tagen. grüsse an jürgen aus der hotline", ["jürgen"]),
    # all caps, mail headers, surname first, form fields
    ("PETRA MUSTER\nBAHNHOFSTRASSE 1\n8001 ZÜRICH", ["PETRA MUSTER"]),
    ("Von: Muster Petra <petra.muster@example.ch>\nGesendet: Montag", ["Muster Petra"]),
    ("From: Jane Doe <jane.doe@example.org>", ["Jane Doe"]),
    ("Von: Muster, Petra\nAn: Kundendienst", ["Muster, Petra"]),
    ("Freundliche Grüsse\n\nMuster Petra\nTeamleiterin", ["Muster Petra"]),
    ("Vorname: Petra\nNachname: Muster", ["Petra", "Muster"]),
    ("Full name: John Smith", ["John Smith"]),
    ("Kontoinhaber: Hans Meier", ["Hans Meier"]),
    ("Absender:\nTharshan Sivakumar, Postfach 218", ["Tharshan Sivakumar"]),
    ("Kind regards,\nZoltar Quibble", ["Zoltar Quibble"]),
    # names the lexicon lacks: two rare words in context, one alone under a closing
    ("Von: Zorlan Quibble, Kaiserstrasse 8, 4051 Basel", ["Zorlan Quibble"]),
    ("Meine Tochter Junaro Brühlimann hat die Karte benutzt.", ["Junaro Brühlimann"]),
    ("Herr\nBeat Aeschlimann\nSpitalgasse 30", ["Beat Aeschlimann"]),
    ("Agent (Zorlan): Please don't post your card number.", ["Zorlan"]),
    ("Parcelhop (Zara): Sorry to hear that!", ["Zara"]),
    ("Het öpper Erfahrig?\n\nGruess\nChrigi", ["Chrigi"]),
    ("Thanks for the refund.\n\nZorlan Quibble", ["Zorlan Quibble"]),
    # a name found once is found again
    ("Herr Meyer? Nein, Meyer ist der Nachname meiner Frau.", ["Meyer", "Meyer"]),
]

NOT_FOUND = [
    # the ordinary word, not the person
    "Der Fuchs hat im Winter die Hühner geholt.",
    "Der neue Roman der Autorin ist zu lang.",
    "buchkritik: der roman will zu viel.",
    "I saw a bird in the garden.",
    "Will you call me back? Hope to hear from you.",
    "Die Rose im Garten blüht.",
    "Am 3. Jan. kam die Lieferung nicht.",
    "Otto hat mir die Bestellung nie geliefert.",
    "Don't bother with the extended warranty.",
    # role words and company greetings
    "Der Lokführer hat nichts durchgesagt.",
    "The manager never called back.",
    "Hallo zusammen, seit heute geht nichts mehr.",
    "Hello team, my order never arrived.",
    "Hallo Paketblitz, mein Paket ist weg.",
    "Dear Northline, the 6:48 was cancelled again.",
    "Liebe Kundinnen und Kunden, ab Mai gilt der neue Tarif.",
    "Danke Sunnet! Alles funktioniert.",
    "Guten Tag, hier ist Valentina von Helvetel.",  # only the given name, see below
    # companies and brands named after persons
    "Die Müller Drogerie hat kein Shampoo mehr.",
    "Ich kaufe bei Hugo Boss ein.",
    "Ernst Optik hat meine Brille verloren.",
    "Marks & Spencer refused the refund.",
    "Johnson & Johnson recalled the product.",
    "Die Brenninkmeyer-Stiftung antwortet nicht.",
    "Meier AG hat die Rechnung doppelt geschickt.",
    "Die Bäckerei Huber ist geschlossen.",
    "Kaufen Sie bei Müller & Söhne.",
    # places, streets, links, hashtags
    "Der Zug nach Sankt Gallen fiel aus.",
    "Ich wohne an der Goethestrasse.",
    "Treffpunkt ist der Paul-Klee-Platz.",
    "Please use Oliver Plunkett Street instead.",
    "My suitcase did not arrive in Austin on May 3.",
    "Internet down since 6am. #Brooklyn",
    "Mein Profil: ricardo.ch/de/shop/fritz1977/",
    # company sign-offs and chat turns
    "Danke\nHelvetel",
    "Sincerely,\nBrightwave Billing Services",
    "Freundliche Grüsse\nFundbüro Luzern",
    "Kantonspolizei Bern\nOrdnungsbussen\n\nDie Busse beträgt CHF 40.\n\nKantonspolizei Bern",
    "Kunde: Mega, danke!",
    "Customer: My order never came.",
    # other labels that stand before a colon
    "IBAN: CH93 0076 2011 6238 5295 7",
    "Xing: https://www.xing.com/profile/example",
]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_it_finds_the_name(text: str, expected: list[str]) -> None:
    assert [span.text for span in find_names(text)] == expected


@pytest.mark.parametrize("text", NOT_FOUND)
def test_it_leaves_words_firms_and_places_alone(text: str) -> None:
    found = [span.text for span in find_names(text)]
    if "Valentina" in text:
        assert found == ["Valentina"]
    else:
        assert found == []


def test_spans_point_at_the_name_without_its_title() -> None:
    text = "Sehr geehrte Frau Dr. Anna Meier-Keller, danke."
    [span] = find_names(text)
    assert (span.text, text[span.start : span.end]) == ("Anna Meier-Keller", "Anna Meier-Keller")


def test_the_language_narrows_the_context_words() -> None:
    text = "Dear Zoltar Quibble, thanks for the call."  # neither word is in the lexicon
    assert [s.text for s in find_names(text, "en")] == ["Zoltar Quibble"]
    assert list(find_names(text, "de")) == []


def test_public_figures_are_persons_too() -> None:
    text = 'Heute kam wieder ein Kettenbrief mit "Bill Gates verschenkt Geld".'
    assert [s.text for s in find_names(text, "de")] == ["Bill Gates"]


def test_english_capitalises_names_mid_sentence_german_capitalises_nouns() -> None:
    # "Mark" is a noun after a German article, a name in English mid-sentence.
    assert list(find_names("Die Mark ist alt.", "de")) == []
    assert [s.text for s in find_names("I called Mark twice.", "en")] == ["Mark"]


def test_a_firm_after_von_is_no_part_of_the_name() -> None:
    text = "Guten Tag, hier ist Valentina von Helvetel."
    assert [s.text for s in find_names(text)] == ["Valentina"]
    assert [s.text for s in find_names("Herr Otto von Arx")] == ["Otto von Arx"]


def test_first_names_are_common_given_names_only() -> None:
    names = first_names()
    assert {"sandra", "peter", "mehmet", "priya"} <= names
    assert not {"will", "hope", "huber", "winter", "team"} & names


@pytest.mark.parametrize("language", ["de", "en", None])
def test_cues_are_tried_wherever_one_can_start(language: str | None) -> None:
    # Long cue patterns are only tried at words that can start them; scanning the whole
    # text must find nothing more.
    from brandwache.privacy.namewords import compiled_cues
    from brandwache.privacy.tests.test_name_cues import whole_alternation

    cues = compiled_cues(language)
    texts = (
        [text for text, _ in FOUND]
        + NOT_FOUND
        + [
            "Ihr Name: Meier, Kontoinhaberin: Petra Muster, Rechnungsinhaber: Hans Huber",
            "Vor- und Nachname: Anna Keller. Ich bin die Lea. Sie chatten jetzt mit Ben.",
            "Thank you, Tom. My husband Richard spoke with your agent: Kim. Account holder: Bo Li",
        ]
    )
    # Each cue as one pattern of all its alternatives: wherever that matches, the bucket
    # of the word there has the cue and matches the same.
    for cue, pattern in whole_alternation(language).items():
        for text in texts:
            for m in pattern.finditer(text):
                bucket = cues.anchored.get(text[m.start() : m.start() + 3].casefold(), ())
                found = [p.match(text, m.start()) for c, p in bucket if c == cue]
                assert m.span() in [f.span() for f in found if f], (m.group(), text)


def test_lower_case_chat_speakers_with_given_names_are_names() -> None:
    text = "jonas: hast du die paketnummer noch?\nmarie: ja\njonas: danke"
    assert [span.text for span in find_names(text)] == ["jonas", "marie", "jonas"]
    # roles are no given names, and one lower-case speaker alone makes no chat
    assert list(find_names("kunde: hallo\nbot: wie kann ich helfen?")) == []
    assert list(find_names("marie: ja klar")) == []


@pytest.mark.parametrize(
    "text",
    [
        "Weather: Storm Darragh And Heavy Rain In Chester.",
        "Complaint about Stanford Building Society and their fees.",
        "Brilliant service from Keane Photography in Dingle.",
        "Sehr geehrter Herr DI Mayr,",
        "Kestrel Mobile\nP.O. Box 4400\nDallas, TX 75201",
    ],
)
def test_storms_societies_studios_titles_and_boxes_are_no_names(text: str) -> None:
    assert "Darragh" not in [s.text for s in find_names(text)]
    assert all(
        s.text not in ("Stanford", "Keane", "DI", "P.O. Box", "Box") for s in find_names(text)
    )
