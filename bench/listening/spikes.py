"""Spike alerts on synthetic hourly volumes: planted spikes found, false alerts raised.

    python bench/listening/spikes.py [--tune 0-9] [--held-out 100-109]

Every seed draws 60-90 days of hourly counts for seven topics (0.2 to 200 mentions an
hour on average) with a daily cycle (morning and evening peaks, quiet nights), a
weekend with its own level and later hours, day-to-day and hour-to-hour noise beyond
Poisson, a slow trend of up to ±40 %, and two or three quiet days (holidays). About
one spike a week per topic is planted after the first two weeks: 1.5x to 10x the
expected volume (log-uniform) for 1 to 12 hours. Each seed's series is written as a
CSV and run through `brandwache listen spikes`, the same path users take.

A planted spike is found when an alert starts within its span. A false alert is one
that starts outside every span or is a second alert within the same span. The naive
baseline alerts when an hour exceeds the mean + 3 sd of the topic's whole series,
once per run of such hours. The oracle is the detector's alert rule given the true
rate of every hour (which no method knows): how many planted spikes the noise lets
anyone find at all. Both are counted from day 14 on, where spikes are planted.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import tempfile
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from time import perf_counter

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

LEVELS = (0.2, 0.7, 2.0, 7.0, 20.0, 70.0, 200.0)  # mean mentions per hour of the topics
START = datetime(2026, 1, 5, tzinfo=timezone(timedelta(hours=1)))  # a Monday, CET
EVAL_DAY = 14
EXCESS_BANDS = ((0, 5), (5, 20), (20, 100), (100, float("inf")))


@dataclass(frozen=True)
class Planted:
    topic: str
    start: int
    end: int  # last hour of the span
    multiplier: float
    excess: float  # mentions expected above the normal volume over the span


def daily_profile(rng: np.random.Generator, shift: float) -> np.ndarray:
    hours = np.arange(24)
    morning, evening = rng.uniform(7, 10) + shift, rng.uniform(17, 21) + shift
    shape = (
        rng.uniform(0.05, 0.2)
        + rng.uniform(0.6, 1.2) * np.exp(-0.5 * ((hours - morning) / rng.uniform(1, 2.5)) ** 2)
        + rng.uniform(0.4, 1.0) * np.exp(-0.5 * ((hours - evening) / rng.uniform(1.5, 3)) ** 2)
    )
    return shape / shape.mean()


def topic_series(
    rng: np.random.Generator, topic: str, level: float, days: int
) -> tuple[np.ndarray, np.ndarray, list[Planted]]:
    """Counts, the true rate without the spikes, and the spikes planted."""
    n = days * 24
    weekday, weekend = daily_profile(rng, 0), daily_profile(rng, rng.uniform(0.5, 2))
    weekend *= rng.uniform(0.5, 0.95)
    day_of_week = (np.arange(n) // 24) % 7  # START is a Monday
    rate = np.where(day_of_week >= 5, weekend[np.arange(n) % 24], weekday[np.arange(n) % 24])
    rate = rate * level * np.linspace(1, np.exp(rng.uniform(-0.35, 0.35)), n)
    rate *= np.repeat(rng.lognormal(0, 0.08, days), 24)  # busy and calm days
    rate *= rng.gamma(100, 0.01, n)  # hour-to-hour noise beyond Poisson (10 %)
    for day in rng.choice(days, size=rng.integers(2, 4), replace=False):
        rate[day * 24 : day * 24 + 24] *= rng.uniform(0.25, 0.5)
    planted: list[Planted] = []
    normal = rate.copy()
    hour = EVAL_DAY * 24 + int(rng.integers(0, 72))
    while True:
        length = int(rng.integers(1, 13))
        if hour + length >= n:
            break
        multiplier = float(np.exp(rng.uniform(np.log(1.5), np.log(10))))
        span = slice(hour, hour + length)
        planted.append(
            Planted(topic, hour, hour + length - 1, multiplier, (multiplier - 1) * rate[span].sum())
        )
        rate[span] *= multiplier
        hour += length + int(rng.integers(4 * 24, 10 * 24))
    return rng.poisson(rate), normal, planted


def draw(seed: int) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray], list[Planted]]:
    rng = np.random.default_rng(seed)
    days = int(rng.integers(60, 91))
    series, rates, planted = {}, {}, []
    for index, level in enumerate(LEVELS):
        topic = f"topic-{index}"
        series[topic], rates[topic], spikes = topic_series(
            rng, topic, level * rng.uniform(0.8, 1.25), days
        )
        planted += spikes
    return series, rates, planted


def write_csv(series: dict[str, np.ndarray], path: Path, rng: np.random.Generator) -> None:
    rows = [
        f"{(START + timedelta(hours=h)).isoformat()},{topic},{count}"
        for topic, counts in series.items()
        for h, count in enumerate(counts)
        if count or rng.random() < 0.5  # about half of the empty hours left out: they count 0
    ]
    rng.shuffle(rows)  # rows in any order
    path.write_text("hour,topic,count\n" + "\n".join(rows) + "\n")


def command_alerts(path: Path) -> dict[str, list[int]]:
    from django.core.management import call_command

    out = io.StringIO()
    call_command("listen", "spikes", str(path), stdout=out)
    starts: dict[str, list[int]] = {}
    for line in out.getvalue().splitlines():
        alert = json.loads(line)
        hour = datetime.fromisoformat(alert["start"])
        starts.setdefault(alert["topic"], []).append(int((hour - START) / timedelta(hours=1)))
    return starts


def oracle_alerts(
    series: dict[str, np.ndarray], rates: dict[str, np.ndarray]
) -> dict[str, list[int]]:
    """The detector's alert rule handed the true rate of every hour: a ceiling, not a method."""
    from dataclasses import replace

    from brandwache.listening.spikes import DEFAULT, _alerts

    exact = replace(DEFAULT, estimate_noise=0.0)  # the true rate has no estimation error
    return {
        topic: [alert[0] for alert in _alerts(counts, rates[topic], 0.0, exact)]
        for topic, counts in series.items()
    }


def naive_alerts(series: dict[str, np.ndarray]) -> dict[str, list[int]]:
    starts = {}
    for topic, counts in series.items():
        above = counts > counts.mean() + 3 * counts.std()
        starts[topic] = [int(h) for h in np.flatnonzero(above[1:] & ~above[:-1]) + 1]
    return starts


@dataclass
class Score:
    found: int = 0
    planted: int = 0
    false: int = 0
    repeats: int = 0
    topic_days: float = 0.0

    def add(self, starts: dict[str, list[int]], planted: list[Planted], days: int) -> list[bool]:
        """Count one seed; whether each planted spike was found, in the order given."""
        alerts = {
            topic: [h for h in hours if h >= EVAL_DAY * 24] for topic, hours in starts.items()
        }
        hits = [any(p.start <= a <= p.end for a in alerts.get(p.topic, [])) for p in planted]
        for topic, hours in alerts.items():
            spans = [p for p in planted if p.topic == topic]
            for alert in hours:
                inside = [p for p in spans if p.start <= alert <= p.end]
                if not inside:
                    self.false += 1
                elif any(p.start <= a < alert for a in hours for p in inside):
                    self.repeats += 1
        self.planted += len(hits)
        self.found += sum(hits)
        self.topic_days += len(LEVELS) * (days - EVAL_DAY)
        return hits

    def line(self, name: str) -> str:
        per_30 = (self.false + self.repeats) / (self.topic_days / 30)
        return (
            f"  {name:<9} recall {self.found / self.planted:.3f} ({self.found}/{self.planted})   "
            f"false alerts per topic and 30 days {per_30:.2f} "
            f"({self.false} outside spikes, {self.repeats} repeats)"
        )


def run(seeds: list[int], title: str, workdir: Path) -> None:
    detector, naive, oracle = Score(), Score(), Score()
    by_band: dict[tuple[float, float], list[int]] = {band: [0, 0] for band in EXCESS_BANDS}
    by_level: dict[int, list[int]] = {index: [0, 0] for index in range(len(LEVELS))}
    for seed in seeds:
        series, rates, planted = draw(seed)
        path = workdir / f"series-{seed}.csv"
        write_csv(series, path, np.random.default_rng(seed + 10_000))
        days = len(next(iter(series.values()))) // 24
        hits = detector.add(command_alerts(path), planted, days)
        naive.add(naive_alerts(series), planted, days)
        oracle.add(oracle_alerts(series, rates), planted, days)
        for spike, hit in zip(planted, hits, strict=True):
            band = next(b for b in EXCESS_BANDS if b[0] <= spike.excess < b[1])
            by_band[band][0] += hit
            by_band[band][1] += 1
            level = int(spike.topic.rsplit("-", 1)[1])
            by_level[level][0] += hit
            by_level[level][1] += 1
    print(f"{title}: seeds {seeds[0]}-{seeds[-1]}, {len(LEVELS)} topics each")
    print(detector.line("detector"))
    print(naive.line("naive"))
    print(oracle.line("oracle"))
    bands = "   ".join(
        f"{low:g}-{high:g}: {f}/{t}" if t else f"{low:g}-{high:g}: -"
        for (low, high), (f, t) in by_band.items()
    )
    print(f"  detector recall by planted excess (mentions over the span): {bands}")
    found, total = (sum(by_band[b][i] for b in EXCESS_BANDS if b[0] >= 20) for i in (0, 1))
    print(f"  detector recall of spikes with 20 or more extra mentions: {found / total:.3f}")
    levels = "   ".join(f"{LEVELS[i]:g}/h: {f}/{t}" for i, (f, t) in by_level.items())
    print(f"  detector recall by topic volume: {levels}")


def seed_range(text: str) -> list[int]:
    first, _, last = text.partition("-")
    return list(range(int(first), int(last or first) + 1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tune", type=seed_range, default=seed_range("0-9"))
    parser.add_argument("--held-out", type=seed_range, default=seed_range("100-109"))
    args = parser.parse_args()
    started = perf_counter()
    with tempfile.TemporaryDirectory(prefix="brandwache-spikes-") as workdir:
        os.environ["BRANDWACHE_VAR_DIR"] = workdir
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "brandwache.settings")
        import django

        django.setup()
        run(args.tune, "Tuning seeds", Path(workdir))
        run(args.held_out, "Held-out seeds (never tuned on)", Path(workdir))
    print(f"{perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
