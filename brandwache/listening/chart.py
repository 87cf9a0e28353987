"""The geometry of the listening page's volume chart, drawn as inline SVG by its template.

Computed here rather than in the template so it can be tested without rendering, and so
the page needs no script: the policy allows scripts and styles only as static files, and
an SVG with presentation attributes is neither.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

WIDTH = 720
HEIGHT = 240
# Room for the y-axis labels on the left and the x-axis labels below.
LEFT, RIGHT, TOP, BOTTOM = 40, 10, 10, 30


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    height: float
    count: int


@dataclass(frozen=True)
class Slot:
    """One time bucket: its label and one bar per series."""

    label: str
    title: str
    bars: tuple[Bar, ...]
    show_label: bool
    label_x: float


@dataclass(frozen=True)
class Tick:
    y: float
    value: int


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: int
    right_edge: int
    baseline: float
    bar_width: float
    slots: tuple[Slot, ...]
    ticks: tuple[Tick, ...]


def axis(value: int) -> tuple[int, int]:
    """The top of the y axis and the distance between its ticks: a step of 1, 2 or 5 times a
    power of ten, about four ticks, and at least 4 on top so an almost empty chart still has
    whole-numbered ticks."""
    value = max(value, 4)
    wanted = value / 4
    power = 10 ** math.floor(math.log10(wanted))
    step = next(factor * power for factor in (1, 2, 5, 10) if factor * power >= wanted)
    return step * math.ceil(value / step), step


def grouped_bars(
    labels: Sequence[str],
    titles: Sequence[str],
    series: Sequence[Sequence[int]],
    *,
    max_labels: int = 10,
) -> Chart:
    """Bars side by side per bucket, one per series, on a shared y axis starting at 0.

    `series` holds one list of counts per series, each as long as `labels`. Only about
    `max_labels` x labels are shown so they never overlap; every bar keeps its title.
    """
    if any(len(counts) != len(labels) for counts in series) or len(titles) != len(labels):
        raise ValueError("Every series needs one count per label.")
    top, step = axis(max((max(counts, default=0) for counts in series), default=0))
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    baseline = float(TOP + plot_height)
    slot_width = plot_width / max(len(labels), 1)
    # A gap of a fifth of the slot between buckets; the series share the rest.
    bar_width = slot_width * 0.8 / max(len(series), 1)
    every = max(1, math.ceil(len(labels) / max_labels))
    slots = []
    for index, label in enumerate(labels):
        start = LEFT + index * slot_width + slot_width * 0.1
        bars = []
        for number, counts in enumerate(series):
            height = plot_height * counts[index] / top
            bars.append(
                Bar(
                    x=round(start + number * bar_width, 2),
                    y=round(baseline - height, 2),
                    height=round(height, 2),
                    count=counts[index],
                )
            )
        slots.append(
            Slot(
                label=label,
                title=titles[index],
                bars=tuple(bars),
                show_label=index % every == 0,
                label_x=round(LEFT + (index + 0.5) * slot_width, 2),
            )
        )
    ticks = tuple(
        Tick(y=round(baseline - plot_height * value / top, 2), value=value)
        for value in range(0, top + 1, step)
    )
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right_edge=WIDTH - RIGHT,
        baseline=baseline,
        bar_width=round(bar_width, 2),
        slots=tuple(slots),
        ticks=ticks,
    )
