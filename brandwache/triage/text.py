"""Text normalisation shared by training and prediction, so both see the same tokens.

German, Swiss and Austrian spellings meet in one form: `ß` becomes `ss` (as in Switzerland),
umlauts become `ae`/`oe`/`ue` (as typed on keyboards without them), everything is lower case.
Addresses, handles and digits turn into placeholders that carry their role but not their value.
"""

from __future__ import annotations

import re
import unicodedata

# Bumped whenever the output changes: a model stores the version it was trained with.
NORMALISER_VERSION = 1

URL = re.compile(r"(?i)\b(?:https?://|www\.)\S+")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
MENTION = re.compile(r"(?<![\w@])@(\w{1,30})")
DIGIT = re.compile(r"\d")
# Three or more of the same letter ("soooo") count as three, so the shouted forms share n-grams.
REPEAT = re.compile(r"(\w)\1{3,}")
SPACE = re.compile(r"\s+")
UMLAUTS = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss"}

# Word tokens: words, hashtags, "!" and "?", and emoji (tone); other punctuation only adds noise
# to the bigrams (5-fold cross-validation on GermEval dev).
TOKEN_PATTERN = r"#?\w+|[!?]|[\u2600-\u27bf\U0001f300-\U0001faff]"  # noqa: S105 (not a password)


def normalise(text: str) -> str:
    """The form every classifier sees: placeholders, folded spelling, single spaces."""
    text = unicodedata.normalize("NFC", text)
    text = URL.sub(" _url_ ", text)
    if "@" in text:  # addresses and handles have one; the patterns are slow to rule out
        text = EMAIL.sub(" _email_ ", text)
        # The handle stays next to its placeholder: whom a post addresses matters for relevance.
        text = MENTION.sub(lambda match: f" _user_ {match.group(1)} ", text)
    text = replace_letters(text.lower(), UMLAUTS)
    text = DIGIT.sub("0", text)
    text = REPEAT.sub(r"\1\1\1", text)
    return SPACE.sub(" ", text).strip()


def replace_letters(text: str, replacements: dict[str, str]) -> str:
    """Each letter replaced by its spelling; one `str.replace` per letter is twenty times as
    fast as `str.translate` with a table that maps letters to strings."""
    for letter, spelling in replacements.items():
        text = text.replace(letter, spelling)
    return text


def join_subject(text: str, subject: str = "") -> str:
    """Subject and body as one text, the way stored messages are analysed and corrected."""
    return "\n".join(part for part in (subject, text) if part)
