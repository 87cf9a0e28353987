"""Trigram indexes for the inbox search on PostgreSQL (see brandwache/trigram.py)."""

from django.db import migrations

from brandwache.trigram import trigram_indexes


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0006_inbox_indexes"),
    ]

    operations = [
        trigram_indexes(
            "cases",
            [
                ("message_text_trgm", "Message", "text"),
                ("case_subject_trgm", "Case", "subject"),
                ("case_reference_trgm", "Case", "reference"),
            ],
        ),
    ]
