"""Which language a message is in: German, English, French or Italian, else "und" (undetermined).

lingua compares the text with the four languages only (the ones Swiss, German and Austrian
customers write in), so it is fast and does not guess exotic languages for short posts.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from .text import EMAIL, MENTION, URL
from .values import Label

if TYPE_CHECKING:
    from lingua import LanguageDetector

UNDETERMINED = "und"
LANGUAGES = ("de", "en", "fr", "it")
# Below this probability the best guess is not worth showing.
MIN_CONFIDENCE = 0.5
# Fewer letters than this say too little ("ok", "?!", a lone emoji).
MIN_LETTERS = 4
# The start of a long message tells its language as well as the whole, and costs far less.
PREFIX_CHARS = 400
LETTER = re.compile(r"[^\W\d_]")


@lru_cache(maxsize=1)
def detector() -> LanguageDetector:
    """Built once per process: loading the four language models takes a moment."""
    from lingua import Language, LanguageDetectorBuilder

    languages = (Language.GERMAN, Language.ENGLISH, Language.FRENCH, Language.ITALIAN)
    return (
        LanguageDetectorBuilder.from_languages(*languages).with_preloaded_language_models().build()
    )


def _clean(text: str) -> str:
    """Addresses and handles are not words of any language."""
    text = URL.sub(" ", text[: PREFIX_CHARS * 2])
    text = EMAIL.sub(" ", text)
    return MENTION.sub(" ", text)[:PREFIX_CHARS]


def detect_language(text: str) -> Label:
    """The language code with its probability, or "und" when the text is too short or unclear."""
    cleaned = _clean(text)
    if len(LETTER.findall(cleaned)) < MIN_LETTERS:
        return Label(UNDETERMINED, 0.0)
    values = detector().compute_language_confidence_values(cleaned)
    if not values:
        return Label(UNDETERMINED, 0.0)
    best = values[0]
    confidence = round(float(best.value), 4)
    if confidence < MIN_CONFIDENCE:
        return Label(UNDETERMINED, confidence)
    return Label(best.language.iso_code_639_1.name.lower(), confidence)
