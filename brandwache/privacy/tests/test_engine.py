"""Our recognisers, run directly and inside Presidio's analyzer, offline: the same finds."""

from __future__ import annotations

from pathlib import Path

import pytest
from presidio_analyzer import Pattern, RecognizerResult
from presidio_analyzer.nlp_engine import NoOpNlpEngine
from presidio_analyzer.predefined_recognizers import CreditCardRecognizer
from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import OperatorConfig

from brandwache.privacy.banking import CARD, find_cards
from brandwache.privacy.engine import LANGUAGES, presidio_language
from brandwache.privacy.evaluation import load_examples
from brandwache.privacy.masking import anonymise, find_personal_data, pseudonymise, reidentify
from brandwache.privacy.presidio_adapter import analyzer
from brandwache.privacy.spans import LABELS, Kind, Span, resolve_overlaps


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


def _through_presidio(text: str, language: str | None) -> tuple[list[Span], str]:
    """Finds and masked text the way Presidio's analyzer and anonymizer produce them."""
    results = analyzer().analyze(text, language=presidio_language(language))
    spans = resolve_overlaps(
        [Span(r.start, r.end, Kind(r.entity_type), text[r.start : r.end]) for r in results]
    )
    found = [RecognizerResult(s.kind.value, s.start, s.end, 1.0) for s in spans]
    operators = {
        kind.value: OperatorConfig("replace", {"new_value": f"<{label}>"})
        for kind, label in LABELS.items()
    }
    masked = AnonymizerEngine().anonymize(text, found, operators, merge_entities_with_spaces=False)
    return spans, masked.text


@pytest.mark.parametrize(
    "name", ["pii_sentences.jsonl", "pii_texts_tuning.jsonl", "pii_texts_tuning_b.jsonl"]
)
def test_the_direct_path_finds_and_masks_what_presidio_does(name: str) -> None:
    examples = load_examples(Path(__file__).parent / name)
    differing = [
        example.text
        for example in examples
        for language in (example.language, None)
        if (find_personal_data(example.text, language), anonymise(example.text, language))
        != _through_presidio(example.text, language)
    ]
    assert differing == []


@pytest.mark.parametrize(
    "text",
    [
        "Karte 2221 0000 0000 0009, nicht 2221 0000 0000 0008",
        "card 4111-1111-1111-1111 exp 09/27",
        "Referenz 6666666666666 und 5555555555555555",
        "Tel. 4471 2233 4455 6, Betrag 3.4111111111111111",
    ],
)
def test_cards_are_what_presidios_card_recogniser_finds_with_our_pattern(text: str) -> None:
    presidio = CreditCardRecognizer(
        patterns=[Pattern("card number", CARD.pattern, 1.0)],
        context=[],
        supported_language="de",
        supported_entity=Kind.CARD.value,
    )
    expected = [(r.start, r.end) for r in presidio.analyze(text, [Kind.CARD.value]) if r.score]
    assert [(s.start, s.end) for s in find_cards(text)] == sorted(expected)
