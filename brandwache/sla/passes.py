"""One worker pass: act on every clock whose next check has come, exactly once.

The pass works in batches, one transaction each. A batch claims due clocks
with `SELECT … FOR UPDATE SKIP LOCKED` (on PostgreSQL; SQLite has one writer
and Brandwache opens its transactions IMMEDIATE, so a batch holds the whole
database), then the cases of those clocks the same way, so a worker never
waits for a lock: a clock another worker holds, or whose case an agent is
changing right now, is left for the next pass. For each claimed clock it works
out what became due (reminder, breach, escalation steps; everything missed
while no worker ran, in order), writes the history, the case timeline entries
and the notifications, and moves `next_check_at` to the next threshold, with a
conditional UPDATE as a last guard. Mail goes out after the commit. A crash
mid-batch rolls the whole batch back; the next pass does it again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser as User
from django.db import connection, transaction
from django.utils import timezone

from brandwache.cases.actions import record_event
from brandwache.cases.models import Case, CaseEvent
from brandwache.notifications.actions import Notice, notify_many
from brandwache.sla import notices, timing
from brandwache.sla.calendar import BusinessCalendar
from brandwache.sla.models import SlaClock, SlaClockEvent, SlaPolicy
from brandwache.sla.recipients import Recipients

log = logging.getLogger(__name__)

BATCH_SIZE = 200
# Consecutive batches lost to another writer before the pass gives up until next time.
MAX_LOST_BATCHES = 3


class ClaimLost(Exception):
    """Another worker changed a claimed clock; the batch is rolled back."""


@dataclass
class PassResult:
    checked: int = 0
    reminders: int = 0
    breaches: int = 0
    escalations: int = 0
    notifications: int = 0
    deferred: int = 0  # clocks whose case was locked by someone else, left for the next pass

    @property
    def actions(self) -> int:
        return self.reminders + self.breaches + self.escalations

    def add(self, other: PassResult) -> None:
        for name in (item.name for item in fields(self)):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class _Batch:
    now: datetime
    recipients: Recipients
    calendars: dict[int | None, BusinessCalendar]
    quiet: bool = False  # history only: no timeline entries, notifications or mail
    result: PassResult = field(default_factory=PassResult)
    history: list[SlaClockEvent] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    _plans: dict[tuple[int, int], timing.Plan] = field(default_factory=dict)
    _urls: dict[int, str] = field(default_factory=dict)

    def calendar(self, policy: SlaPolicy) -> BusinessCalendar:
        key = policy.calendar_id
        if key not in self.calendars:
            self.calendars[key] = policy.business_calendar()
        return self.calendars[key]

    def plan(self, clock: SlaClock) -> timing.Plan:
        key = (clock.policy_id, clock.target_minutes)
        if key not in self._plans:
            self._plans[key] = clock.plan()
        return self._plans[key]

    def url(self, case: Case) -> str:
        if case.pk not in self._urls:
            self._urls[case.pk] = case.get_absolute_url()
        return self._urls[case.pk]


def run_pass(
    *,
    now: datetime | None = None,
    batch_size: int = BATCH_SIZE,
    keep_going: Callable[[], bool] | None = None,
) -> PassResult:
    """Handle every clock due at `now` (default: the current time); safe to run in parallel."""
    now = now or timezone.now()
    total = PassResult()
    passed_over: set[int] = set()
    recipients = Recipients(now)
    calendars: dict[int | None, BusinessCalendar] = {}
    lost = 0
    while keep_going is None or keep_going():
        batch = _Batch(now, recipients, calendars)
        try:
            with transaction.atomic(durable=True):
                claimed = _run_batch(batch, batch_size, passed_over)
        except ClaimLost:
            lost += 1
            log.warning("an SLA batch was changed by another worker; trying the next one")
            if lost >= MAX_LOST_BATCHES:
                break
            continue
        lost = 0
        total.add(batch.result)
        if not claimed:
            break
    return total


def _run_batch(batch: _Batch, size: int, passed_over: set[int]) -> int:
    due = (
        SlaClock.objects.select_for_update(skip_locked=True)
        .filter(next_check_at__lte=batch.now)
        .exclude(pk__in=passed_over)
        .order_by("next_check_at", "pk")
    )
    rows = list(due.values_list("pk", "case_id")[:size])
    if not rows:
        return 0
    free = set(
        Case.objects.select_for_update(skip_locked=True, no_key=True)
        .filter(pk__in={case_id for _pk, case_id in rows})
        .values_list("pk", flat=True)
    )
    busy = [pk for pk, case_id in rows if case_id not in free]
    passed_over.update(busy)
    batch.result.deferred += len(busy)
    clocks = (
        SlaClock.objects.filter(pk__in=[pk for pk, case_id in rows if case_id in free])
        .select_related("policy__calendar", "case__owner", "case__team")
        .order_by("next_check_at", "pk")
    )
    moves = [_act(batch, clock) for clock in clocks]
    _save_moves(moves)
    SlaClockEvent.objects.bulk_create(batch.history)
    batch.result.notifications += len(notify_many(batch.notices))
    return len(rows)


def _act(batch: _Batch, clock: SlaClock) -> tuple[SlaClock, datetime | None]:
    """Do what is due on one clock; the clock as changed, and the check it was claimed at."""
    batch.result.checked += 1
    previous_check = clock.next_check_at
    if clock.running_since is None:  # cannot happen through the engine; heal it anyway
        clock.next_check_at = None
    else:
        calendar, plan = batch.calendar(clock.policy), batch.plan(clock)
        dues, _after = timing.due_now(calendar, plan, clock.progress(), batch.now)
        for due in dues:
            _do(batch, clock, due, levels=len(plan.steps))
        clock.next_check_at = timing.next_check(calendar, plan, clock.progress())
    return clock, previous_check


def _save_moves(moves: list[tuple[SlaClock, datetime | None]]) -> None:
    """One conditional UPDATE per clock, sent together: each applies only if the clock
    still waits for the check it was claimed at, so a clock another writer moved
    meanwhile makes the count fall short and the batch roll back."""
    if not moves:
        return
    table, instant = SlaClock._meta.db_table, connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET state = %s, reminded_at = %s, breached_at = %s, "  # noqa: S608
            "escalation_level = %s, next_check_at = %s WHERE id = %s AND next_check_at = %s",
            [
                (
                    clock.state,
                    instant(clock.reminded_at),
                    instant(clock.breached_at),
                    clock.escalation_level,
                    instant(clock.next_check_at),
                    clock.pk,
                    instant(previous),
                )
                for clock, previous in moves
            ],
        )
        if cursor.rowcount != len(moves):
            raise ClaimLost(f"{len(moves) - cursor.rowcount} of {len(moves)} clocks moved")


def _do(batch: _Batch, clock: SlaClock, due: timing.Due, *, levels: int) -> None:
    case, now, quiet = clock.case, batch.now, batch.quiet
    if due.kind == "remind":
        clock.reminded_at = now
        people = [] if quiet else batch.recipients.owner(case)
        _history(batch, clock, SlaClockEvent.Kind.REMINDED, people, reached_at=due.at)
        if not quiet:
            title, body = notices.reminder(case, clock, clock.policy.reminder_percent)
            _tell(batch, people, "sla_reminder", case, title, body)
        batch.result.reminders += 1
        return
    if due.kind == "breach":
        clock.breached_at, clock.state = due.at, SlaClock.State.BREACHED
        people = [] if quiet else batch.recipients.owner(case)
        _history(batch, clock, SlaClockEvent.Kind.BREACHED, people, reached_at=due.at)
        if not quiet:
            _timeline(case, clock, "breach", people, due=due)
            _tell(batch, people, "sla_breach", case, *notices.breach(case, clock))
        batch.result.breaches += 1
        return
    clock.escalation_level = due.level
    people = [] if quiet else batch.recipients.for_step(case, due.who)
    _history(batch, clock, SlaClockEvent.Kind.ESCALATED, people, reached_at=due.at, level=due.level)
    if not quiet:
        _timeline(case, clock, "escalation", people, due=due, who=due.who, level=due.level)
        title, body = notices.escalation(case, clock, due.level, levels, due.who)
        _tell(batch, people, "sla_escalation", case, title, body)
    batch.result.escalations += 1


def _history(
    batch: _Batch,
    clock: SlaClock,
    kind: str,
    people: list[User],
    reached_at: datetime,
    **data: object,
) -> None:
    batch.history.append(
        SlaClockEvent(
            clock=clock,
            kind=kind,
            at=batch.now,
            data={
                "reached_at": reached_at.isoformat(),
                "to": [person.get_username() for person in people],
                **({"quiet": True} if batch.quiet else {}),
                **data,
            },
        )
    )


def settle_quietly(clocks: list[SlaClock], now: datetime) -> PassResult:
    """Bring clocks up to `now` as a pass would, writing only their history (for clocks
    rebuilt from an old timeline, whose reminders and escalations are long past)."""
    batch = _Batch(now, Recipients(now), {}, quiet=True)
    due = [clock for clock in clocks if clock.next_check_at and clock.next_check_at <= now]
    _save_moves([_act(batch, clock) for clock in due])
    SlaClockEvent.objects.bulk_create(batch.history)
    return batch.result


def _timeline(
    case: Case, clock: SlaClock, step: str, people: list[User], *, due: timing.Due, **data: object
) -> None:
    record_event(
        case,
        CaseEvent.Kind.ESCALATED,
        clock=clock.kind,
        step=step,
        due_at=(clock.breached_at or due.at).isoformat(),
        to=[person.get_username() for person in people],
        **data,
    )


def _tell(batch: _Batch, people: list[User], kind: str, case: Case, title: str, body: str) -> None:
    url = batch.url(case)
    batch.notices.extend(Notice(person, kind, title, body, url, case) for person in people)
