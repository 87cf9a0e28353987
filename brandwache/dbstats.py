"""Query-planner statistics, so the inbox's indexes are chosen well.

PostgreSQL's autovacuum keeps them current by itself. SQLite has none until
ANALYZE runs; without them it picks a poor index for the inbox (tens of
milliseconds instead of one with 100,000 cases).
"""

from __future__ import annotations

from django.db import connection


def refresh_statistics() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # A bounded sample per index keeps this fast on a large file.
            cursor.execute("PRAGMA analysis_limit=1000")
        cursor.execute("ANALYZE")
