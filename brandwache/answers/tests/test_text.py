"""Spelling variants fold to one form; compounds split into known words; language guessed."""

from __future__ import annotations

from brandwache.answers.text import CompoundSplitter, fold, guess_language, words


def test_swiss_and_german_spelling_and_transliterated_umlauts_fold_to_one_form():
    assert fold("Grüße") == fold("Grüsse") == fold("Gruesse") == "gruesse"
    assert fold("Verspätung") == fold("VERSPAETUNG") == "verspaetung"
    assert fold("Café") == "cafe"


def test_words_are_lemmatised_and_stop_words_dropped():
    assert words("Die Verspätungen der Züge", "de") == ["verspaetung", "zug"]
    assert words("The trains were cancelled", "en")[0] == "train"


def test_placeholders_are_not_words():
    assert words("{salutation} danke für die Rückmeldung", "de") == ["rueckmeldung"]


def test_a_compound_splits_into_known_words_with_a_linking_s():
    splitter = CompoundSplitter(["velo", "tag", "karte", "gepaeck", "schein"])
    assert splitter.split("velotageskarte") == ("velo", "tag", "karte")
    assert splitter.split("gepaeckscheins") == ("gepaeck", "schein")


def test_a_word_of_unknown_parts_is_no_compound():
    splitter = CompoundSplitter(["velo", "karte"])
    assert splitter.split("verspaetung") == ()
    assert splitter.split("velo") == ()  # short words are never split


def test_the_language_is_guessed_from_function_words():
    assert guess_language("Ich habe mein Billett verloren, bitte helfen Sie mir.") == "de"
    assert guess_language("I lost my ticket on the train, please help.") == "en"
    assert guess_language("Grüezi, mis Velo isch weg") == "de"
