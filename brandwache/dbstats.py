"""Query-planner statistics, so the inbox's indexes are chosen well.

PostgreSQL's autovacuum keeps them current by itself. SQLite has none until
ANALYZE runs; without them it picks a poor index for the inbox (tens of
milliseconds instead of one with 100,000 cases).
"""

from __future__ import annotations

from django.db import connection


def refresh_statistics() -> None:
    # A full ANALYZE of 100,000 cases takes well under a second; a sampled one
    # (analysis_limit) misjudges the foreign keys and leads to a full sort.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
