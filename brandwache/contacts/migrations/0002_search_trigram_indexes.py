"""Trigram indexes for the inbox search on PostgreSQL (see brandwache/trigram.py)."""

from django.db import migrations

from brandwache.trigram import trigram_indexes


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0001_initial"),
    ]

    operations = [
        trigram_indexes(
            "contacts",
            [
                ("contact_name_trgm", "Contact", "display_name"),
                ("identity_value_trgm", "Identity", "value"),
                ("identity_label_trgm", "Identity", "label"),
            ],
        ),
    ]
