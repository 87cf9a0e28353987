"""The volume chart's geometry: bars to scale on a shared axis, labels that never crowd."""

from __future__ import annotations

import pytest

from brandwache.listening.chart import BOTTOM, HEIGHT, TOP, axis, grouped_bars


@pytest.mark.parametrize(
    ("value", "top", "step"),
    [(0, 4, 1), (3, 4, 1), (7, 8, 2), (11, 15, 5), (36, 40, 10), (101, 150, 50)],
)
def test_the_axis_ends_at_a_round_step_above_the_highest_bar(value, top, step):
    assert axis(value) == (top, step)


def test_bars_stand_on_the_baseline_in_proportion_to_their_counts():
    chart = grouped_bars(["1.", "2."], ["a", "b"], [[10, 0], [5, 2]])
    explicit, implicit = chart.slots[0].bars
    plot_height = HEIGHT - TOP - BOTTOM
    assert explicit.height == plot_height and implicit.height == plot_height / 2
    assert explicit.y + explicit.height == chart.baseline
    assert chart.slots[1].bars[0].height == 0
    assert explicit.x < implicit.x < chart.slots[1].bars[0].x
    assert [tick.value for tick in chart.ticks] == [0, 5, 10]


def test_only_every_few_buckets_is_labelled_when_there_are_many():
    labels = [str(day) for day in range(90)]
    chart = grouped_bars(labels, labels, [[0] * 90, [1] * 90], max_labels=10)
    shown = [slot.label for slot in chart.slots if slot.show_label]
    assert shown == [str(day) for day in range(0, 90, 9)]


def test_a_series_of_the_wrong_length_is_refused():
    with pytest.raises(ValueError, match="one count per label"):
        grouped_bars(["1."], ["a"], [[1, 2]])
