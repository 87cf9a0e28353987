"""Find personal data in German or English text and mask it.

`anonymise` is one-way (typed placeholders such as `<E-MAIL>`) and is what anything public
gets. `pseudonymise` numbers every distinct value (`<NAME-1>`) and returns the mapping, so
an internal view can show the original again with `reidentify`.
"""

from __future__ import annotations

import hashlib
import hmac
import re

from .names import find_names
from .patterns import RECOGNISERS
from .spans import LABELS, Span, resolve_overlaps

__all__ = ["Pseudonyms", "Span", "anonymise", "find_personal_data", "pseudonymise", "reidentify"]


def find_personal_data(text: str, language: str | None = None) -> list[Span]:
    """All personal data in `text`, in order, without overlaps.

    `language` ("de" or "en") narrows the context words used for names; None uses both,
    which suits mixed mail threads.
    """
    candidates = [span for recognise in RECOGNISERS for span in recognise(text)]
    candidates.extend(find_names(text, language))
    return resolve_overlaps(candidates)


def _replace(text: str, spans: list[Span], replacement: list[str]) -> str:
    parts: list[str] = []
    cursor = 0
    for span, new in zip(spans, replacement, strict=True):
        parts += [text[cursor : span.start], new]
        cursor = span.end
    parts.append(text[cursor:])
    return "".join(parts)


def anonymise(text: str, language: str | None = None) -> str:
    spans = find_personal_data(text, language)
    return _replace(text, spans, [f"<{LABELS[s.kind]}>" for s in spans])


class Pseudonyms(dict[str, str]):
    """Pseudonym -> original value, plus a keyed fingerprint per pseudonym.

    The fingerprints (HMAC of the normalised value) let two texts be linked to the same
    person without keeping the value itself; without the key they reveal nothing.
    """

    def __init__(self) -> None:
        super().__init__()
        self.fingerprints: dict[str, str] = {}


def _normalised(value: str) -> str:
    return re.sub(r"[\s\-./()]", "", value).casefold()


def pseudonymise(
    text: str, key: str | bytes, language: str | None = None
) -> tuple[str, Pseudonyms]:
    secret = key.encode() if isinstance(key, str) else key
    spans = find_personal_data(text, language)
    mapping = Pseudonyms()
    by_value: dict[tuple[str, str], str] = {}
    counters: dict[str, int] = {}
    replacements: list[str] = []
    for span in spans:
        label = LABELS[span.kind]
        # Keyed by the exact text so reidentify restores each spelling; the fingerprint
        # (over the normalised value) still links "044 123 45 67" and "0441234567".
        value_key = (label, span.text)
        pseudonym = by_value.get(value_key)
        if pseudonym is None:
            # Skip numbers whose token already stands in the text, so reidentify can't
            # mistake the writer's own "<NAME-1>" for one of ours.
            number = counters.get(label, 0) + 1
            while f"<{label}-{number}>" in text:
                number += 1
            counters[label] = number
            pseudonym = f"<{label}-{number}>"
            by_value[value_key] = pseudonym
            mapping[pseudonym] = span.text
            normalised = _normalised(span.text)
            digest = hmac.new(secret, f"{label}:{normalised}".encode(), hashlib.sha256)
            mapping.fingerprints[pseudonym] = digest.hexdigest()
        replacements.append(pseudonym)
    return _replace(text, spans, replacements), mapping


def reidentify(text: str, mapping: dict[str, str]) -> str:
    if not mapping:
        return text
    pattern = re.compile("|".join(re.escape(p) for p in sorted(mapping, key=len, reverse=True)))
    return pattern.sub(lambda m: mapping[m.group()], text)
