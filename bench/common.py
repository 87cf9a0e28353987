"""Shared plumbing of the benchmarks: a throw-away Brandwache database, timing, figures."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from time import perf_counter
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(database: str) -> tuple[Path, object | None]:
    """Point Brandwache at a fresh SQLite file or a fresh PostgreSQL server, migrated."""
    var_dir = Path(tempfile.mkdtemp(prefix="brandwache-bench-"))
    (var_dir / "static").mkdir()  # STATIC_ROOT, which whitenoise expects to exist
    os.environ["BRANDWACHE_VAR_DIR"] = str(var_dir)
    os.environ["TASKS_BACKEND"] = "django.tasks.backends.dummy.DummyBackend"
    os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 40)
    server = None
    if database == "postgres":
        from tests.environment import PostgresServer

        server = PostgresServer()
        url = server.start()
        import psycopg

        with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
            conn.execute("CREATE DATABASE brandwache")
        os.environ["DATABASE_URL"] = url
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{var_dir}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "brandwache.settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    return var_dir, server


def teardown(var_dir: Path, server: object | None) -> None:
    """Close the connections, stop the PostgreSQL server if one was started, remove the files."""
    import shutil

    from django.db import connections

    connections.close_all()
    if server is not None:
        server.stop()  # type: ignore[attr-defined]
    shutil.rmtree(var_dir, ignore_errors=True)


def timed(function: Callable[[], object], repeat: int) -> list[float]:
    """Milliseconds of each of `repeat` calls, after one warm-up call."""
    function()
    samples = []
    for _ in range(repeat):
        started = perf_counter()
        function()
        samples.append((perf_counter() - started) * 1000)
    return samples


def summary(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"median {statistics.median(ordered):7.1f} ms   p95 {p95:7.1f} ms"


def presidio_builtin() -> Callable[[str], list[Any]]:
    """Presidio's analyzer offline (no NLP model) with its own pattern recognisers for
    e-mail, IBAN, phone (CH, DE, AT, GB, US, IE), card and URL: the baseline the finders
    are compared with. Returns the analyze function for German text."""
    import logging

    import tldextract

    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)  # one line per text
    # Without this the e-mail recogniser fetches the public suffix list from the network.
    tldextract.extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NoOpNlpEngine
    from presidio_analyzer.predefined_recognizers import (
        CreditCardRecognizer,
        EmailRecognizer,
        IbanRecognizer,
        PhoneRecognizer,
        UrlRecognizer,
    )

    registry = RecognizerRegistry(supported_languages=["de"])
    for recogniser in (
        EmailRecognizer(supported_language="de"),
        IbanRecognizer(supported_language="de"),
        PhoneRecognizer(
            supported_language="de", supported_regions=("CH", "DE", "AT", "GB", "US", "IE")
        ),
        CreditCardRecognizer(supported_language="de"),
        UrlRecognizer(supported_language="de"),
    ):
        registry.add_recognizer(recogniser)
    engine = AnalyzerEngine(
        nlp_engine=NoOpNlpEngine(models=[{"lang_code": "de", "model_name": "no_op"}]),
        registry=registry,
        supported_languages=["de"],
    )
    return lambda text: engine.analyze(text, language="de")
