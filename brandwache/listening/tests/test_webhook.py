"""The webhook source: bearer token per source, raw first, idempotent, refusals with reasons."""

from __future__ import annotations

import hashlib
import json
import re
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from brandwache.intake.models import RawMessage
from brandwache.listening import webhook
from brandwache.listening.models import Mention, Post, Source
from brandwache.listening.posts import store_raw

pytestmark = pytest.mark.django_db

POSTS = [
    {
        "id": "w1",
        "source": "shop-reviews",
        "url": "https://reviews.example/kaufhafen/1",
        "author": "@tomsample",
        "created_at": "2026-03-02T08:15:00+01:00",
        "lang": "de",
        "text": "Kaufhafen hat mein Paket seit drei Wochen nicht geliefert. Eine Frechheit.",
        "in_reply_to": None,
    },
    {
        "id": "w2",
        "source": "shop-reviews",
        "url": "https://reviews.example/kaufhafen/2",
        "author": "Frau Muster",
        "created_at": "2026-03-02T09:00:00+01:00",
        "lang": "de",
        "text": "Bei mir dasselbe, immer noch nichts da.",
        "in_reply_to": "w1",
    },
]


def issue(name: str = "reviews-hook") -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("listen", "token", name, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def hook() -> tuple[Source, str]:
    out, _err = issue()
    return Source.objects.get(name="reviews-hook"), out.strip()


def send(source: Source, body: Any, token: str | None, client: Client | None = None) -> Any:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return (client or Client()).post(
        reverse("listening:webhook", args=[source.pk]),
        data=raw,
        content_type="application/json",
        headers=headers,
    )


def test_posts_are_stored_raw_then_processed_into_posts_and_mentions(hook, kaufhafen):
    source, token = hook
    response = send(source, POSTS, token)
    assert response.status_code == 202
    assert response.json() == {"stored": 2, "duplicates": 0}
    raws = RawMessage.objects.filter(channel="webhook")
    assert sorted(raws.values_list("status", flat=True)) == ["processed", "processed"]
    assert json.loads(bytes(raws.get(external_id=f"{source.pk}:w1").payload)) == POSTS[0]
    assert Post.objects.get(external_id="w2").in_reply_to == "w1"
    labels = dict(Mention.objects.values_list("post__external_id", "label"))
    assert labels == {"w1": "implicit_complaint", "w2": "implicit_complaint"}


def test_a_single_post_object_is_taken_too(hook, kaufhafen):
    source, token = hook
    response = send(source, POSTS[0], token)
    assert (response.status_code, response.json()) == (202, {"stored": 1, "duplicates": 0})
    assert list(Post.objects.values_list("external_id", flat=True)) == ["w1"]


def test_sending_the_same_posts_again_stores_nothing_new(hook, kaufhafen):
    source, token = hook
    send(source, POSTS, token)
    again = send(source, [*POSTS, POSTS[0]], token)
    assert (again.status_code, again.json()) == (202, {"stored": 0, "duplicates": 3})
    assert Post.objects.count() == 2
    assert RawMessage.objects.filter(channel="webhook").count() == 2
    assert Mention.objects.count() == 2


@pytest.mark.parametrize("token", [None, "", "wrong-token"])
def test_a_missing_or_wrong_token_is_refused_with_401(hook, token):
    source, _token = hook
    response = send(source, POSTS, token)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert not RawMessage.objects.exists()


def test_a_token_opens_only_its_own_source_and_unknown_ids_look_the_same(hook):
    source, _token = hook
    other_out, _err = issue("forum-hook")
    response = send(source, POSTS, other_out.strip())
    assert response.status_code == 401
    missing = Source(pk=source.pk + 1000)
    assert send(missing, POSTS, other_out.strip()).status_code == 401


def test_a_source_of_another_kind_has_no_webhook(hook):
    source, token = hook
    Source.objects.filter(pk=source.pk).update(kind=Source.Kind.JSONL)
    assert send(source, POSTS, token).status_code == 401


def test_the_webhook_needs_no_csrf_token_and_only_takes_post(hook, kaufhafen):
    source, token = hook
    strict = Client(enforce_csrf_checks=True)
    assert send(source, POSTS[:1], token, client=strict).status_code == 202
    url = reverse("listening:webhook", args=[source.pk])
    assert strict.get(url, headers={"Authorization": f"Bearer {token}"}).status_code == 405


def test_a_bad_item_refuses_the_body_names_the_item_and_keeps_the_body(hook, kaufhafen):
    source, token = hook
    body = json.dumps([POSTS[0], {"id": "w9", "text": "  "}, "just text"]).encode()
    response = send(source, body, token)
    assert response.status_code == 400
    answer = response.json()
    assert "item 1 (id 'w9'): The post has no text." in answer["error"]
    assert "item 2: a post must be a JSON object" in answer["error"]
    assert [item["index"] for item in answer["items"]] == [1, 2]
    assert not Post.objects.exists()
    kept = RawMessage.objects.get(channel="webhook")
    assert bytes(kept.payload) == body
    assert kept.status == "failed"
    assert "item 1 (id 'w9')" in kept.error
    assert kept.metadata["webhook_body"] is True


def test_a_body_that_is_not_json_is_kept_once_and_refused(hook):
    source, token = hook
    for _attempt in range(2):
        response = send(source, b"id=w1&text=Kaufhafen", token)
        assert response.status_code == 400
        assert response.json()["error"].startswith("The body is not JSON")
    kept = RawMessage.objects.get(channel="webhook")
    assert (kept.status, kept.attempts) == ("failed", 2)


def test_bad_timestamps_and_missing_ids_are_named(hook):
    source, token = hook
    body = [{"id": "w5", "text": "Kaufhafen", "created_at": "2026-03-02T08:15:00"}, {"text": "x"}]
    answer = send(source, body, token).json()
    offset = "created_at '2026-03-02T08:15:00' has no UTC offset."
    assert f"item 0 (id 'w5'): {offset}" in answer["error"]
    assert "item 1: a post needs an 'id'" in answer["error"]


def test_reprocessing_failed_items_leaves_a_refused_body_alone(hook):
    source, token = hook
    send(source, {"text": "Kaufhafen ohne id"}, token)
    out = StringIO()
    call_command("listen", "--reprocess-failed", stdout=out)
    assert out.getvalue() == "reprocessed: posts=0 mentions=0 cases=0 failed=0\n"
    assert RawMessage.objects.get(channel="webhook").attempts == 1


def test_reprocessing_takes_a_webhook_item_that_failed_after_it_was_stored(hook, kaufhafen):
    source, _token = hook
    ((raw, _created),) = store_raw(source, [("w1", json.dumps(POSTS[0]).encode(), {})])
    RawMessage.objects.filter(pk=raw.pk).update(status="failed", error="matching broke")
    out = StringIO()
    call_command("listen", "--reprocess-failed", stdout=out)
    assert out.getvalue() == "reprocessed: posts=1 mentions=1 cases=1 failed=0\n"


def test_a_body_over_the_limit_is_refused_with_413(hook, monkeypatch):
    source, token = hook
    monkeypatch.setattr(webhook, "MAX_BODY_BYTES", 200)
    response = send(source, POSTS, token)
    assert response.status_code == 413
    assert not RawMessage.objects.exists()
    assert send(source, {"id": "w3", "text": "kurz"}, token).status_code == 202


def test_requests_over_the_sources_rate_limit_get_429(hook, kaufhafen):
    source, token = hook
    Source.objects.filter(pk=source.pk).update(
        settings={**source.settings, "requests_per_minute": 2}
    )
    codes = [send(source, {"id": f"r{n}", "text": "Gutes Wetter."}, token) for n in range(3)]
    assert [response.status_code for response in codes] == [202, 202, 429]
    assert Post.objects.count() == 2


def test_rotating_the_token_invalidates_the_old_one(hook, kaufhafen):
    source, old = hook
    assert send(source, POSTS[:1], old).status_code == 202
    new, _err = issue()
    assert new.strip() != old
    assert send(source, POSTS[1:], old).status_code == 401
    assert send(source, POSTS[1:], new.strip()).status_code == 202


def test_the_token_command_prints_only_the_token_and_stores_only_its_hash():
    out, err = issue("new-hook")
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}\n", out)
    token = out.strip()
    source = Source.objects.get(name="new-hook")
    assert source.kind == Source.Kind.WEBHOOK
    assert source.settings == {"token_sha256": hashlib.sha256(token.encode()).hexdigest()}
    assert token not in json.dumps(source.settings)
    assert f"/listening/webhook/{source.pk}/" in err


def test_the_token_command_refuses_a_source_of_another_kind():
    Source.objects.create(name="forum", kind=Source.Kind.FEED, url="https://forum.example/feed")
    with pytest.raises(CommandError, match="feed source, not webhook"):
        issue("forum")
    assert Source.objects.get(name="forum").settings == {}
