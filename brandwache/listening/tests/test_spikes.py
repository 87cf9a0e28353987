"""Spike alerts: one per spike, re-armed after it, quiet on daily peaks and empty topics;
`brandwache listen spikes` reads the CSV and writes JSON lines."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from brandwache.listening.spikes import detect_spikes, upper_tail

MONDAY = datetime(2026, 3, 2, tzinfo=UTC)
DAYS = 35
HOUR = timedelta(hours=1)


def daily_cycle(days: int = DAYS, seed: int = 1) -> np.ndarray:
    """Counts with a busy day and a quiet night, Poisson noise, no spike."""
    rate = np.tile([2.0] * 7 + [12.0] * 12 + [6.0] * 5, days)
    return np.random.default_rng(seed).poisson(rate)


def rows(counts: np.ndarray, topic: str = "billing") -> list[tuple[datetime, str, int]]:
    return [(MONDAY + h * HOUR, topic, int(c)) for h, c in enumerate(counts)]


def at(day: int, hour: int) -> int:
    return day * 24 + hour


def test_a_planted_spike_of_several_hours_raises_one_alert() -> None:
    counts = daily_cycle()
    counts[at(30, 10) : at(30, 15)] += 40
    spikes = detect_spikes(rows(counts))
    assert len(spikes) == 1
    assert spikes[0].start == MONDAY + at(30, 10) * HOUR
    assert spikes[0].end == MONDAY + at(30, 14) * HOUR
    assert spikes[0].peak >= 40


def test_the_alert_re_arms_after_the_spike_has_ended() -> None:
    counts = daily_cycle()
    counts[at(30, 10) : at(30, 13)] += 40
    counts[at(30, 18) : at(30, 20)] += 40
    spikes = detect_spikes(rows(counts))
    assert [spike.start for spike in spikes] == [
        MONDAY + at(30, 10) * HOUR,
        MONDAY + at(30, 18) * HOUR,
    ]


def test_a_daily_peak_at_the_same_hour_every_day_is_not_a_spike() -> None:
    rng = np.random.default_rng(7)
    rate = np.tile([3.0] * 24, DAYS)
    rate[9::24] = 60.0  # every morning at nine
    assert detect_spikes(rows(rng.poisson(rate))) == []


def test_a_quiet_topic_with_zeros_and_a_single_mention_does_not_alert() -> None:
    counts = np.zeros(DAYS * 24, dtype=int)
    counts[at(30, 11)] = 1
    assert detect_spikes(rows(counts)) == []


def test_missing_hours_count_as_zero() -> None:
    counts = daily_cycle()
    counts[at(30, 10) : at(30, 15)] += 40
    sparse = [row for row in rows(counts) if row[2]]
    assert detect_spikes(sparse) == detect_spikes(rows(counts))


def test_no_alert_during_the_warm_up() -> None:
    counts = daily_cycle(days=20)
    counts[at(10, 10) : at(10, 15)] += 40
    assert detect_spikes(rows(counts)) == []


def test_the_tail_of_a_poisson_is_exact_for_small_means() -> None:
    # P(X >= 3) for Poisson(0.5) = 1 - e^-0.5 (1 + 0.5 + 0.125)
    assert upper_tail(3, 0.5, 0.5) == pytest.approx(1 - np.exp(-0.5) * 1.625)
    assert upper_tail(3, 0.5, 1.0) > upper_tail(3, 0.5, 0.5)  # overdispersed: heavier tail


def write_csv(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "series.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def listen(*args: str) -> list[dict[str, str]]:
    out = io.StringIO()
    call_command("listen", *args, stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_the_command_writes_one_json_line_per_spike_sorted_by_start_then_topic(
    tmp_path: Path,
) -> None:
    cet = timezone(timedelta(hours=1))
    counts = daily_cycle()
    counts[at(30, 10) : at(30, 15)] += 40
    lines = ["hour,topic,count"]
    for topic in ("tickets", "app"):  # the same spike in two topics
        lines += [
            f"{(MONDAY + h * HOUR).astimezone(cet).isoformat()},{topic},{c}"
            for h, c in enumerate(counts)
        ]
    lines = [lines[0], *reversed(lines[1:])]  # rows in any order
    assert listen("spikes", str(write_csv(tmp_path, lines))) == [
        {"topic": "app", "start": "2026-04-01T11:00:00+01:00", "end": "2026-04-01T15:00:00+01:00"},
        {
            "topic": "tickets",
            "start": "2026-04-01T11:00:00+01:00",
            "end": "2026-04-01T15:00:00+01:00",
        },
    ]


def test_the_command_reads_hours_without_an_offset(tmp_path: Path) -> None:
    counts = daily_cycle()
    counts[at(30, 10) : at(30, 15)] += 40
    lines = ["hour,topic,count"] + [
        f"{(MONDAY + h * HOUR).replace(tzinfo=None).isoformat()},billing,{c}"
        for h, c in enumerate(counts)
    ]
    alerts = listen("spikes", str(write_csv(tmp_path, lines)))
    assert alerts == [
        {"topic": "billing", "start": "2026-04-01T10:00:00", "end": "2026-04-01T14:00:00"}
    ]


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (["time,topic,count"], "line 1: expected the header hour,topic,count"),
        (["hour,topic,count", "2026-03-02T10:00,billing"], "line 2: expected 3 fields"),
        (["hour,topic,count", "yesterday,billing,3"], "line 2: 'yesterday' is not an ISO 8601"),
        (["hour,topic,count", "2026-03-02T10:30,billing,3"], "line 2: '2026-03-02T10:30' is not"),
        (["hour,topic,count", "2026-03-02T10:00,billing,-1"], "line 2: the count '-1' is not"),
        (["hour,topic,count", "2026-03-02T10:00,,1"], "line 2: the topic is empty"),
        (
            ["hour,topic,count", "2026-03-02T10:00,billing,1", "", "2026-03-02T10:00,billing,2"],
            "line 4: 2026-03-02T10:00 of topic 'billing' is already on line 2",
        ),
        (
            ["hour,topic,count", "2026-03-02T10:00+01:00,a,1", "2026-03-02T11:00,a,2"],
            "line 3: '2026-03-02T11:00' mixes hours with and without a UTC offset",
        ),
    ],
)
def test_the_command_names_the_line_of_a_bad_row(
    tmp_path: Path, lines: list[str], message: str
) -> None:
    with pytest.raises(CommandError, match=message):
        listen("spikes", str(write_csv(tmp_path, lines)))


def test_the_command_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Cannot read"):
        listen("spikes", str(tmp_path / "absent.csv"))


def test_listen_without_an_action_prints_the_usage_and_fails() -> None:
    err = io.StringIO()
    with pytest.raises(CommandError, match="Name an action"):
        call_command("listen", stderr=err)
    assert "usage:" in err.getvalue()
