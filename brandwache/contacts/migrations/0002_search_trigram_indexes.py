"""Trigram indexes for the inbox search on PostgreSQL; other databases skip this migration.

Each indexes the expression Django's icontains compares, UPPER(column), so a
search for any part of a word can use it. pg_trgm is a trusted extension
(PostgreSQL 13 and later): the owner of the database may create it.

Without fastupdate every insert updates the index at once (a fraction of a
millisecond per message) instead of queueing entries in a pending list that
each search must read until the next vacuum, which made rare searches several
times slower.
"""

from django.db import migrations

INDEXES = [
    ("contact_name_trgm", "Contact", "display_name"),
    ("identity_value_trgm", "Identity", "value"),
    ("identity_label_trgm", "Identity", "label"),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, model_name, field_name in INDEXES:
        meta = apps.get_model("contacts", model_name)._meta
        column = meta.get_field(field_name).column
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {quote(name)} ON {quote(meta.db_table)} "
            f"USING gin (UPPER({quote(column)}) gin_trgm_ops) WITH (fastupdate = off)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _model_name, _field_name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_indexes, drop_indexes),
    ]
