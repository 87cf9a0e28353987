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


def rotate_links_shown_to_form_senders(
    apps: Apps, schema_editor: BaseDatabaseSchemaEditor | None = None
) -> int:
    """Web-form submissions used to join a case named in their subject, and their receipt
    page showed that case's status link to whoever filled in the form. Every case that a
    submission joined gets a new status link (the customer gets it with the next mail).
    Returns how many cases got one."""
    import secrets

    from django.db.models import Min

    alias = schema_editor.connection.alias if schema_editor is not None else "default"
    message_model = apps.get_model("cases", "Message")
    case_model = apps.get_model("cases", "Case")
    messages = message_model.objects.using(alias)
    form_messages = messages.filter(channel="webform", direction="in")
    case_ids = form_messages.values("case_id")
    first = dict(
        messages.filter(case_id__in=case_ids)
        .values("case_id")
        .annotate(first=Min("id"))
        .values_list("case_id", "first")
    )
    joined = {
        case_id
        for pk, case_id in form_messages.values_list("pk", "case_id").iterator(chunk_size=2000)
        if first.get(case_id) != pk
    }
    for case_id in joined:
        case_model.objects.using(alias).filter(pk=case_id).update(
            status_token=secrets.token_urlsafe(24)
        )
    return len(joined)
