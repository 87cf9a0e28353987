"""Mentions of the organisation's own Mastodon account: its notifications of type mention,
replayed from a recorded answer, become posts, explicit mentions and a case."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.utils import timezone

from brandwache.cases.models import Message
from brandwache.intake.models import RawMessage
from brandwache.listening.feeds import poll_due
from brandwache.listening.models import Mention, Post, Source
from brandwache.listening.tests.socialserver import SocialServer, serve_social
from brandwache.organisations.models import Organisation

pytestmark = pytest.mark.django_db

TOKEN_ENV = "BRANDWACHE_TEST_MASTODON_TOKEN"
TOKEN = "test-token-alpenbahn-0001"
COMPLAINT = "https://zug.example/users/vera/statuses/116150000012345678"
REPLY = "https://social.example/users/tom_sample/statuses/116150000000000420"
NEUTRAL = "https://velo.example/users/jonas/statuses/116150000098765432"


@pytest.fixture
def alpenbahn() -> Organisation:
    return Organisation.objects.create(
        slug="alpenbahn", name="Alpenbahn", handles=["@alpenbahn"], domains=["alpenbahn.ch"]
    )


@pytest.fixture
def server() -> Iterator[SocialServer]:
    with serve_social() as social:
        yield social


@pytest.fixture
def token(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    return TOKEN


@pytest.fixture
def mentions(server: SocialServer) -> Source:
    """A source that reads only the mentions of the organisation's account."""
    settings = {"instance": server.url, "account": "alpenbahn", "token_env": TOKEN_ENV}
    return Source.objects.create(
        name="mastodon-mentions", kind=Source.Kind.MASTODON, settings=settings
    )


def notification_requests(server: SocialServer) -> list[tuple[dict[str, list[str]], str]]:
    """(query, Authorization header) of each request for the notifications."""
    return [
        (query, authorization)
        for (path, query), authorization in zip(server.requests, server.authorizations, strict=True)
        if path == "/api/v1/notifications"
    ]


def test_mentions_of_the_account_become_posts_mentions_and_a_case(
    server, token, mentions, alpenbahn
):
    [result] = poll_due()
    assert not result.error
    assert (result.outcome.posts, result.outcome.mentions, result.outcome.cases) == (3, 3, 1)
    assert RawMessage.objects.filter(channel="mastodon", status="processed").count() == 3
    assert set(Post.objects.values_list("external_id", flat=True)) == {COMPLAINT, REPLY, NEUTRAL}
    found = Mention.objects.values_list("post__external_id", "label", "explicit", "sentiment")
    assert {row[0]: row[1:] for row in found} == {
        # Addressed to the organisation by its handle: an explicit complaint.
        COMPLAINT: ("explicit_complaint", True, "negative"),
        # Addressed too, but no complaint (`explicit` is set for complaints only).
        REPLY: ("other_about_org", False, "neutral"),
        NEUTRAL: ("other_about_org", False, "neutral"),
    }

    complaint = Mention.objects.get(post__external_id=COMPLAINT)
    assert complaint.sentiment == "negative" and complaint.case is not None
    assert Mention.objects.exclude(case=None).count() == 1
    message = Message.objects.get(case=complaint.case)
    assert "IC 712 vor Olten" in message.text
    post = complaint.post
    assert post.author == "vera@zug.example" and post.lang == "de"
    assert post.url == "https://zug.example/@vera/116150000012345678"
    assert post.reach == {"followers": 412, "replies": 1, "reblogs": 2, "favourites": 6}
    assert "<" not in post.text and post.text.startswith("@alpenbahn Seit 40 Minuten")

    # The reply to the organisation's own status, whose status was never stored: kept by
    # its server id.
    assert Post.objects.get(external_id=REPLY).in_reply_to == "116150000000000300"

    [(query, authorization)] = notification_requests(server)
    assert query["types[]"] == ["mention"] and "min_id" not in query
    assert authorization == f"Bearer {token}"


def test_the_mentions_cursor_is_stored_and_the_next_poll_asks_after_it(
    server, token, mentions, alpenbahn
):
    poll_due()
    mentions.refresh_from_db()
    # The newest notification id, not a status id: notifications are paged by their own.
    assert json.loads(mentions.cursor) == {"mentions": "88000103"}
    server.requests.clear()
    server.authorizations.clear()

    [result] = poll_due(now=timezone.now() + timedelta(minutes=16))
    assert not result.error
    assert (result.outcome.posts, result.outcome.mentions, result.outcome.cases) == (0, 0, 0)
    [(query, authorization)] = notification_requests(server)
    assert query["min_id"] == ["88000103"] and query["types[]"] == ["mention"]
    assert authorization == f"Bearer {token}"
    mentions.refresh_from_db()
    assert json.loads(mentions.cursor) == {"mentions": "88000103"}
    assert (Post.objects.count(), Mention.objects.count(), RawMessage.objects.count()) == (3, 3, 3)


def test_a_missing_token_in_the_environment_fails_the_poll(
    server, mentions, alpenbahn, monkeypatch
):
    monkeypatch.delenv(TOKEN_ENV, raising=False)
    now = timezone.now()
    [result] = poll_due(now=now)
    assert result.error == f"The environment variable {TOKEN_ENV} is not set."
    assert server.requests == []
    mentions.refresh_from_db()
    assert mentions.consecutive_failures == 1 and mentions.last_error == result.error
    assert mentions.next_poll_at == now + timedelta(minutes=30)
    assert mentions.cursor == "" and not Post.objects.exists()


def test_mentions_without_a_token_variable_named_fail_before_asking(server, alpenbahn):
    settings = {"instance": server.url, "account": "alpenbahn"}
    Source.objects.create(name="no-token", kind=Source.Kind.MASTODON, settings=settings)
    [result] = poll_due()
    assert result.error == "Mentions of the account need its access token (token_env)."
    assert server.requests == []
