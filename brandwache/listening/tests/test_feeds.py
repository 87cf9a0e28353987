"""Feeds end to end: served locally, stored raw, turned into posts, mentions and cases."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from brandwache.cases.models import Case, Message
from brandwache.contacts.models import Identity
from brandwache.intake.models import RawMessage
from brandwache.listening import posts as posts_module
from brandwache.listening import recording
from brandwache.listening.feeds import MAX_BACKOFF, poll, poll_due
from brandwache.listening.models import ListeningQuery, Mention, Post, Source
from brandwache.listening.posts import reprocess
from brandwache.listening.tests.feedserver import (
    COMPLAINT,
    PRAISE,
    Entry,
    FeedServer,
    serve_feed,
)
from brandwache.organisations.models import Organisation
from brandwache.triage.analysis import analyse_many
from brandwache.updates.models import UpdateLog

pytestmark = pytest.mark.django_db

WEATHER = Entry("urn:post:3", "Wetter", "Heute scheint am See die Sonne, herrlich.", "Frau Muster")


@pytest.fixture
def alpenbahn() -> Organisation:
    return Organisation.objects.create(
        slug="alpenbahn", name="Alpenbahn", handles=["@alpenbahn"], domains=["alpenbahn.ch"]
    )


@pytest.fixture
def feed() -> FeedServer:
    with serve_feed() as server:
        yield server


@pytest.fixture
def source(feed: FeedServer) -> Source:
    return Source.objects.create(name="forum", kind=Source.Kind.FEED, url=feed.url)


def test_a_feed_becomes_posts_mentions_and_a_case_for_the_negative_complaint(
    feed, source, alpenbahn, settings
):
    settings.BRANDWACHE_CUSTOMER_UPDATES = True  # as in production
    feed.entries = [COMPLAINT, PRAISE, WEATHER]
    result = poll(source)
    assert (result.outcome.posts, result.outcome.mentions, result.outcome.cases) == (3, 2, 1)
    assert RawMessage.objects.filter(channel="feed", status="processed").count() == 3
    labels = dict(Mention.objects.values_list("post__external_id", "label"))
    assert labels == {"urn:post:1": "implicit_complaint", "urn:post:2": "other_about_org"}
    mention = Mention.objects.get(post__external_id="urn:post:1")
    assert mention.sentiment == "negative" and not mention.explicit
    [analysis] = analyse_many([mention.post.text])
    assert analysis.category is not None  # a late train: the triage names a category
    assert mention.category == analysis.category.value
    case = mention.case
    assert case is not None and case.channel == "listening"
    message = Message.objects.get(case=case)
    assert "schon wieder 40 Minuten" in message.text
    assert "https://forum.example/t/urn:post:1" in message.text
    assert message.raw == Post.objects.get(external_id="urn:post:1").raw
    identity = Identity.objects.get(contact=case.contact)
    assert (identity.kind, identity.value) == ("social", "tom sample@forum.example")
    # Said in public, not to us: no receipt, neither sent nor due by hand.
    [decision] = UpdateLog.objects.filter(case=case)
    assert (decision.outcome, decision.reason) == ("skipped", "public_post")


def test_the_raw_entry_is_stored_before_it_is_processed(feed, source, alpenbahn, monkeypatch):
    seen: list[int] = []
    original = posts_module.process

    def watching(source, raws):
        seen.append(RawMessage.objects.filter(status="pending").count())
        return original(source, raws)

    monkeypatch.setattr("brandwache.listening.feeds.process", watching)
    feed.entries = [COMPLAINT, WEATHER]
    poll(source)
    assert seen == [2]
    stored = RawMessage.objects.get(external_id__endswith=":urn:post:1")
    assert b"schon wieder 40 Minuten" in bytes(stored.payload)


def test_the_second_poll_makes_nothing_new_and_sends_the_etag(feed, source, alpenbahn):
    feed.entries = [COMPLAINT, PRAISE]
    poll(source)
    source.refresh_from_db()
    assert source.etag and source.last_modified
    second = poll(source)
    assert second.not_modified
    assert feed.requests[-1]["if-none-match"] == source.etag
    assert feed.requests[-1]["if-modified-since"] == source.last_modified
    # Without the validators the server answers in full: still nothing twice.
    Source.objects.filter(pk=source.pk).update(etag="", last_modified="")
    source.refresh_from_db()
    third = poll(source)
    assert not third.not_modified
    assert (third.outcome.posts, third.outcome.mentions, third.outcome.cases) == (0, 0, 0)
    assert (Post.objects.count(), Mention.objects.count(), Case.objects.count()) == (2, 2, 1)
    assert RawMessage.objects.count() == 2


def test_a_server_error_backs_off_exponentially_up_to_a_day(feed, source):
    feed.status = 500
    now = timezone.now()
    first = poll(source, now=now)
    assert "500" in first.error
    source.refresh_from_db()
    assert source.consecutive_failures == 1
    assert source.next_poll_at == now + timedelta(minutes=30)
    poll(source, now=now)
    source.refresh_from_db()
    assert source.next_poll_at == now + timedelta(minutes=60)
    Source.objects.filter(pk=source.pk).update(consecutive_failures=40)
    source.refresh_from_db()
    poll(source, now=now)
    source.refresh_from_db()
    assert source.next_poll_at == now + MAX_BACKOFF
    feed.status, feed.entries = 200, [WEATHER]
    poll(source, now=now)
    source.refresh_from_db()
    assert (source.consecutive_failures, source.last_error) == (0, "")
    assert source.next_poll_at == now + timedelta(minutes=15)


def test_only_due_enabled_feeds_are_polled(feed, source):
    now = timezone.now()
    Source.objects.create(name="later", kind="feed", url=feed.url, next_poll_at=now + timedelta(1))
    Source.objects.create(name="off", kind="feed", url=feed.url, enabled=False)
    assert [result.source.name for result in poll_due(now)] == ["forum"]
    assert poll_due(now) == []  # its next poll moved out


def test_an_entry_without_text_is_kept_raw_and_failed_with_its_reason(feed, source, alpenbahn):
    feed.entries = [Entry("urn:post:9", ""), COMPLAINT]
    result = poll(source)
    assert (result.outcome.posts, result.outcome.failed) == (1, 1)
    raw = RawMessage.objects.get(external_id=f"{source.pk}:urn:post:9")
    assert raw.status == "failed" and "neither a title nor any text" in raw.error


def test_a_failed_entry_is_processed_on_reprocess_once_the_cause_is_gone(
    feed, source, alpenbahn, monkeypatch
):
    original = recording._attach_case  # per post, in the batch and one at a time

    def broken(source, raw, post, mentions):
        if post.external_id == "urn:post:1":
            raise RuntimeError("database went away")
        return original(source, raw, post, mentions)

    monkeypatch.setattr(recording, "_attach_case", broken)
    feed.entries = [COMPLAINT, PRAISE]
    assert poll(source).outcome.failed == 1
    raw = RawMessage.objects.get(external_id=f"{source.pk}:urn:post:1")
    assert raw.status == "failed" and "database went away" in raw.error
    assert not Post.objects.filter(external_id="urn:post:1").exists()
    assert poll(source).not_modified  # a poll does not retry it on its own
    monkeypatch.setattr(recording, "_attach_case", original)
    outcome = reprocess(raw)
    assert (outcome.posts, outcome.mentions, outcome.cases) == (1, 1, 1)
    raw.refresh_from_db()
    assert (raw.status, raw.error, raw.attempts) == ("processed", "", 2)


def test_a_query_decides_which_posts_concern_its_organisation(feed, source, alpenbahn):
    ListeningQuery.objects.create(organisation=alpenbahn, name="delays", query="Alpenbahn spät")
    feed.entries = [COMPLAINT, PRAISE]
    poll(source)
    assert list(Mention.objects.values_list("post__external_id", flat=True)) == ["urn:post:1"]


def test_a_second_complaint_of_the_same_author_joins_the_open_case(feed, source, alpenbahn):
    feed.entries = [COMPLAINT]
    poll(source)
    again = Entry(
        "urn:post:4",
        "Alpenbahn immer noch",
        "Alpenbahn: heute schon wieder ausgefallen, keine Antwort vom Kundendienst. Frechheit.",
    )
    feed.entries = [COMPLAINT, again]
    result = poll(source)
    assert (result.outcome.mentions, result.outcome.cases) == (1, 0)
    assert Case.objects.count() == 1
    assert Message.objects.filter(case=Case.objects.get()).count() == 2


def test_a_source_that_breaks_unexpectedly_fails_alone_and_the_others_are_polled(
    feed, source, alpenbahn, monkeypatch
):
    broken = Source.objects.create(name="broken", kind=Source.Kind.FEED, url=feed.url)
    original = posts_module.process

    def process(polled, raws):
        if polled.pk == broken.pk:
            raise RuntimeError("parser crashed")
        return original(polled, raws)

    monkeypatch.setattr("brandwache.listening.feeds.process", process)
    feed.entries = [COMPLAINT]
    now = timezone.now()
    results = {result.source.pk: result for result in poll_due(now=now)}
    assert "RuntimeError: parser crashed" in results[broken.pk].error
    assert not results[source.pk].error and results[source.pk].outcome.posts == 1
    broken.refresh_from_db()
    assert broken.consecutive_failures == 1 and "parser crashed" in broken.last_error
    assert broken.next_poll_at > now
