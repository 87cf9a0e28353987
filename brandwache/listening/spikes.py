"""Spikes in hourly mention counts, each against the topic's own seasonal baseline.

For every topic the counts become a dense hourly array (missing hours are 0). The
expected count of an hour blends the median of the same hour on the same weekday
over the last four weeks with the mean of the same hour over the last seven days
(corrected by the weekday's share of the volume), times a trend factor. An alert
starts when the count of the last 1, 3, 6 or 12 hours is improbably high for a
negative binomial with that mean and the topic's own overdispersion, and exceeds
the expectation by a minimum number of mentions. It ends after a few hours back
under a lower bound; only then can the next alert start, with evidence from after
that end. The hours of an alert are replaced by their expectation and the baseline
is computed again, so a spike does not raise the bar for the weeks after it.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import numpy as np

HOUR = timedelta(hours=1)
DAY, WEEK = 24, 168


@dataclass(frozen=True)
class SpikeSettings:
    warm_up_days: int = 14  # no alerts before two weeks of history: the weekly median needs two
    windows: tuple[int, ...] = (1, 3, 6, 12)  # hours summed for the start test
    alpha: float = 1e-4  # upper-tail probability below which a window's sum starts an alert
    min_excess: float = 4.0  # mentions above the expectation a window needs to alert
    end_sd: float = 2.0  # an hour is back to normal at or under expected + end_sd sd
    quiet_hours: int = 3  # hours back to normal that end an alert and re-arm the detector
    weekly_weight: float = 0.5  # share of the same-weekday median in the blended baseline
    floor: float = 0.05  # smallest expectation per hour, so an empty history cannot alert on 1
    trend_prior: float = 50.0  # mentions that pull the trend ratio towards 1 on quiet topics
    estimate_noise: float = 0.3  # the baseline's own error, as a share of the Poisson variance
    cleaned_hours: int = 48  # hours of a long alert kept out of the baseline (a new level stays)


DEFAULT = SpikeSettings()


@dataclass(frozen=True)
class Spike:
    topic: str
    start: datetime  # the hour the alert was raised
    end: datetime  # the last hour above the lower bound
    peak: int
    expected: float  # the expectation of the peak hour


class SeriesError(ValueError):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line


def detect_spikes(
    series: Iterable[tuple[datetime, str, int]], settings: SpikeSettings = DEFAULT
) -> list[Spike]:
    """Spikes of every topic in `series` (hour, topic, count), sorted by start then topic."""
    by_topic: dict[str, dict[datetime, int]] = {}
    for hour, topic, count in series:
        hours = by_topic.setdefault(topic, {})
        key = _utc(hour)
        hours[key] = hours.get(key, 0) + count
    if not by_topic:
        return []
    last = max(max(hours) for hours in by_topic.values())
    spikes = []
    for topic, hours in by_topic.items():
        first = min(hours)
        counts = np.zeros(int((last - first) / HOUR) + 1)
        for hour, count in hours.items():
            counts[int((hour - first) / HOUR)] = count
        for start, end, peak, expected in detect_in_counts(counts, settings):
            spikes.append(
                Spike(topic, first + start * HOUR, first + end * HOUR, int(counts[peak]), expected)
            )
    return sorted(spikes, key=lambda spike: (spike.start, spike.topic))


def _utc(hour: datetime) -> datetime:
    if hour.minute or hour.second or hour.microsecond:
        raise ValueError(f"{hour.isoformat()} is not a full hour")
    return hour.astimezone(UTC) if hour.tzinfo is not None else hour


def detect_in_counts(
    counts: np.ndarray, settings: SpikeSettings = DEFAULT
) -> list[tuple[int, int, int, float]]:
    """(start, end, peak, expected at peak) indices of the alerts over one topic's hours."""
    cleaned = counts.astype(float)
    alerts: list[tuple[int, int, int, float]] = []
    for _ in range(2):  # once on the raw counts, once with the first alerts' hours cleaned
        expected = expected_counts(cleaned, settings)
        alerts = _alerts(counts, expected, _overdispersion(counts, expected, settings), settings)
        cleaned = counts.astype(float)
        for onset, end in ((a[4], a[1]) for a in alerts):
            end = min(end, onset + settings.cleaned_hours)
            cleaned[onset : end + 1] = np.minimum(
                counts[onset : end + 1], expected[onset : end + 1]
            )
    return [alert[:4] for alert in alerts]


def expected_counts(cleaned: np.ndarray, settings: SpikeSettings = DEFAULT) -> np.ndarray:
    """Expected count of every hour from the hours before it; NaN before the warm-up."""
    n = len(cleaned)
    expected = np.full(n, np.nan)
    begin = settings.warm_up_days * DAY
    if n <= begin:
        return expected
    weekly = np.nanmedian(_lags(cleaned, [WEEK * k for k in range(1, 5)], begin), axis=0)
    recent = np.nanmean(_lags(cleaned, [DAY * k for k in range(1, 8)], begin), axis=0)
    # Daily volumes around each hour: the weekday's share against the last four weeks.
    sums = np.concatenate([[0.0], np.cumsum(cleaned)])
    centred = np.full(n, np.nan)
    idx = np.arange(n)
    ok = (idx >= 11) & (idx + 13 <= n)
    centred[idx[ok]] = sums[idx[ok] + 13] - sums[idx[ok] - 11]
    same_day = np.nanmean(_lags(centred, [WEEK * k for k in range(1, 5)], begin), axis=0)
    any_day = np.nanmean(_lags(centred, [DAY * k for k in range(1, 29)], begin), axis=0)
    weekday = (same_day + 1.0) / (any_day + 1.0)
    blend = settings.weekly_weight * weekly + (1 - settings.weekly_weight) * recent * weekday
    # Trend: the last week against the three before it, shrunk on quiet topics.
    t = np.arange(begin, n)
    last_week = sums[t] - sums[t - WEEK]
    earlier = (sums[t - WEEK] - sums[np.maximum(t - 4 * WEEK, 0)]) / np.minimum(
        3, (t - WEEK) / WEEK
    )
    ratio = (last_week + settings.trend_prior) / (earlier + settings.trend_prior)
    ratio = np.clip(ratio, 0.5, 2.0)
    # The weekly median sits ~2.5 weeks back, the recent mean ~half a week: extrapolate both.
    growth = (ratio - 1) / 2.0  # per week, between the centres 0.5 and 2.5 weeks back
    trend = settings.weekly_weight * (1 + 2.5 * growth) + (1 - settings.weekly_weight) * (
        1 + 0.5 * growth
    )
    expected[begin:] = np.maximum(blend * np.maximum(trend, 0.5), settings.floor)
    return expected


def _lags(values: np.ndarray, lags: list[int], begin: int) -> np.ndarray:
    """Rows of values[t - lag] for t from begin on, NaN where the lag reaches before the start."""
    t = np.arange(begin, len(values))
    rows = np.full((len(lags), len(t)), np.nan)
    for row, lag in enumerate(lags):
        ok = t - lag >= 0
        rows[row, ok] = values[t[ok] - lag]
    return rows


def _overdispersion(counts: np.ndarray, expected: np.ndarray, settings: SpikeSettings) -> float:
    """Squared relative error beyond Poisson (moments over the busier hours, top 5 % left out)."""
    ok = ~np.isnan(expected) & (expected >= 1)
    if ok.sum() < DAY:
        return 0.05
    poisson = expected[ok] * (1 + settings.estimate_noise)
    excess = ((counts[ok] - expected[ok]) ** 2 - poisson) / expected[ok] ** 2
    excess = np.sort(excess)[: max(1, int(len(excess) * 0.95))]
    return float(np.clip(excess.mean(), 0.005, 0.5))


def _alerts(
    counts: np.ndarray, expected: np.ndarray, k: float, settings: SpikeSettings
) -> list[tuple[int, int, int, float, int]]:
    """(start, end, peak, expected at peak, onset) of each alert, with hysteresis."""
    begin = settings.warm_up_days * DAY
    n = len(counts)
    if n <= begin:
        return []
    count_sums = np.concatenate([[0.0], np.cumsum(counts)])
    mean_sums = np.concatenate([[0.0], np.cumsum(np.nan_to_num(expected))])
    spread = np.sqrt(expected * (1 + settings.estimate_noise) + k * expected**2)
    normal = counts <= expected + settings.end_sd * spread
    alerts = []
    armed_from = begin  # first hour a window may cover
    t = begin
    while t < n:
        onset = _window_alert(t, armed_from, count_sums, mean_sums, k, settings)
        if onset is None:
            t += 1
            continue
        end, quiet, u = t, 0, t + 1
        while u < n and quiet < settings.quiet_hours:
            quiet = quiet + 1 if normal[u] else 0
            if not normal[u]:
                end = u
            u += 1
        peak = onset + int(np.argmax(counts[onset : end + 1]))
        alerts.append((t, end, peak, float(expected[peak]), onset))
        armed_from = t = end + settings.quiet_hours + 1
    return alerts


def _window_alert(
    t: int,
    armed_from: int,
    count_sums: np.ndarray,
    mean_sums: np.ndarray,
    k: float,
    settings: SpikeSettings,
) -> int | None:
    """First hour of the shortest window ending at t whose sum starts an alert, else None."""
    for width in settings.windows:
        first = t - width + 1
        if first < armed_from:
            break
        observed = count_sums[t + 1] - count_sums[first]
        mean = mean_sums[t + 1] - mean_sums[first]
        if observed - mean < settings.min_excess:
            continue
        variance = mean * (1 + settings.estimate_noise) + k * mean**2
        if upper_tail(observed, mean, variance) < settings.alpha:
            return first
    return None


def upper_tail(observed: float, mean: float, variance: float) -> float:
    """P(X >= observed) for a negative binomial (Poisson when variance <= mean)."""
    if mean >= 50:
        z = (observed - 0.5 - mean) / math.sqrt(variance)
        return 0.5 * math.erfc(z / math.sqrt(2))
    poisson = variance <= mean * 1.0001
    size = 0.0 if poisson else mean * mean / (variance - mean)
    p = 0.0 if poisson else mean / (size + mean)
    pmf = math.exp(-mean) if poisson else math.exp(size * math.log1p(-p))
    below = 0.0
    for j in range(int(observed)):
        below += pmf
        pmf *= mean / (j + 1) if poisson else (j + size) / (j + 1) * p
    return max(0.0, 1.0 - below)


def read_series_csv(lines: Iterable[str]) -> list[tuple[datetime, str, int]]:
    """Rows of a CSV with the header hour,topic,count; SeriesError names the faulty line."""
    reader = csv.reader(lines)
    header = next(reader, None)
    if header is None:
        raise SeriesError(1, "the file is empty; expected the header hour,topic,count")
    if [field.strip().lower() for field in header] != ["hour", "topic", "count"]:
        raise SeriesError(1, f"expected the header hour,topic,count, found {','.join(header)}")
    rows: list[tuple[datetime, str, int]] = []
    seen: dict[tuple[datetime, str], int] = {}
    aware: bool | None = None
    for fields in reader:
        line = reader.line_num
        if not fields or all(not field.strip() for field in fields):
            continue
        if len(fields) != 3:
            raise SeriesError(line, f"expected 3 fields (hour,topic,count), found {len(fields)}")
        text, topic, number = (field.strip() for field in fields)
        try:
            hour = datetime.fromisoformat(text)
        except ValueError:
            raise SeriesError(line, f"{text!r} is not an ISO 8601 hour") from None
        if hour.minute or hour.second or hour.microsecond:
            raise SeriesError(line, f"{text!r} is not a full hour")
        if aware is None:
            aware = hour.tzinfo is not None
        elif aware != (hour.tzinfo is not None):
            raise SeriesError(line, f"{text!r} mixes hours with and without a UTC offset")
        if not topic:
            raise SeriesError(line, "the topic is empty")
        if not number.isdigit():
            raise SeriesError(line, f"the count {number!r} is not a whole number >= 0")
        key = (_utc(hour), topic)
        if key in seen:
            raise SeriesError(line, f"{text} of topic {topic!r} is already on line {seen[key]}")
        seen[key] = line
        rows.append((hour, topic, int(number)))
    return rows
