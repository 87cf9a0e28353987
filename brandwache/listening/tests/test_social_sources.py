"""Mastodon and Bluesky end to end: recorded answers replayed over HTTP to the real client
libraries, stored raw, turned into posts, mentions and cases."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from brandwache.intake.models import RawMessage
from brandwache.listening.feeds import poll_due
from brandwache.listening.models import Mention, Post, Source
from brandwache.listening.tests.socialserver import SocialServer, serve_social
from brandwache.organisations.models import Organisation

pytestmark = pytest.mark.django_db

ORIGINAL = "https://bahn.example/users/muster/statuses/113400000000000100"
SKY_COMPLAINT = "at://did:plc:testmusterfrau00000000001/app.bsky.feed.post/3lbtest4711aa"
SKY_REPLY = "at://did:plc:testtomsample000000000001/app.bsky.feed.post/3lbtest4712bb"


@pytest.fixture
def alpenbahn() -> Organisation:
    return Organisation.objects.create(
        slug="alpenbahn",
        name="Alpenbahn",
        handles=["@alpenbahn", "alpenbahn.bsky.social"],
        domains=["alpenbahn.ch"],
    )


@pytest.fixture
def server() -> SocialServer:
    with serve_social() as social:
        yield social


@pytest.fixture
def mastodon(server: SocialServer) -> Source:
    settings = {"instance": server.url, "hashtags": ["alpenbahn"], "search": ["Alpenbahn"]}
    return Source.objects.create(name="mastodon", kind=Source.Kind.MASTODON, settings=settings)


@pytest.fixture
def bluesky(server: SocialServer) -> Source:
    settings = {"service": server.url, "search": ["alpenbahn"]}
    return Source.objects.create(name="bluesky", kind=Source.Kind.BLUESKY, settings=settings)


def test_mastodon_statuses_become_posts_mentions_and_a_case(mastodon, alpenbahn):
    [result] = poll_due()
    assert not result.error
    assert (result.outcome.posts, result.outcome.mentions, result.outcome.cases) == (2, 2, 1)
    mention = Mention.objects.get(post__external_id=ORIGINAL)
    assert (mention.label, mention.explicit, mention.sentiment) == (
        "explicit_complaint",
        True,
        "negative",
    )
    assert mention.case is not None
    post = mention.post
    assert post.author == "muster@bahn.example" and post.lang == "de"
    assert post.url == "https://bahn.example/@muster/113400000000000100"
    assert post.reach == {"followers": 230, "replies": 2, "reblogs": 3, "favourites": 7}
    assert RawMessage.objects.filter(channel="mastodon", status="processed").count() == 2


def test_mastodon_html_is_sanitised_to_plain_text(mastodon, alpenbahn):
    poll_due()
    text = Post.objects.get(external_id=ORIGINAL).text
    assert text.startswith("@alpenbahn der Zug ist schon wieder 40 Minuten zu spät")
    assert "Durchsage & Anschluss" in text and "Ticket TEST-4711" in text
    assert "<" not in text and "alert" not in text and "steal" not in text


def test_a_reblog_is_collapsed_onto_the_original(mastodon, alpenbahn):
    poll_due()
    # The timeline holds the original and a reblog of it: one raw item, one post.
    assert Post.objects.filter(source=mastodon, external_id=ORIGINAL).count() == 1
    assert not Post.objects.filter(external_id__contains="reto_beispiel").exists()
    assert RawMessage.objects.filter(channel="mastodon").count() == 2  # original + search hit


def test_a_second_mastodon_poll_asks_after_the_cursor_and_makes_nothing_new(
    server, mastodon, alpenbahn
):
    poll_due()
    mastodon.refresh_from_db()
    assert json.loads(mastodon.cursor) == {
        "search:Alpenbahn": "113400000000000300",
        "tag:alpenbahn": "113400000000000200",
    }
    server.requests.clear()
    [result] = poll_due(now=timezone.now() + timedelta(minutes=16))
    assert not result.error
    assert (result.outcome.posts, result.outcome.mentions, result.outcome.cases) == (0, 0, 0)
    # The library may also ask /api/v2/instance for the API version; only streams count here.
    streams = [query for path, query in server.requests if "instance" not in path]
    assert {query["min_id"][0] for query in streams} == {
        "113400000000000200",
        "113400000000000300",
    }
    assert Post.objects.count() == 2


def test_a_mastodon_429_backs_off_for_its_retry_after(server, mastodon):
    server.status, server.retry_after = 429, "7200"
    now = timezone.now()
    [result] = poll_due(now=now)
    mastodon.refresh_from_db()
    assert result.error == "HTTP 429 Too Many Requests"
    assert mastodon.consecutive_failures == 1
    # Longer than interval x 2 (30 minutes): the server's two hours win.
    assert mastodon.next_poll_at == now + timedelta(hours=2)
    assert not Post.objects.exists() and mastodon.cursor == ""


def test_a_mastodon_server_error_counts_a_failure_and_backs_off(server, mastodon):
    server.status = 503
    now = timezone.now()
    [result] = poll_due(now=now)
    mastodon.refresh_from_db()
    assert "503" in result.error or "Unavailable" in result.error
    assert mastodon.consecutive_failures == 1
    assert mastodon.next_poll_at == now + timedelta(minutes=30)


def test_bluesky_posts_become_posts_mentions_and_a_case(server, bluesky, alpenbahn):
    [result] = poll_due()
    assert not result.error
    assert result.outcome.posts == 2 and result.outcome.cases == 1
    post = Post.objects.get(external_id=SKY_COMPLAINT)
    assert post.author == "muster.bsky.social" and post.lang == "de"
    assert post.url == "https://bsky.app/profile/muster.bsky.social/post/3lbtest4711aa"
    assert post.reach == {"likes": 9, "reposts": 4, "replies": 1, "quotes": 1}
    mention = Mention.objects.get(post=post)
    assert (mention.label, mention.explicit) == ("explicit_complaint", True)
    assert mention.case is not None
    reply = Post.objects.get(external_id=SKY_REPLY)
    assert reply.in_reply_to == SKY_COMPLAINT
    assert RawMessage.objects.filter(channel="bluesky", status="processed").count() == 2
    [(path, query)] = server.requests
    assert path == "/xrpc/app.bsky.feed.searchPosts"
    assert query["q"] == ["alpenbahn"] and query["sort"] == ["latest"]


def test_a_second_bluesky_poll_asks_since_the_newest_post_and_makes_nothing_new(
    server, bluesky, alpenbahn
):
    poll_due()
    bluesky.refresh_from_db()
    assert json.loads(bluesky.cursor) == {"alpenbahn": "2026-03-02T10:04:00.900Z"}
    server.requests.clear()
    [result] = poll_due(now=timezone.now() + timedelta(minutes=16))
    assert not result.error
    assert (result.outcome.posts, result.outcome.mentions, result.outcome.cases) == (0, 0, 0)
    [(_path, query)] = server.requests
    assert query["since"] == ["2026-03-02T10:04:00.900Z"]


def test_a_bluesky_429_backs_off_for_its_retry_after(server, bluesky):
    server.status, server.retry_after = 429, "5400"
    now = timezone.now()
    [result] = poll_due(now=now)
    bluesky.refresh_from_db()
    assert result.error == "HTTP 429 Too Many Requests"
    assert bluesky.consecutive_failures == 1
    assert bluesky.next_poll_at == now + timedelta(seconds=5400)


def test_a_login_without_its_password_in_the_environment_fails_the_poll(
    server, bluesky, monkeypatch
):
    monkeypatch.delenv("BLUESKY_TEST_PASSWORD", raising=False)
    bluesky.settings |= {"handle": "alpenbahn.bsky.social", "password_env": "BLUESKY_TEST_PASSWORD"}
    bluesky.save()
    [result] = poll_due()
    assert result.error == "The environment variable BLUESKY_TEST_PASSWORD is not set."
    assert server.requests == []
