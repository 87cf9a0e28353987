"""Trigram indexes for substring search on PostgreSQL, as migration operations.

Each indexes the expression Django's icontains compares, UPPER(column), so a
search for any part of a word can use it. pg_trgm is a trusted extension
(PostgreSQL 13 and later): the owner of the database may create it. Other
databases skip these operations.

Without fastupdate every insert updates the index at once (a fraction of a
millisecond per message) instead of queueing entries in a pending list that
each search must read until the next vacuum, which made rare searches several
times slower.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations


def trigram_indexes(app_label: str, indexes: list[tuple[str, str, str]]) -> migrations.RunPython:
    """One operation creating (and, backwards, dropping) `(name, model, field)` indexes."""

    def create(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        quote = schema_editor.quote_name
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, model_name, field_name in indexes:
            meta = apps.get_model(app_label, model_name)._meta
            column = meta.get_field(field_name).column
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {quote(name)} ON {quote(meta.db_table)} "
                f"USING gin (UPPER({quote(column)}) gin_trgm_ops) WITH (fastupdate = off)"
            )

    def drop(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        for name, _model_name, _field_name in indexes:
            schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")

    return migrations.RunPython(create, drop)
