"""Find personal data in German or English text and mask it.

`anonymise` is one-way (typed placeholders such as `<E-MAIL>`) and is what anything public
gets. `pseudonymise` numbers every distinct value (`<NAME-1>`) and returns the mapping, so
an internal view can show the original again with `reidentify`. The recognisers run
directly (`engine.find_candidates`; Presidio's analyzer with the same recognisers finds the
same), and the finds, which no longer overlap, are replaced here.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Callable

from .engine import find_candidates, presidio_language
from .spans import LABELS, Span, resolve_overlaps

__all__ = ["Pseudonyms", "Span", "anonymise", "find_personal_data", "pseudonymise", "reidentify"]


def find_personal_data(text: str, language: str | None = None) -> list[Span]:
    """All personal data in `text`, in order, without overlaps.

    `language` ("de" or "en") narrows the context words used for names; None uses both,
    which suits mixed mail threads.
    """
    return resolve_overlaps(find_candidates(text, presidio_language(language)))


def _replace(text: str, spans: list[Span], replacement: Callable[[Span], str]) -> str:
    # The spans are in order and no longer overlap; each is replaced on its own, so two
    # neighbouring finds of one kind keep two placeholders (and two pseudonyms).
    pieces: list[str] = []
    done = 0
    for span in spans:
        pieces += (text[done : span.start], replacement(span))
        done = span.end
    pieces.append(text[done:])
    return "".join(pieces)


_PLACEHOLDERS = {kind: f"<{label}>" for kind, label in LABELS.items()}


def anonymise(text: str, language: str | None = None) -> str:
    return _replace(text, find_personal_data(text, language), lambda s: _PLACEHOLDERS[s.kind])


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
    return _replace(text, spans, lambda s: by_value[(LABELS[s.kind], s.text)]), mapping


def reidentify(text: str, mapping: dict[str, str]) -> str:
    if not mapping:
        return text
    pattern = re.compile("|".join(re.escape(p) for p in sorted(mapping, key=len, reverse=True)))
    return pattern.sub(lambda m: mapping[m.group()], text)
