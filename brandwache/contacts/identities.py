"""Normalisation of identity values, so one person written two ways matches once."""

from __future__ import annotations

import re

from brandwache.contacts.models import Identity

_SPACES = re.compile(r"\s+")


def normalise_identity(kind: str, value: str) -> str:
    value = value.strip()
    if kind == Identity.Kind.EMAIL:
        return value.lower()
    if kind == Identity.Kind.PHONE:
        digits = re.sub(r"[^\d+]", "", value)
        if digits.startswith("00"):
            digits = "+" + digits[2:]
        return digits
    if kind == Identity.Kind.SOCIAL:
        return value.lower().lstrip("@")
    return _SPACES.sub(" ", value).lower()
