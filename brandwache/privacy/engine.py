"""Brandwache's recognisers, run directly.

`find_candidates` runs every recogniser on a text and returns all their finds; this is
what `masking.py` uses. `presidio_adapter.analyzer()` puts the same recognisers inside
Presidio's `AnalyzerEngine` for anyone who wants Presidio's API or to combine ours with
other Presidio recognisers; the tests hold both to the same finds. The direct call spares
what Presidio adds per text without a language model (NLP artefacts, result objects, score
thresholds, explanations): with it a tweet took about twice as long. Presidio is imported
only by that module, so masking does not pay its start-up (about a second).

Presidio's own e-mail, IBAN, phone and German plate recognisers were measured on the
labelled sentences and left out: they miss "name(at)example.ch", IBANs in lower case and
Swiss plates, and the phone one found look-alikes; for customer numbers, addresses, birth
dates and names Presidio has nothing that works without a language model. Its card
recogniser's Luhn check is the one of `banking.find_cards`, whose pattern also knows the
2-series Mastercard numbers.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from .names import find_names
from .patterns import RECOGNISERS, Recogniser
from .spans import Kind, Span

# "und" (undetermined) is for mixed or unknown text: names are then looked for with the
# German and the English context words together.
LANGUAGES = ("de", "en", "und")
UNDETERMINED = "und"


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


def presidio_language(language: str | None) -> str:
    return language if language in LANGUAGES else UNDETERMINED
