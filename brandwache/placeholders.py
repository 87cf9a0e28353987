"""Texts with `{name}` placeholders that staff write and customers read.

Templates are written by administrators, so they are treated as untrusted:
a placeholder is a plain name from a list the caller hands in, nothing more.
`str.format` is never called; attribute and index access (`{x.__class__}`,
`{x[0]}`), positional fields (`{}`, `{0}`), conversions (`{x!r}`) and format
specifications (`{x:>999999}`) are refused, so a template can neither read
Python objects nor make the output huge. `{{` and `}}` write literal braces.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

_PARSER = string.Formatter()


class PlaceholderError(ValueError):
    """A template that cannot be rendered; the message says what to change."""

    def __init__(self, message: str, *, unknown: Iterable[str] = ()) -> None:
        super().__init__(message)
        self.unknown = tuple(unknown)


@dataclass(frozen=True)
class _Piece:
    literal: str
    name: str | None


def _braced(names: Iterable[str]) -> str:
    return ", ".join(f"{{{name}}}" for name in names)


def _pieces(template: str) -> list[_Piece]:
    """Split into literal text and placeholder names; anything but a plain name is refused."""
    try:
        parsed = list(_PARSER.parse(template))
    except ValueError:
        raise PlaceholderError(
            _(
                "The text has a lone “{” or “}”. Placeholders look like {contact_name}; "
                "write {{ or }} for a brace itself."
            )
        ) from None
    pieces = []
    for literal, field, spec, conversion in parsed:
        if field is None:
            pieces.append(_Piece(literal, None))
            continue
        if not field.isidentifier() or spec or conversion:
            shown = (
                "{"
                + field
                + (f"!{conversion}" if conversion else "")
                + (f":{spec}" if spec else "")
                + "}"
            )
            raise PlaceholderError(
                _(
                    "The placeholder %(placeholder)s is not allowed: a placeholder is a plain "
                    "name in braces, such as {contact_name}, without dots, brackets, "
                    "“!” or “:”."
                )
                % {"placeholder": shown[:60]}
            )
        pieces.append(_Piece(literal, field))
    return pieces


def placeholders(template: str) -> list[str]:
    """The names a template uses, in order of first use."""
    names: list[str] = []
    for piece in _pieces(template):
        if piece.name is not None and piece.name not in names:
            names.append(piece.name)
    return names


def validate(template: str, allowed: Iterable[str]) -> None:
    """Raise `PlaceholderError` naming every placeholder that is not in `allowed`."""
    allowed = list(allowed)
    unknown = [name for name in placeholders(template) if name not in allowed]
    if unknown:
        raise PlaceholderError(
            ngettext(
                "Unknown placeholder %(unknown)s. Allowed are: %(allowed)s.",
                "Unknown placeholders %(unknown)s. Allowed are: %(allowed)s.",
                len(unknown),
            )
            % {"unknown": _braced(unknown), "allowed": _braced(allowed)},
            unknown=unknown,
        )


def render(template: str, variables: Mapping[str, str]) -> str:
    """Fill in the placeholders; only the names in `variables` may be used."""
    pieces = _pieces(template)
    validate(template, variables.keys())
    return "".join(
        piece.literal + ("" if piece.name is None else str(variables[piece.name]))
        for piece in pieces
    )
