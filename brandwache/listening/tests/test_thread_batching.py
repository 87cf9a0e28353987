"""Threads placed for a whole batch at once: the same as one post at a time, few queries."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from brandwache.intake.models import RawMessage
from brandwache.listening.models import Post, Source, Thread
from brandwache.listening.threads import track

pytestmark = pytest.mark.django_db
START = datetime.fromisoformat("2026-03-02T08:00:00+01:00")


@pytest.fixture
def source() -> Source:
    return Source.objects.create(name="forum", kind=Source.Kind.JSONL)


def stored(
    source: Source, post_id: str, minutes: int, *, reply_to: str = "", url: str = "", **extra
) -> Post:
    raw = RawMessage.objects.create(
        channel="jsonl", external_id=f"{source.pk}:{post_id}", payload=b"{}", size=2
    )
    return Post.objects.create(
        source=source,
        external_id=post_id,
        raw=raw,
        url=url or f"https://social.example/@person{post_id}/{post_id}",
        author=f"@person{post_id}",
        created_at=START + timedelta(minutes=minutes),
        text=f"Kaufhafen antwortet nicht, Beitrag {post_id}.",
        in_reply_to=reply_to,
        **extra,
    )


def mixed_batch(source: Source) -> list[Post]:
    """Roots, chains, a forum topic, a reply before its root, a copy, a self-reply."""
    early = stored(source, "early", 0, reply_to="late-root")
    track([early])  # waits under the id of its root
    batch = [
        stored(source, "root", 1),
        stored(source, "r1", 2, reply_to="root"),
        stored(source, "r2", 3, reply_to="r1"),
        stored(source, "r3", 4, reply_to="r2"),
        stored(source, "topic-a", 5, url="https://forum.example/t/paket/77/1"),
        stored(source, "topic-b", 6, url="https://forum.example/t/paket/77/2"),
        stored(source, "late-root", 7),
        stored(source, "to-ghost", 8, reply_to="ghost"),
        stored(source, "self", 9, reply_to="self"),
    ]
    batch.append(stored(source, "copy", 10, reply_to="r3", duplicate_of=batch[1]))
    batch.insert(0, stored(source, "r0", 11, reply_to="r3"))  # out of order on purpose
    return batch


def placement(source: Source) -> list[tuple[object, ...]]:
    return sorted(
        (post.external_id, post.thread.key, post.thread.size, post.thread.risk)
        for post in Post.objects.filter(source=source).select_related("thread")
    )


def test_a_batch_lands_on_the_same_threads_as_one_post_at_a_time(source):
    track(mixed_batch(source))
    batched = placement(source)
    threads = set(Thread.objects.values_list("key", "size"))

    Thread.objects.all().delete()
    Post.objects.all().delete()
    RawMessage.objects.all().delete()
    for post in sorted(mixed_batch(source), key=lambda post: (post.created_at, post.pk)):
        track([post])
    assert placement(source) == batched
    assert set(Thread.objects.values_list("key", "size")) == threads
    late_root = "url:https://social.example/@personlate-root/late-root"
    assert (late_root, 2) in threads  # the early reply was adopted by its root
    assert not any(key == "id:late-root" for key, _size in threads)
    assert ("url:https://forum.example/t/paket/77", 2) in threads
    assert ("url:https://social.example/@personroot/root", 5) in threads  # the copy not counted
    assert {("id:ghost", 1), ("id:self", 1)} <= threads


def test_placing_a_batch_takes_a_few_queries_however_many_posts_it_has(
    source, django_assert_max_num_queries
):
    batch = []
    for number in range(60):
        batch.append(stored(source, f"p{number}", number))
        batch += [stored(source, f"p{number}-{n}", number, reply_to=f"p{number}") for n in (1, 2)]
    with django_assert_max_num_queries(12):
        track(batch)
    assert Thread.objects.count() == 60
    assert set(Thread.objects.values_list("size", flat=True)) == {3}


def test_a_loop_of_replies_is_placed_one_post_at_a_time_without_an_error(source):
    loop = [stored(source, "a", 0, reply_to="b"), stored(source, "b", 1, reply_to="a")]
    assert track(loop) == 0
    thread = Thread.objects.get()
    assert thread.size == 2 and thread.key in {"id:a", "id:b"}
    assert set(thread.posts.values_list("external_id", flat=True)) == {"a", "b"}
