"""Brandwache's recognisers inside Presidio's `AnalyzerEngine`.

`analyzer()` is for anyone who wants Presidio's API or to combine our recognisers with
other Presidio recognisers: `NoOpNlpEngine`, no model, nothing downloaded. It finds what
`engine.find_candidates` finds (the tests hold both to it); masking itself calls the
recognisers directly and never imports Presidio.
"""

from __future__ import annotations

from functools import cache

from presidio_analyzer import (
    AnalyzerEngine,
    EntityRecognizer,
    LocalRecognizer,
    RecognizerRegistry,
    RecognizerResult,
)
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts, NoOpNlpEngine

from .engine import LANGUAGES, finders
from .patterns import Recogniser
from .spans import Kind

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


@cache
def analyzer() -> AnalyzerEngine:
    """Presidio's analyzer with our recognisers; finds what `find_candidates` finds."""
    registry = RecognizerRegistry(supported_languages=list(LANGUAGES))
    for language in LANGUAGES:
        for kind, find in finders(language):
            registry.add_recognizer(SpanRecognizer(kind, find, language))
    nlp_engine = NoOpNlpEngine(
        models=[{"lang_code": language, "model_name": "no_op"} for language in LANGUAGES]
    )
    return AnalyzerEngine(
        nlp_engine=nlp_engine,
        registry=registry,
        supported_languages=list(LANGUAGES),
        context_aware_enhancer=ContextInPatterns(),
    )
