"""What the recogniser tests compare: the structured finds in a text, names left out."""

from __future__ import annotations

from brandwache.privacy.masking import find_personal_data
from brandwache.privacy.spans import Kind


def structured(text: str) -> list[tuple[Kind, str]]:
    """(kind, text) of every find except person names, which have their own tests."""
    return [(s.kind, s.text) for s in find_personal_data(text) if s.kind != Kind.NAME]
