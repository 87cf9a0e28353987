"""Writing many rows of one model in one round of plain statements.

Django's `bulk_update` writes one `CASE WHEN id = … THEN …` per field, and building
those expressions costs far more than the database does with them: for a few hundred
rows of ten fields it took most of a listening batch. `bulk_create` builds a model
instance per row, which for small rows written by the ten thousand (duplicate keys)
costs more than the insert. Here each row is one plain `UPDATE … WHERE id = %s` or
`INSERT`, all sent with `executemany`, values prepared by the fields themselves (JSON,
dates, foreign keys as on `save`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connections, models, router


def update_fields(rows: Sequence[models.Model], field_names: Sequence[str]) -> None:
    """Write `field_names` of every row (all of one model) as they are in memory."""
    if not rows:
        return
    model = type(rows[0])
    meta = model._meta
    fields = [meta.get_field(name) for name in field_names]
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)  # type: ignore[union-attr]
    sql = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {quote(meta.pk.column)} = %s"  # noqa: S608 (names from the model)
    values = [
        [
            field.get_db_prep_save(getattr(row, field.attname), connection)  # type: ignore[union-attr]
            for field in fields
        ]
        + [row.pk]
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, values)


def insert_rows(
    model: type[models.Model], field_names: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    """Insert rows given as values in the order of `field_names` (attribute names, e.g.
    `post_id`); the primary key comes from the database."""
    meta = model._meta
    fields = [next(f for f in meta.concrete_fields if f.attname == name) for name in field_names]
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608 (names from the model)
    values = [
        [
            field.get_db_prep_save(value, connection)
            for field, value in zip(fields, row, strict=True)
        ]
        for row in rows
    ]
    if values:
        with connection.cursor() as cursor:
            cursor.executemany(sql, values)
