import pytest
from django.db import connection

from brandwache.dbstats import refresh_statistics
from brandwache.intake.pipeline import ingest


@pytest.mark.django_db
def test_the_planner_has_statistics_on_cases_after_a_refresh():
    ingest("phone", b'{"phone": "+41 44 123 45 67", "text": "Anruf wegen Rechnung"}')
    refresh_statistics()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'cases_case'")
        else:
            cursor.execute("SELECT count(*) FROM pg_stats WHERE tablename = 'cases_case'")
        assert cursor.fetchone()[0] > 0
