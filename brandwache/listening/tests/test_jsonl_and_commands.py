"""`listen import` and `listen --once`: the same raw-first path, stable summary lines."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from brandwache.cases.models import Case
from brandwache.intake.models import RawMessage
from brandwache.listening.models import Mention, Post, Source
from brandwache.listening.organisations import from_model
from brandwache.listening.tests.feedserver import Entry, serve_feed

pytestmark = pytest.mark.django_db

LINES = [
    {
        "id": "p1",
        "source": "forum",
        "url": "https://forum.example/t/1",
        "author": "@tomsample",
        "created_at": "2026-03-02T08:15:00+01:00",
        "lang": "de",
        "text": "Kaufhafen hat mein Paket seit drei Wochen nicht geliefert, keine Antwort. "
        "Eine Frechheit.",
        "in_reply_to": None,
    },
    {
        "id": "p2",
        "source": "forum",
        "url": "https://forum.example/t/1#2",
        "author": "Frau Muster",
        "created_at": "2026-03-02T09:00:00+01:00",
        "lang": "de",
        "text": "Kenne ich, bei mir genau dasselbe, immer noch nichts.",
        "in_reply_to": "p1",
    },
    {"id": "p3", "text": "Gutes Wetter heute.", "lang": "de"},
]


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("listen", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_jsonl_import_goes_raw_first_and_a_reply_joins_the_thread_case(tmp_path, kaufhafen):
    path = tmp_path / "posts.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in LINES) + "\n", encoding="utf-8")
    out, _err = run("import", str(path), "--source", "forum-import")
    assert out == "forum-import: posts=3 mentions=2 cases=1 failed=0\n"
    assert RawMessage.objects.filter(channel="jsonl", status="processed").count() == 3
    assert Source.objects.get(name="forum-import").kind == "jsonl"
    labels = dict(Mention.objects.values_list("post__external_id", "label"))
    assert labels == {"p1": "implicit_complaint", "p2": "implicit_complaint"}
    assert Case.objects.count() == 1
    assert set(Mention.objects.values_list("case", flat=True)) == {Case.objects.get().pk}
    assert Post.objects.get(external_id="p2").in_reply_to == "p1"
    out, _err = run("import", str(path), "--source", "forum-import")
    assert out == "forum-import: posts=0 mentions=0 cases=0 failed=0\n"


def test_bad_lines_are_reported_by_number_and_the_rest_stored(tmp_path, kaufhafen):
    path = tmp_path / "posts.jsonl"
    path.write_text('{"id": "x1", "text": "Kaufhafen"}\nnot json\n{"text": "no id"}\n')
    with pytest.raises(CommandError, match="2 bad line"):
        run("import", str(path), "--source", "import")
    assert Post.objects.count() == 1


def test_listen_once_prints_one_line_per_polled_source(kaufhafen):
    with serve_feed() as feed:
        feed.entries = [Entry("urn:1", "Kaufhafen", "Kaufhafen hat geliefert, alles gut.")]
        Source.objects.create(name="blog", kind="feed", url=feed.url)
        out, _err = run("--once")
        assert out == "blog: posts=1 mentions=1 cases=0 failed=0 ok\nspikes: 0 new alerts\n"
        assert run("--once")[0] == "spikes: 0 new alerts\n"  # not due again yet
        feed.status = 503
        Source.objects.update(next_poll_at=None)
        out, _err = run("--once")
    assert out == (
        "blog: posts=0 mentions=0 cases=0 failed=0 error HTTP 503 Service Unavailable\n"
        "spikes: 0 new alerts\n"
    )


def test_reprocess_failed_retries_the_failed_posts(tmp_path, kaufhafen):
    path = tmp_path / "posts.jsonl"
    path.write_text('{"id": "x1", "text": "Kaufhafen", "created_at": "gestern"}\n')
    run("import", str(path), "--source", "import")
    raw = RawMessage.objects.get()
    assert raw.status == "failed" and "ISO 8601" in raw.error
    out, _err = run("--reprocess-failed")
    assert out == "reprocessed: posts=0 mentions=0 cases=0 failed=1\n"
    assert RawMessage.objects.get().attempts == 2


def test_a_stored_organisation_becomes_the_profile_classify_matches(kaufhafen):
    kaufhafen.aliases = ["Kauf-Hafen", " "]
    profile = from_model(kaufhafen)
    assert (profile.slug, profile.aliases, profile.handles) == (
        "kaufhafen",
        ("Kauf-Hafen",),
        ("@kaufhafen",),
    )
