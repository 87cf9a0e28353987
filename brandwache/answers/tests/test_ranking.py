"""The ranking on its own: spelling variants, typos, compounds, language, feedback."""

from __future__ import annotations

import pytest

from brandwache.answers.ranking import Feedback, Index, Item

ITEMS = [
    Item(
        "article:delay",
        "Entschädigung bei Verspätung",
        "Ab 60 Minuten Verspätung erstatten wir 25 % des Fahrpreises.",
        "de",
    ),
    Item(
        "article:luggage",
        "Gepäckservice",
        "Ihr Gepäckschein zeigt den Stand der Sendung. Koffer verloren? Wir haften.",
        "de",
    ),
    Item(
        "article:bike",
        "Velo im Zug",
        "Für Ihr Velo brauchen Sie eine Velo-Tageskarte und im Sommer eine Reservation.",
        "de",
    ),
    Item(
        "article:greeting",
        "Grüße vom Kundendienst",
        "Wir danken Ihnen für Ihre freundlichen Grüße und Ihr Lob.",
        "de",
    ),
    Item(
        "article:delay-en",
        "Compensation for delays",
        "From 60 minutes of delay we refund 25 % of the fare.",
        "en",
    ),
    Item(
        "module:thanks",
        "Dank",
        "{salutation}\n\nherzlichen Dank für Ihre Nachricht.\n\n{agent_name}",
        "de",
    ),
]


@pytest.fixture(scope="module")
def index() -> Index:
    return Index(ITEMS)


def top(index: Index, text: str, **kwargs: object) -> str:
    return index.search(text, **kwargs)[0].item.key  # type: ignore[arg-type]


def test_the_best_item_comes_first_with_a_score(index):
    results = index.search("Mein Zug hatte 90 Minuten Verspätung, bekomme ich Geld zurück?")
    assert results[0].item.key == "article:delay"
    assert [r.rank for r in results] == [1, 2, 3]
    assert results[0].score > results[1].score >= results[2].score


def test_transliterated_umlauts_find_the_same_article(index):
    assert top(index, "Verspaetung von ueber einer Stunde, Entschaedigung?") == "article:delay"


def test_swiss_spelling_finds_the_german_spelling(index):
    assert top(index, "Freundliche Grüsse und ein Lob an Ihr Team") == "article:greeting"


def test_a_typo_still_finds_the_article(index):
    assert top(index, "Verspätnug mit dem Zg, Entschädigugn bitte") == "article:delay"


def test_a_part_of_a_compound_finds_the_compound(index):
    # "Schein" alone occurs only inside "Gepäckschein".
    assert top(index, "Wo steht die Nummer auf dem Schein?") == "article:luggage"


def test_a_compound_of_known_words_finds_its_parts(index):
    assert top(index, "Brauche ich eine Velotageskarte?") == "article:bike"


def test_the_language_of_the_message_is_preferred(index):
    assert top(index, "The train had a delay of 60 minutes, refund please") == "article:delay-en"
    german = index.search("Verspätung 60 Minuten", limit=6)
    assert german[0].item.key == "article:delay"


def test_an_empty_knowledge_base_suggests_nothing():
    assert Index([]).search("Verspätung") == []


def test_nothing_is_suggested_below_the_minimum(index):
    assert index.search("xyzzy plugh", minimum=0.1) == []


def test_a_recorded_choice_lifts_its_item_for_similar_messages(index):
    message = "Wie lange dauert das noch mit meinem Anliegen, ich warte seit Tagen?"
    before = [s.item.key for s in index.search(message, limit=6)]
    assert before[0] != "module:thanks"
    feedback = Feedback.from_texts(
        index, [("Ich warte seit Tagen auf mein Anliegen, wie lange dauert das?", "module:thanks")]
    )
    after = index.search(message, feedback=feedback)
    assert after[0].item.key == "module:thanks"


def test_a_choice_for_a_different_message_changes_nothing(index):
    message = "Brauche ich eine Reservation für das Velo?"
    feedback = Feedback.from_texts(index, [("Lost property: my wallet is gone", "module:thanks")])
    assert [s.item.key for s in index.search(message, feedback=feedback)] == [
        s.item.key for s in index.search(message)
    ]


def test_a_choice_of_an_item_that_is_gone_is_ignored(index):
    feedback = Feedback.from_texts(index, [("Velo im Zug", "article:deleted")])
    assert top(index, "Velo im Zug", feedback=feedback) == "article:bike"
