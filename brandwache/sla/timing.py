"""When a clock's reminder, deadline and escalation steps fall, and which are due now.

Pure: no database, only a `BusinessCalendar` value and the clock's progress.
Every threshold is measured in *business time used*: the reminder at a share of
the target, the deadline at the target, each escalation step at the target plus
its delay. A running clock reaches a threshold at `running_since` plus the
business time still missing, so a pause (which stops `running_since` and banks
the time used so far) shifts every later threshold by exactly the paused
business time, and a changed target only changes the thresholds.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Literal

from brandwache.sla.calendar import ZERO, BusinessCalendar


@dataclass(frozen=True, slots=True)
class EscalationStep:
    who: str  # deputy, team_lead, pate or owner
    after: timedelta  # business time past the deadline


@dataclass(frozen=True, slots=True)
class Plan:
    """The thresholds of one clock."""

    target: timedelta
    reminder: timedelta | None = None
    steps: tuple[EscalationStep, ...] = ()

    @classmethod
    def of(
        cls, target: timedelta, reminder_percent: int, steps: tuple[EscalationStep, ...] = ()
    ) -> Plan:
        reminder = target * reminder_percent / 100 if 0 < reminder_percent < 100 else None
        return cls(target=target, reminder=reminder, steps=steps)

    def step_threshold(self, index: int) -> timedelta:
        return self.target + self.steps[index].after


@dataclass(frozen=True, slots=True)
class Progress:
    """How far a clock has got; `running_since` is None while it does not run."""

    running_since: datetime | None
    used: timedelta = ZERO  # business time used before `running_since`
    reminded: bool = False
    breached: bool = False
    level: int = 0  # escalation steps done


@dataclass(frozen=True, slots=True)
class Due:
    """Something the worker must do: remind, mark the breach, or take an escalation step."""

    kind: Literal["remind", "breach", "escalate"]
    at: datetime  # when the threshold was reached (earlier than now after a catch-up)
    level: int = 0  # the escalation level reached, 1 for the first step
    who: str = ""


def reached_at(calendar: BusinessCalendar, progress: Progress, threshold: timedelta) -> datetime:
    """The instant a running clock reaches `threshold` of business time used."""
    assert progress.running_since is not None, "only a running clock reaches thresholds"
    missing = threshold - progress.used
    if missing <= ZERO:
        return progress.running_since  # already reached before this run began
    return calendar.add_business_time(progress.running_since, missing)


def used_until(calendar: BusinessCalendar, progress: Progress, now: datetime) -> timedelta:
    """Business time used up to `now`."""
    if progress.running_since is None or now <= progress.running_since:
        return progress.used
    return progress.used + calendar.business_time_between(progress.running_since, now)


def next_check(calendar: BusinessCalendar, plan: Plan, progress: Progress) -> datetime | None:
    """When the worker must next look at the clock; None when nothing is left to do."""
    if progress.running_since is None:
        return None
    if not progress.breached:
        if not progress.reminded and plan.reminder is not None:
            return reached_at(calendar, progress, plan.reminder)
        return reached_at(calendar, progress, plan.target)
    if progress.level < len(plan.steps):
        return reached_at(calendar, progress, plan.step_threshold(progress.level))
    return None


def due_at(calendar: BusinessCalendar, plan: Plan, progress: Progress) -> datetime | None:
    """When the running clock reaches its target; None while it does not run."""
    if progress.running_since is None:
        return None
    return reached_at(calendar, progress, plan.target)


def due_now(
    calendar: BusinessCalendar, plan: Plan, progress: Progress, now: datetime
) -> tuple[list[Due], Progress]:
    """What is due by `now`, in order, and the progress once it is done.

    A worker that was down catches up: everything reached meanwhile is returned,
    each with the instant it was reached. The reminder is left out when the
    deadline has passed as well; the breach tells the same people more.
    """
    if progress.running_since is None:
        return [], progress
    done: list[Due] = []
    reminded, breached, level = progress.reminded, progress.breached, progress.level
    if not breached:
        deadline = reached_at(calendar, progress, plan.target)
        if not reminded and plan.reminder is not None and deadline > now:
            reminder = reached_at(calendar, progress, plan.reminder)
            if reminder <= now:
                done.append(Due("remind", reminder))
                reminded = True
        if deadline <= now:
            done.append(Due("breach", deadline))
            breached = True
    while breached and level < len(plan.steps):
        step_at = reached_at(calendar, progress, plan.step_threshold(level))
        if step_at > now:
            break
        level += 1
        done.append(Due("escalate", step_at, level=level, who=plan.steps[level - 1].who))
    return done, replace(progress, reminded=reminded, breached=breached, level=level)
