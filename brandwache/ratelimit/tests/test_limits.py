from __future__ import annotations

import pytest

from brandwache.ratelimit.limits import hit, reset
from brandwache.ratelimit.models import RecentHits


@pytest.mark.django_db
def test_a_key_gets_its_limit_within_the_window_and_no_more():
    results = [hit("k", limit=3, window=60, now=1000.0 + second) for second in range(5)]
    assert results == [True, True, True, False, False]


@pytest.mark.django_db
def test_the_window_slides_and_refused_hits_do_not_extend_it():
    assert hit("k", limit=1, window=60, now=1000.0)
    assert not hit("k", limit=1, window=60, now=1059.0)
    assert hit("k", limit=1, window=60, now=1061.0)
    assert RecentHits.objects.get(key="k").stamps == [1061.0]


@pytest.mark.django_db
def test_keys_are_counted_apart_and_a_reset_frees_a_key():
    assert hit("a", limit=1, window=60)
    assert hit("b", limit=1, window=60)
    assert not hit("a", limit=1, window=60)
    reset("a")
    assert hit("a", limit=1, window=60)


@pytest.mark.django_db
def test_a_limit_of_zero_counts_nothing():
    assert all(hit("k", limit=0, window=60) for _ in range(3))
    assert not RecentHits.objects.exists()


@pytest.mark.django_db
def test_keys_nobody_hit_for_days_are_forgotten():
    from datetime import timedelta

    from django.utils import timezone

    hit("old", limit=1, window=60)
    RecentHits.objects.filter(key="old").update(touched_at=timezone.now() - timedelta(days=3))
    hit("new", limit=1, window=60)
    assert list(RecentHits.objects.values_list("key", flat=True)) == ["new"]
