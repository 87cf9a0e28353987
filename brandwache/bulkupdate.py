"""Saving the same fields of many rows in one round of UPDATEs.

Django's `bulk_update` writes one `CASE WHEN id = … THEN …` per field, and building
those expressions costs far more than the database does with them: for a few hundred
rows of ten fields it took most of a listening batch. Here each row is one plain
`UPDATE … WHERE id = %s`, all sent with `executemany`, values prepared by the fields
themselves (JSON, dates, foreign keys as on `save`).
"""

from __future__ import annotations

from collections.abc import Sequence

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
