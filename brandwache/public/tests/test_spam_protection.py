from __future__ import annotations

import logging
import threading
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.db import connection, connections

from brandwache.cases.models import Case
from brandwache.intake.models import RawMessage
from brandwache.public import ratelimit

pytestmark = pytest.mark.django_db


def test_a_filled_spam_trap_looks_like_success_but_stores_nothing(submit, client, caplog):
    with caplog.at_level(logging.WARNING, logger="brandwache.public.ratelimit"):
        response = submit(website="https://cheap-pills.example")
    assert response.status_code == 302
    assert "Vielen Dank" in client.get(response.headers["Location"]).content.decode()
    assert RawMessage.objects.count() == 0
    assert Case.objects.count() == 0
    assert "spam trap hit from 203.0.113.7 (1 recently)" in caplog.text


def test_the_spam_trap_is_hidden_from_people(client):
    page = client.get("/beschwerde/").content.decode()
    trap = page[page.index('<div class="trap"') :]
    trap = trap[: trap.index("</div>")]
    assert 'aria-hidden="true"' in trap
    assert 'name="website"' in trap and 'tabindex="-1"' in trap


def test_one_address_may_send_only_the_configured_number_of_complaints(submit, settings):
    settings.BRANDWACHE_WEBFORM_RATE_LIMIT = 2
    settings.BRANDWACHE_WEBFORM_RATE_WINDOW_SECONDS = 600
    assert submit().status_code == 302
    assert submit().status_code == 302
    refused = submit(text="Und noch etwas, das mich ärgert.")
    assert refused.status_code == 429
    page = refused.content.decode()
    assert "Bitte warten Sie 10 Minuten" in page
    assert "Und noch etwas, das mich ärgert." in page  # nothing typed is lost
    assert RawMessage.objects.count() == 2
    assert submit(ip="198.51.100.20").status_code == 302


def test_invalid_forms_and_double_submits_do_not_use_up_the_limit(submit, settings):
    settings.BRANDWACHE_WEBFORM_RATE_LIMIT = 1
    submit(email="")
    first = submit(submission_id="0b9e62a7-4a43-4d4c-8f1e-6fd1f5a1b0c2")
    again = submit(submission_id="0b9e62a7-4a43-4d4c-8f1e-6fd1f5a1b0c2")
    assert first.status_code == again.status_code == 302
    assert submit().status_code == 429


def test_the_limit_frees_up_when_the_window_has_passed(settings):
    settings.BRANDWACHE_WEBFORM_RATE_LIMIT = 1
    settings.BRANDWACHE_WEBFORM_RATE_WINDOW_SECONDS = 60
    assert ratelimit.allow_submission("192.0.2.1", now=1000.0)
    assert not ratelimit.allow_submission("192.0.2.1", now=1059.0)
    assert ratelimit.allow_submission("192.0.2.1", now=1061.0)


def test_addresses_of_one_ipv6_network_share_a_limit(settings):
    settings.BRANDWACHE_WEBFORM_RATE_LIMIT = 1
    assert ratelimit.allow_submission("2001:db8:1:2::1")
    assert not ratelimit.allow_submission("2001:db8:1:2:ffff::9")
    assert ratelimit.allow_submission("2001:db8:1:3::1")


def test_the_migration_creates_the_cache_table_the_limit_counts_in():
    migration = __import__(
        "brandwache.public.migrations.0001_cache_table", fromlist=["create_cache_table"]
    )
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE brandwache_cache")
    assert "brandwache_cache" not in connection.introspection.table_names()
    # The migration runs it with the schema editor of the database being migrated.
    migration.create_cache_table(django_apps, SimpleNamespace(connection=connection))
    assert "brandwache_cache" in connection.introspection.table_names()


def _shared_cache_memory_db() -> bool:
    # SQLite's in-memory test database locks whole tables and never waits for a lock.
    return connection.vendor == "sqlite" and connection.is_in_memory_db()


@pytest.mark.django_db(transaction=True)
def test_thirty_submissions_at_once_let_exactly_the_limit_through(settings):
    """Each thread has its own database connection, like concurrent web requests."""
    if _shared_cache_memory_db():
        pytest.skip("needs a database file or PostgreSQL")
    settings.BRANDWACHE_WEBFORM_RATE_LIMIT = 5
    start = threading.Barrier(30)
    results: list[bool] = []
    errors: list[BaseException] = []

    def request() -> None:
        try:
            start.wait(timeout=30)
            results.append(ratelimit.allow_submission("203.0.113.9"))
        except BaseException as error:  # reported in the test's own thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=request) for _ in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert results.count(True) == 5 and results.count(False) == 25
