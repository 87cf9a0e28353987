"""Reposts and near-duplicates point at the first post and make no second mention or case."""

from __future__ import annotations

import json

import pytest

from brandwache.listening.duplicates import jaccard, shingles
from brandwache.listening.jsonl import import_lines
from brandwache.listening.models import Mention, Post, Source, Thread
from brandwache.organisations.models import Organisation

pytestmark = pytest.mark.django_db
ORIGINAL = (
    "Kaufhafen hat meine Rückerstattung seit drei Wochen nicht bezahlt und antwortet auf "
    "keine einzige Mail, eine echte Frechheit."
)


@pytest.fixture
def source() -> Source:
    Organisation.objects.create(slug="kaufhafen", name="Kaufhafen", handles=["@kaufhafen"])
    return Source.objects.create(name="social", kind=Source.Kind.JSONL)


def load(source: Source, *posts: tuple[str, str, str]) -> None:
    lines = [
        json.dumps({"id": post_id, "text": text, "created_at": when, "author": f"@{post_id}"})
        for post_id, text, when in posts
    ]
    import_lines(source, lines)


def test_a_retweet_of_a_known_post_points_at_it_and_makes_no_mention(source):
    load(source, ("p1", ORIGINAL, "2026-03-02T08:00:00+01:00"))
    load(source, ("p2", f"RT @p1: {ORIGINAL}", "2026-03-02T09:00:00+01:00"))
    first, repost = Post.objects.get(external_id="p1"), Post.objects.get(external_id="p2")
    assert repost.duplicate_of == first and first.duplicate_of is None
    assert Mention.objects.filter(post=first).count() == 1
    assert not Mention.objects.filter(post=repost).exists()


def test_a_near_duplicate_in_the_same_batch_is_collapsed_and_counted_once(source):
    copy = "Leute, " + ORIGINAL.replace("Frechheit.", "Frechheit!!") + " #kaufhafen"
    assert jaccard(shingles(ORIGINAL), shingles(copy)) >= 0.8
    load(
        source,
        ("p1", ORIGINAL, "2026-03-02T08:00:00+01:00"),
        ("p2", copy, "2026-03-02T08:30:00+01:00"),
        (
            "p3",
            "Kaufhafen liefert bei mir immer pünktlich, alles bestens.",
            "2026-03-02T08:40:00+01:00",
        ),
    )
    assert Post.objects.get(external_id="p2").duplicate_of == Post.objects.get(external_id="p1")
    assert Post.objects.get(external_id="p3").duplicate_of is None
    assert Mention.objects.count() == 2
    assert sum(Thread.objects.values_list("size", flat=True)) == 2


def test_a_copy_from_more_than_seven_days_later_is_a_post_of_its_own(source):
    load(source, ("p1", ORIGINAL, "2026-03-02T08:00:00+01:00"))
    load(source, ("p2", ORIGINAL, "2026-03-12T08:00:00+01:00"))
    assert Post.objects.get(external_id="p2").duplicate_of is None
    assert Mention.objects.count() == 2


def test_a_short_reply_said_twice_is_two_voices_but_a_retweet_of_it_is_a_copy(source):
    load(
        source,
        ("p1", "Kaufhafen, echt jetzt?", "2026-03-02T08:00:00+01:00"),
        ("p2", "Kaufhafen, echt jetzt?", "2026-03-02T08:05:00+01:00"),
        ("p3", "RT @p1: Kaufhafen, echt jetzt?", "2026-03-02T08:06:00+01:00"),
    )
    duplicates = dict(Post.objects.values_list("external_id", "duplicate_of__external_id"))
    assert duplicates == {"p1": None, "p2": None, "p3": "p1"}
