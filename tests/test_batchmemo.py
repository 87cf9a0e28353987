"""Look-ups kept for one batch: read once inside `one_batch`, afresh outside it."""

from __future__ import annotations

import pytest

from brandwache.batchmemo import one_batch, remembered
from brandwache.routing.engine import active_rules
from brandwache.routing.models import RoutingRule


def counting_loader() -> tuple[list[int], object]:
    calls: list[int] = []

    def load() -> int:
        calls.append(len(calls))
        return len(calls)

    return calls, load


def test_outside_a_batch_every_call_loads() -> None:
    calls, load = counting_loader()
    assert [remembered("k", load), remembered("k", load)] == [1, 2]
    assert len(calls) == 2


def test_inside_a_batch_a_key_loads_once_and_nested_blocks_share_it() -> None:
    calls, load = counting_loader()
    with one_batch():
        first = remembered("k", load)
        with one_batch():
            assert remembered("k", load) == first
        assert remembered("other", load) == 2
    assert len(calls) == 2
    assert remembered("k", load) == 3  # the batch is over: read afresh


@pytest.mark.django_db
def test_routing_rules_changed_between_batches_are_seen(django_assert_num_queries) -> None:
    with one_batch():
        assert active_rules() == []
        with django_assert_num_queries(0):
            active_rules()
    RoutingRule.objects.create(name="Rechnungen", order=1, active=True)
    assert [rule.name for rule in active_rules()] == ["Rechnungen"]
