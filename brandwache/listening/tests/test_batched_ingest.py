"""The batched recording gives what one post at a time gives, and keeps its guarantees."""

from __future__ import annotations

import json

import pytest

from brandwache.cases.models import Case
from brandwache.intake.models import RawMessage
from brandwache.listening import posts as posts_module
from brandwache.listening import recording
from brandwache.listening.jsonl import import_lines
from brandwache.listening.models import ListeningQuery, Mention, Post, Source, Thread
from brandwache.organisations.models import Organisation

pytestmark = pytest.mark.django_db

AT = "2026-03-02T08:{:02d}:00+01:00"
LINES = [
    {"id": "m1", "author": "@tomsample", "text": "Kaufhafen hat mein Paket seit drei Wochen "
     "nicht geliefert, keine Antwort. Eine Frechheit.", "lang": "de"},
    {"id": "m2", "author": "Frau Muster", "text": "Kenne ich, immer noch nichts.",
     "in_reply_to": "m1", "lang": "de"},
    {"id": "m3", "author": "@beispiel", "text": "RT @tomsample: Kaufhafen hat mein Paket seit "
     "drei Wochen nicht geliefert, keine Antwort. Eine Frechheit.", "lang": "de"},
    {"id": "m4", "author": "@sample2", "text": "@alpenbahn the train was cancelled again, "
     "no announcement, absolutely useless", "lang": "en"},
    {"id": "m5", "author": "@sample3", "text": "Alpenbahn: heute alles pünktlich, danke!",
     "lang": "de"},
    {"id": "m6", "author": "@sample4", "text": "Schönes Wetter am See heute.", "lang": "de"},
    {"id": "m7", "author": "@tomsample", "text": "Kaufhafen, die Rechnung ist doppelt abgebucht "
     "worden und niemand meldet sich.", "lang": "de"},
]  # fmt: skip


@pytest.fixture
def organisations() -> None:
    Organisation.objects.create(slug="kaufhafen", name="Kaufhafen", handles=["@kaufhafen"])
    alpenbahn = Organisation.objects.create(
        slug="alpenbahn", name="Alpenbahn", handles=["@alpenbahn"]
    )
    ListeningQuery.objects.create(organisation=alpenbahn, name="all", query="Alpenbahn")


def lines() -> list[str]:
    return [
        json.dumps({**line, "created_at": AT.format(index)}) for index, line in enumerate(LINES)
    ]


def recorded(source: Source) -> list[tuple[object, ...]]:
    rows = []
    for post in Post.objects.filter(source=source).order_by("external_id"):
        original = post.duplicate_of.external_id if post.duplicate_of else None
        mentions = sorted(
            (
                mention.organisation.slug,
                mention.label,
                mention.sentiment,
                mention.case_id is not None,
            )
            for mention in post.mentions.all()
        )
        rows.append((post.external_id, original, post.thread is not None, mentions))
    return rows


def test_a_batch_records_the_same_posts_mentions_and_cases_as_one_post_at_a_time(
    organisations, monkeypatch
):
    source = Source.objects.create(name="posts", kind=Source.Kind.JSONL)
    first = import_lines(source, lines()).outcome
    batched = recorded(source)
    # Forget everything (copies are looked up across sources) and record one at a time.
    Post.objects.all().delete()
    Thread.objects.all().delete()
    Case.objects.all().delete()
    RawMessage.objects.all().delete()
    monkeypatch.setattr(posts_module, "record_batch", lambda *args: None)
    second = import_lines(source, lines()).outcome
    assert (first.posts, first.mentions, first.cases) == (
        second.posts,
        second.mentions,
        second.cases,
    )
    assert first.cases >= 2 and first.mentions >= 4
    assert batched == recorded(source)
    assert any(row[1] == "m1" for row in batched)  # the repost is collapsed


def test_importing_the_same_lines_again_stores_and_records_nothing_new(organisations):
    source = Source.objects.create(name="again", kind=Source.Kind.JSONL)
    import_lines(source, lines())
    before = (RawMessage.objects.count(), Post.objects.count(), Mention.objects.count())
    cases = Case.objects.count()
    again = import_lines(source, lines()).outcome
    assert (again.posts, again.mentions, again.cases, again.failed) == (0, 0, 0, 0)
    assert (RawMessage.objects.count(), Post.objects.count(), Mention.objects.count()) == before
    assert Case.objects.count() == cases


def test_a_post_that_fails_in_a_batch_marks_only_its_own_raw_message_failed(
    organisations, monkeypatch
):
    original = recording._attach_case

    def broken(source, raw, post, mentions):
        if post.external_id == "m4":
            raise RuntimeError("case store unavailable")
        return original(source, raw, post, mentions)

    monkeypatch.setattr(recording, "_attach_case", broken)
    source = Source.objects.create(name="failing", kind=Source.Kind.JSONL)
    outcome = import_lines(source, lines()).outcome
    assert outcome.failed == 1 and outcome.posts == len(LINES) - 1
    statuses = dict(RawMessage.objects.values_list("external_id", "status"))
    assert statuses.pop(f"{source.pk}:m4") == "failed"
    assert set(statuses.values()) == {"processed"}
    assert not Post.objects.filter(external_id="m4").exists()
