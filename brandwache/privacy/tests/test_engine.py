"""Personal data is found by Presidio's analyzer running our recognisers, offline."""

from __future__ import annotations

import pytest
from presidio_analyzer.nlp_engine import NoOpNlpEngine

from brandwache.privacy.engine import LANGUAGES, analyzer, presidio_language
from brandwache.privacy.masking import find_personal_data, pseudonymise, reidentify
from brandwache.privacy.spans import Kind


def test_the_engine_loads_no_language_model() -> None:
    assert isinstance(analyzer().nlp_engine, NoOpNlpEngine)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_kind_has_a_recogniser_in_every_language(language: str) -> None:
    assert set(analyzer().get_supported_entities(language)) == {kind.value for kind in Kind}


def test_presidio_results_carry_a_confidence_per_kind() -> None:
    text = "Karte 2221 0000 0000 0009, Herr Keller, IBAN CH93 0076 2011 6238 5295 7"
    results = analyzer().analyze(text, language="de")
    scores = {r.entity_type: r.score for r in results}
    assert scores == {"CARD": 1.0, "IBAN": 1.0, "NAME": 0.7}


def test_cards_need_a_valid_luhn_checksum() -> None:
    # Presidio's Luhn check on our pattern: the 2-series Mastercard range is a card too.
    assert [s.text for s in find_personal_data("Karte 2221 0000 0000 0009")] == [
        "2221 0000 0000 0009"
    ]
    assert find_personal_data("Karte 2221 0000 0000 0008") == []


def test_the_language_chooses_the_context_words_for_names() -> None:
    text = "Dear Zoltar Quibble, thanks for the call."  # not in the name lexicon
    assert [s.text for s in find_personal_data(text, "en")] == ["Zoltar Quibble"]
    assert [s.text for s in find_personal_data(text, None)] == ["Zoltar Quibble"]
    assert find_personal_data(text, "de") == []


@pytest.mark.parametrize(("given", "used"), [("de", "de"), ("en", "en"), (None, "und")])
def test_unknown_languages_use_both_sets_of_context_words(given: str | None, used: str) -> None:
    assert presidio_language(given) == used
    assert presidio_language("fr") == "und"


def test_neighbouring_finds_keep_their_own_pseudonyms() -> None:
    # Presidio's anonymizer would merge two finds of one kind that only a space separates.
    text = "Kopie an a.muster@example.ch b.keller@example.ch"
    masked, mapping = pseudonymise(text, "key")
    assert masked == "Kopie an <E-MAIL-1> <E-MAIL-2>"
    assert reidentify(masked, mapping) == text
