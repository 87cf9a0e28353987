"""Presidio, set up offline with Brandwache's recognisers.

Presidio's analyzer runs the recognisers and its anonymizer replaces what they found. No
NLP model is loaded (`NoOpNlpEngine`): the recognisers work on patterns, checksums and
context words, so nothing is downloaded and a text takes well under a millisecond.

Presidio's own e-mail, IBAN, phone and German plate recognisers were measured on the
labelled sentences and left out: they miss "name(at)example.ch", IBANs in lower case and
Swiss plates, and the phone one found look-alikes; for customer numbers, addresses, birth
dates and names Presidio has nothing that works without a language model. The card
recogniser keeps Presidio's Luhn check with our pattern, which also knows the 2-series
Mastercard numbers.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from presidio_analyzer import (
    AnalyzerEngine,
    EntityRecognizer,
    LocalRecognizer,
    Pattern,
    RecognizerRegistry,
    RecognizerResult,
)
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts, NoOpNlpEngine
from presidio_analyzer.predefined_recognizers import CreditCardRecognizer
from presidio_anonymizer import AnonymizerEngine

from .names import find_names
from .patterns import CARD, RECOGNISERS, Recogniser
from .spans import Kind, Span

# "und" (undetermined) is for mixed or unknown text: names are then looked for with the
# German and the English context words together.
LANGUAGES = ("de", "en", "und")
UNDETERMINED = "und"

# How sure a find is, as Presidio's score: checksums and e-mail syntax are near certain,
# context-bound numbers and names less so.
CONFIDENCE: dict[Kind, float] = {
    Kind.EMAIL: 1.0,
    Kind.PROFILE: 0.95,
    Kind.HANDLE: 0.85,
    Kind.BANK_ACCOUNT: 0.85,
    Kind.IBAN: 1.0,
    Kind.CARD: 1.0,
    Kind.CUSTOMER_NUMBER: 0.85,
    Kind.BIRTH_DATE: 0.85,
    Kind.PLATE: 0.85,
    Kind.ADDRESS: 0.75,
    Kind.PHONE: 0.75,
    Kind.NAME: 0.7,
}


class SpanRecognizer(LocalRecognizer):
    """One of our recogniser functions as a Presidio recogniser for one language."""

    def __init__(self, kind: Kind, find: Recogniser, language: str) -> None:
        self.kind = kind
        self.find = find
        super().__init__(
            supported_entities=[kind.value],
            supported_language=language,
            name=f"brandwache-{kind.value.lower()}-{find.__name__}",
        )

    def load(self) -> None:
        """Nothing to load: the patterns are compiled on import."""

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
    ) -> list[RecognizerResult]:
        score = CONFIDENCE[self.kind]
        return [
            RecognizerResult(span.kind.value, span.start, span.end, score)
            for span in self.find(text)
        ]


class ContextInPatterns(ContextAwareEnhancer):
    """Leaves scores as the recognisers set them.

    Our recognisers check their context words themselves ("Kundennummer", "Herr", "geboren
    am"), and without an NLP model there are no lemmas for Presidio's enhancer to match;
    it would only copy every result.
    """

    def __init__(self) -> None:
        super().__init__(0, 0, 0, 0)

    def enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: list[EntityRecognizer],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        return raw_results


def _name_finder(language: str) -> Recogniser:
    context_language = None if language == UNDETERMINED else language

    def find_person_names(text: str) -> Iterator[Span]:
        return find_names(text, context_language)

    return find_person_names


def recognisers(language: str) -> list[EntityRecognizer]:
    recognisers: list[EntityRecognizer] = [
        SpanRecognizer(kind, find, language) for kind, find in RECOGNISERS
    ]
    recognisers.append(SpanRecognizer(Kind.NAME, _name_finder(language), language))
    recognisers.append(
        CreditCardRecognizer(
            patterns=[Pattern("card number", CARD.pattern, CONFIDENCE[Kind.CARD])],
            context=[],
            supported_language=language,
            supported_entity=Kind.CARD.value,
        )
    )
    return recognisers


@cache
def analyzer() -> AnalyzerEngine:
    registry = RecognizerRegistry(supported_languages=list(LANGUAGES))
    for language in LANGUAGES:
        for recogniser in recognisers(language):
            registry.add_recognizer(recogniser)
    nlp_engine = NoOpNlpEngine(
        models=[{"lang_code": language, "model_name": "no_op"} for language in LANGUAGES]
    )
    return AnalyzerEngine(
        nlp_engine=nlp_engine,
        registry=registry,
        supported_languages=list(LANGUAGES),
        context_aware_enhancer=ContextInPatterns(),
    )


@cache
def anonymizer() -> AnonymizerEngine:
    return AnonymizerEngine()


def presidio_language(language: str | None) -> str:
    return language if language in LANGUAGES else UNDETERMINED
