"""Brandwache's recognisers, run directly, and the same recognisers inside Presidio.

`find_candidates` runs every recogniser on a text and returns all their finds; this is
what `masking.py` uses. `analyzer()` is Presidio's `AnalyzerEngine` with the same
recognisers (`NoOpNlpEngine`, no model, nothing downloaded) for anyone who wants Presidio's
API or to combine ours with other Presidio recognisers; the tests hold both to the same
finds. The direct call spares what Presidio adds per text without a language model (NLP
artefacts, result objects, score thresholds, explanations): with it a tweet took about
twice as long.

Presidio's own e-mail, IBAN, phone and German plate recognisers were measured on the
labelled sentences and left out: they miss "name(at)example.ch", IBANs in lower case and
Swiss plates, and the phone one found look-alikes; for customer numbers, addresses, birth
dates and names Presidio has nothing that works without a language model. Cards keep
Presidio's Luhn check (`patterns.find_card_numbers`) with our pattern, which also knows
the 2-series Mastercard numbers.
"""

from __future__ import annotations

from collections.abc import Iterator
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

from .names import find_names
from .patterns import RECOGNISERS, Recogniser
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


def _name_finder(language: str) -> Recogniser:
    context_language = None if language == UNDETERMINED else language

    def find_person_names(text: str) -> Iterator[Span]:
        return find_names(text, context_language)

    return find_person_names


@cache
def finders(language: str) -> tuple[tuple[Kind, Recogniser], ...]:
    """Every recogniser for one of `LANGUAGES`: the structured ones and names."""
    return (*RECOGNISERS, (Kind.NAME, _name_finder(language)))


def find_candidates(text: str, language: str) -> list[Span]:
    """All finds of all recognisers, overlapping; one inside a longer find of its own kind
    is dropped, as Presidio's analyzer does."""
    found = {
        (span.start, span.end, span.kind) for _, find in finders(language) for span in find(text)
    }
    candidates: list[Span] = []
    reach: dict[Kind, int] = {}
    # By start, longer first: a find is inside an earlier one of its kind when that one
    # reaches at least as far.
    for start, end, kind in sorted(found, key=lambda f: (f[0], -f[1])):
        if reach.get(kind, -1) >= end:
            continue
        reach[kind] = end
        candidates.append(Span(start, end, kind, text[start:end]))
    return candidates


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


def presidio_language(language: str | None) -> str:
    return language if language in LANGUAGES else UNDETERMINED
