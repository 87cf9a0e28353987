"""Listening on the worker's schedule: `brandwache worker` polls the due sources and checks
for spikes every BRANDWACHE_LISTEN_INTERVAL seconds, beside its SLA pass."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
from django.core.management import call_command
from django.test import override_settings

from brandwache.listening import schedule
from brandwache.listening.models import Mention, Post, Source
from brandwache.listening.tests.feedserver import (
    COMPLAINT,
    PRAISE,
    FeedServer,
    serve_feed,
)
from brandwache.organisations.models import Organisation
from brandwache.sla import passes
from brandwache.sla.passes import PassResult
from brandwache.sla.runner import SlaWorker

pytestmark = pytest.mark.django_db


@pytest.fixture
def alpenbahn() -> Organisation:
    return Organisation.objects.create(
        slug="alpenbahn", name="Alpenbahn", handles=["@alpenbahn"], domains=["alpenbahn.ch"]
    )


@pytest.fixture
def feed() -> Iterator[FeedServer]:
    with serve_feed() as server:
        server.entries = [COMPLAINT, PRAISE]
        yield server


@pytest.fixture
def source(feed: FeedServer) -> Source:
    return Source.objects.create(name="forum", kind=Source.Kind.FEED, url=feed.url)


@pytest.fixture
def spike_checks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of posts stored when each spike check ran (the real check runs too)."""
    seen: list[int] = []
    check_spikes = schedule.check_spikes

    def watching(now: datetime | None = None) -> int:
        seen.append(Post.objects.count())
        return check_spikes(now)

    monkeypatch.setattr(schedule, "check_spikes", watching)
    return seen


@pytest.fixture
def sla_passes(monkeypatch: pytest.MonkeyPatch) -> list[PassResult]:
    """The result of each SLA pass the worker ran (the real pass)."""
    results: list[PassResult] = []
    run_pass = passes.run_pass

    def watching(**options: Any) -> PassResult:
        results.append(run_pass(**options))
        return results[-1]

    monkeypatch.setattr("brandwache.sla.runner.run_pass", watching)
    return results


@pytest.fixture
def broken_spike_check(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The first spike check of the run raises (a source that breaks fails alone, so the
    pass itself fails only in what follows the polling); the calls are counted."""
    calls: list[int] = []

    def check(now: datetime | None = None) -> int:
        calls.append(len(calls))
        if len(calls) == 1:
            raise RuntimeError("spike check broke")
        return 0

    monkeypatch.setattr(schedule, "check_spikes", check)
    return calls


def worker(**options: Any) -> SlaWorker:
    """A worker as the command builds it, without tasks of its own."""
    defaults: dict[str, Any] = {
        "sla_interval": 30.0,
        "listen_interval": 60.0,
        "run_tasks": False,
        "queue_names": ["*"],
        "interval": 0.01,
        "batch": False,
        "backend_name": "default",
        "startup_delay": False,
        "max_tasks": None,
        "worker_id": "listening-test",
        "excluded_queue_names": [],
    }
    return SlaWorker(**(defaults | options))


def test_worker_once_polls_the_due_feed_then_checks_spikes(
    feed, source, alpenbahn, spike_checks, sla_passes
):
    call_command("worker", "--once", "--no-startup-delay", verbosity=0)

    assert len(feed.requests) == 1
    assert set(Post.objects.values_list("external_id", flat=True)) == {"urn:post:1", "urn:post:2"}
    mention = Mention.objects.get(post__external_id="urn:post:1")
    assert mention.label == "implicit_complaint" and mention.case is not None
    source.refresh_from_db()
    assert source.next_poll_at is not None and source.consecutive_failures == 0
    # One spike check, after the posts were stored; one SLA pass beside it.
    assert spike_checks == [2]
    assert len(sla_passes) == 1


def test_a_source_not_due_is_left_for_its_own_interval(feed, source, alpenbahn, spike_checks):
    call_command("worker", "--once", "--no-startup-delay", verbosity=0)
    call_command("worker", "--once", "--no-startup-delay", verbosity=0)

    assert len(feed.requests) == 1  # polled again only after its 15 minutes
    assert Post.objects.count() == 2
    assert spike_checks == [2, 2]  # the spikes are checked on every pass


@override_settings(BRANDWACHE_LISTEN_INTERVAL=0)
def test_with_the_interval_0_the_worker_does_not_listen(feed, source, spike_checks, sla_passes):
    call_command("worker", "--once", "--no-startup-delay", verbosity=0)

    assert feed.requests == [] and spike_checks == []
    assert not Post.objects.exists()
    source.refresh_from_db()
    assert source.next_poll_at is None
    assert len(sla_passes) == 1


def test_listen_interval_0_on_the_command_line_switches_listening_off(feed, source, spike_checks):
    call_command("worker", "--once", "--no-startup-delay", "--listen-interval=0", verbosity=0)

    assert feed.requests == [] and spike_checks == []


def test_worker_once_raises_a_failed_listening_pass_after_its_sla_pass(
    source, broken_spike_check, sla_passes
):
    with pytest.raises(RuntimeError, match="spike check broke"):
        call_command("worker", "--once", "--no-startup-delay", verbosity=0)

    assert len(sla_passes) == 1
    assert Post.objects.count() == 2  # the polling before the failure is kept


def test_a_failing_listening_pass_does_not_stop_the_sla_passes_of_a_running_worker(
    source, broken_spike_check, sla_passes, monkeypatch, caplog
):
    running = worker(sla_interval=0.01, listen_interval=0.01)
    listening_pass = running.listening_pass

    def counting() -> None:
        listening_pass()
        assert not running.running_task  # a pass holds the shutdown only while it runs
        if running.listening_passes == 2:
            running.running = False  # as after SIGTERM: the loop ends

    monkeypatch.setattr(running, "listening_pass", counting)

    with caplog.at_level(logging.INFO, logger="brandwache.sla.worker"):
        running.loop()

    assert running.listening_passes == 2
    assert len(sla_passes) == 2  # every loop round kept its SLA pass
    failures = [r for r in caplog.records if r.getMessage().startswith("The listening pass failed")]
    assert len(failures) == 1 and failures[0].exc_info is not None
    assert broken_spike_check == [0, 1]  # the next pass ran its check again


def test_a_listening_pass_counts_as_a_running_task(source, feed, alpenbahn, monkeypatch):
    running = worker()
    seen: list[bool] = []
    listen_once = schedule.listen_once

    def watching(now: datetime | None = None) -> schedule.ListenResult:
        seen.append(running.running_task)
        return listen_once(now)

    monkeypatch.setattr(schedule, "listen_once", watching)
    running.listening_pass()

    assert seen == [True] and not running.running_task
    assert running.listening_passes == 1 and Post.objects.count() == 2
