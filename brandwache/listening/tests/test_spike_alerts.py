"""Spike alerts from stored mentions: one message per spike, its end recorded, no storm."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail

from brandwache.intake.models import RawMessage
from brandwache.listening.models import Mention, Post, Source, SpikeAlert
from brandwache.listening.spike_alerts import check_spikes, hourly_counts, topics_of
from brandwache.notifications.models import Notification
from brandwache.organisations.models import Organisation

pytestmark = pytest.mark.django_db
START = datetime(2026, 3, 2, tzinfo=UTC)  # a Monday
HOUR = timedelta(hours=1)
OTHER = Mention.Label.OTHER_ABOUT_ORG
EXPLICIT = Mention.Label.EXPLICIT_COMPLAINT


@pytest.fixture
def source() -> Source:
    return Source.objects.create(name="forum", kind=Source.Kind.JSONL)


def add_mentions(
    source: Source,
    organisation: Organisation,
    at: datetime,
    count: int,
    label: str,
    *,
    url: str = "",
) -> None:
    """`count` posts written within the hour from `at`, each with one mention."""
    first = Post.objects.count()
    ids = [f"p{first + n}" for n in range(count)]
    raws = RawMessage.objects.bulk_create(
        RawMessage(
            channel="jsonl",
            external_id=f"{source.pk}:{post_id}",
            payload=b"{}",
            content_type="application/json",
            size=2,
            status="processed",
        )
        for post_id in ids
    )
    posts = Post.objects.bulk_create(
        Post(
            source=source,
            external_id=post_id,
            raw=raw,
            url=url or f"https://forum.example/t/{post_id}",
            author=f"@tomsample{post_id}",
            created_at=at + timedelta(minutes=n % 60),
            lang="de",
            text=f"Kaufhafen hat mein Paket {post_id} nicht geliefert.",
        )
        for n, (post_id, raw) in enumerate(zip(ids, raws, strict=True))
    )
    Mention.objects.bulk_create(
        Mention(post=post, organisation=organisation, label=label) for post in posts
    )


def steady(source: Source, organisation: Organisation, first: datetime, last: datetime) -> None:
    """A daily cycle: one other mention every hour, two complaints in office hours."""
    hour = first
    while hour <= last:
        add_mentions(source, organisation, hour, 1, OTHER)
        if 9 <= hour.hour < 18:
            add_mentions(source, organisation, hour, 2, EXPLICIT)
        hour += HOUR


def test_a_burst_after_three_steady_weeks_alerts_once_then_ends_without_a_second_alert(
    source, kaufhafen, public_pate, agent, django_capture_on_commit_callbacks
):
    burst = START + timedelta(days=21, hours=14)
    steady(source, kaufhafen, START, burst)
    add_mentions(source, kaufhafen, burst, 25, EXPLICIT, url="javascript:alert(1)")

    with django_capture_on_commit_callbacks(execute=True):
        assert check_spikes(burst + timedelta(minutes=30)) == 2
    alerts = SpikeAlert.objects.order_by("topic")
    assert [(a.topic, a.start, a.end) for a in alerts] == [
        ("all", burst, None),
        ("explicit_complaint", burst, None),
    ]
    assert all(a.peak >= 25 and a.expected < 5 for a in alerts)
    notification = Notification.objects.get()  # both topics of one burst in one message
    assert notification.recipient == agent and notification.kind == "listening_spike"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [agent.email]
    body = mail.outbox[0].body
    assert "Kaufhafen" in body and "hält an" in body
    assert body.count("- Person ") == 5
    assert "tomsample" not in body and "javascript:" not in body
    assert "https://forum.example/t/p" in body  # the steady post of the burst hour

    with django_capture_on_commit_callbacks(execute=True):
        assert check_spikes(burst + timedelta(minutes=50)) == 0  # running: no second alert

    steady(source, kaufhafen, burst + HOUR, burst + 6 * HOUR)
    with django_capture_on_commit_callbacks(execute=True):
        assert check_spikes(burst + timedelta(hours=6, minutes=30)) == 0
    assert set(SpikeAlert.objects.values_list("end", flat=True)) == {burst}
    assert Notification.objects.count() == 1 and len(mail.outbox) == 1


def test_a_steady_series_alerts_nothing(
    source, kaufhafen, public_pate, django_capture_on_commit_callbacks
):
    now = START + timedelta(days=24, hours=15, minutes=10)
    steady(source, kaufhafen, START, now)
    with django_capture_on_commit_callbacks(execute=True):
        assert check_spikes(now) == 0
    assert not SpikeAlert.objects.exists() and not Notification.objects.exists()


def test_a_spike_found_long_after_it_ended_is_recorded_without_a_message(
    source, kaufhafen, public_pate, django_capture_on_commit_callbacks
):
    burst = START + timedelta(days=21, hours=14)
    steady(source, kaufhafen, START, burst + 3 * 24 * HOUR)
    add_mentions(source, kaufhafen, burst, 25, OTHER)
    with django_capture_on_commit_callbacks(execute=True):
        assert check_spikes(burst + 3 * 24 * HOUR) == 0
    alert = SpikeAlert.objects.get()
    assert alert.topic == "all" and alert.start == burst and alert.end == burst
    assert not Notification.objects.exists()


def test_copies_count_once_and_every_mention_counts_under_all(source, kaufhafen):
    at = START + timedelta(hours=3)
    add_mentions(source, kaufhafen, at, 2, EXPLICIT)
    original, copy = Post.objects.order_by("pk")
    Post.objects.filter(pk=copy.pk).update(duplicate_of=original)
    series = hourly_counts(START, START + timedelta(hours=5))
    assert series == {kaufhafen.pk: [(at, "all", 1), (at, "explicit_complaint", 1)]}


def test_a_mention_counts_under_all_its_label_and_its_case_category() -> None:
    assert topics_of(EXPLICIT, "billing") == ["all", "explicit_complaint", "billing"]
    assert topics_of(OTHER, "") == ["all"]


def test_a_mention_without_a_case_counts_under_the_category_of_its_post(source, kaufhafen):
    at = START + timedelta(hours=3)
    add_mentions(source, kaufhafen, at, 2, OTHER)
    Mention.objects.update(category="billing")
    series = hourly_counts(START, START + timedelta(hours=5))
    assert series == {kaufhafen.pk: [(at, "all", 2), (at, "billing", 2)]}
