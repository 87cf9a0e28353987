"""Repairs of stored data, written for data migrations (`migrations.RunPython`).

Each takes the migration's app registry, so it works on the models as they were at
that point of the migration history, and can be called again without harm.
"""

from __future__ import annotations

from django.apps.registry import Apps
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from brandwache.intake.subjects import needs_normalising, normalise_subject


def put_subjects_on_one_line(
    apps: Apps, schema_editor: BaseDatabaseSchemaEditor | None = None
) -> int:
    """Cases and messages stored with a line break or control character in their subject
    (before subjects were normalised on intake) get it on one line, so their replies can
    be sent. Returns how many rows were changed."""
    alias = schema_editor.connection.alias if schema_editor is not None else "default"
    changed = 0
    for name in ("Case", "Message"):
        model = apps.get_model("cases", name)
        rows = model.objects.using(alias).values_list("pk", "subject").iterator(chunk_size=2000)
        broken = [(pk, subject) for pk, subject in rows if needs_normalising(subject)]
        for pk, subject in broken:
            one_line = normalise_subject(subject)[:300]
            changed += model.objects.using(alias).filter(pk=pk).update(subject=one_line)
    return changed
