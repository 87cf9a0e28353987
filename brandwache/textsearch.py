"""Case-insensitive substring search in every alphabet on SQLite, as on PostgreSQL.

SQLite's LIKE and lower() know the case of ASCII letters only, so Django's
`icontains` found "Zürich" for "zürich" but not for "ZÜRICH". On SQLite,
`icontains` on text fields (the inbox search, contact look-ups, the admin's
search boxes) therefore compares Unicode case folds (`str.casefold`: "ZÜRICH"
finds "Zürich", "STRASSE" finds "Straße") with a Python function registered on
every SQLite connection. PostgreSQL keeps Django's `UPPER(…) LIKE UPPER(…)`,
which its trigram indexes serve (brandwache/trigram.py).

A Python call per row costs several times a LIKE in C, so LIKE comes first:
it looks for the longest stretch of the term that no other spelling can
produce (ASCII, except the letters that case folding makes out of other
characters: ß → ss, ﬁ → fi, K (Kelvin) → k, …). Any text that matches
contains that stretch, in ASCII upper or lower case, so LIKE only discards
rows that cannot match, and Python decides the rest. A term made of such
letters only is decided by LIKE alone, as before.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.lookups import IContains
from django.db.models.sql.compiler import SQLCompiler

FUNCTION = "brandwache_folded_contains"
# Every ASCII character that `str.casefold` produces from a non-ASCII one (computed over all
# of Unicode in the tests): in folded text they may stand for a character LIKE cannot see.
FOLDED_FROM_OTHERS = frozenset("afhijklnstwy")
_ANCHOR_BREAK = re.compile(f"[^\\x00-\\x7f]|[{''.join(sorted(FOLDED_FROM_OTHERS))}]")


def folded_contains(text: str | None, folded_term: str | None) -> bool | None:
    """SQL: does the text contain the (already case-folded) term, in any case? NULL stays NULL."""
    if text is None or folded_term is None:
        return None
    return folded_term in text.casefold()


def anchor(folded_term: str) -> str:
    """The longest stretch of the folded term that appears as such, up to ASCII case, in a match."""
    return max(_ANCHOR_BREAK.split(folded_term), key=len)


def register_functions(sender: object, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """`connection_created` receiver: the fold function on every new SQLite connection."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(FUNCTION, 2, folded_contains, deterministic=True)


class FoldedIContains(IContains):
    """`icontains` that folds the case of every alphabet on SQLite; Django's own elsewhere."""

    def as_sqlite(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper) -> Any:
        if not self.rhs_is_direct_value() or self.rhs is None:
            return self.as_sql(compiler, connection)
        lhs_sql, lhs_params = self.process_lhs(compiler, connection)
        folded = str(self.rhs).casefold()
        found = anchor(folded)
        like = f"{lhs_sql} LIKE %s ESCAPE '\\'"
        pattern = f"%{connection.ops.prep_for_like_query(found)}%"
        if found == folded:
            return like, [*lhs_params, pattern]
        fold = f"{FUNCTION}({lhs_sql}, %s)"
        if not found:
            return fold, [*lhs_params, folded]
        return f"({like} AND {fold})", [*lhs_params, pattern, *lhs_params, folded]


def install() -> None:
    """Use the folding `icontains` for every text field (called once at start)."""
    models.CharField.register_lookup(FoldedIContains)
    models.TextField.register_lookup(FoldedIContains)
