"""Find personal data in German or English text and mask it.

`anonymise` is one-way (typed placeholders such as `<E-MAIL>`) and is what anything public
gets. `pseudonymise` numbers every distinct value (`<NAME-1>`) and returns the mapping, so
an internal view can show the original again with `reidentify`. Presidio does the work
(see `engine.py`): its analyzer runs our recognisers, its anonymizer replaces the finds.
"""

from __future__ import annotations

import hashlib
import hmac
import re

from presidio_analyzer import RecognizerResult
from presidio_anonymizer.entities import OperatorConfig

from .engine import analyzer, anonymizer, presidio_language
from .spans import LABELS, Kind, Span, resolve_overlaps

__all__ = ["Pseudonyms", "Span", "anonymise", "find_personal_data", "pseudonymise", "reidentify"]


def find_personal_data(text: str, language: str | None = None) -> list[Span]:
    """All personal data in `text`, in order, without overlaps.

    `language` ("de" or "en") narrows the context words used for names; None uses both,
    which suits mixed mail threads.
    """
    results = analyzer().analyze(text, language=presidio_language(language))
    candidates = [Span(r.start, r.end, Kind(r.entity_type), text[r.start : r.end]) for r in results]
    return resolve_overlaps(candidates)


def _replace(text: str, spans: list[Span], operators: dict[str, OperatorConfig]) -> str:
    # The spans no longer overlap, so Presidio's own conflict rules have nothing to do; it
    # must not merge neighbouring finds either, or a pseudonym would stand for two values.
    found = [RecognizerResult(s.kind.value, s.start, s.end, 1.0) for s in spans]
    return anonymizer().anonymize(text, found, operators, merge_entities_with_spaces=False).text


def anonymise(text: str, language: str | None = None) -> str:
    operators = {
        kind.value: OperatorConfig("replace", {"new_value": f"<{label}>"})
        for kind, label in LABELS.items()
    }
    return _replace(text, find_personal_data(text, language), operators)


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
    operators = {
        kind.value: OperatorConfig(
            "custom", {"lambda": lambda value, label=label: by_value[(label, value)]}
        )
        for kind, label in LABELS.items()
    }
    return _replace(text, spans, operators), mapping


def reidentify(text: str, mapping: dict[str, str]) -> str:
    if not mapping:
        return text
    pattern = re.compile("|".join(re.escape(p) for p in sorted(mapping, key=len, reverse=True)))
    return pattern.sub(lambda m: mapping[m.group()], text)
