"""One listening pass: poll every due source, cool down quiet threads, check for spikes.

`brandwache listen --once` runs one pass and prints it; `brandwache worker` runs one every
`BRANDWACHE_LISTEN_INTERVAL` seconds (`brandwache/sla/runner.py`). Each source keeps its
own interval and backoff (`feeds.poll_due`), so a pass polls only the sources that are due.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from brandwache.listening.feeds import PollResult, poll_due
from brandwache.listening.spike_alerts import check_spikes
from brandwache.listening.threads import cool_down


@dataclass
class ListenResult:
    polled: list[PollResult] = field(default_factory=list)
    spikes: int = 0  # new spike alerts sent in this pass
    cooled: int = 0  # threads recounted because nobody posted to them for an hour

    @property
    def errors(self) -> int:
        return sum(1 for result in self.polled if result.error)

    def total(self, name: str) -> int:
        """The sum of one outcome count (`posts`, `mentions`, `cases`, `failed`)."""
        return sum(getattr(result.outcome, name) for result in self.polled)


def listen_once(now: datetime | None = None) -> ListenResult:
    """Poll the due sources, cool down the threads nobody posts to, then alert new spikes;
    a failure of any raises."""
    polled = poll_due(now)
    cooled = cool_down(now)
    # After polling, so the spike counts include what was just read.
    return ListenResult(polled=polled, spikes=check_spikes(now), cooled=cooled)
