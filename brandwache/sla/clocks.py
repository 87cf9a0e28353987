"""The clock engine: what each case event does to the case's clocks.

`on_event` is connected to `cases.signals.event_recorded`, so it runs inside
the transaction of every case action, with the case row already written (and
locked) by the action. It never sends anything; the worker (`sla.passes`) does
the reminding and escalating.

| event | clocks |
|---|---|
| case opened | first response and resolution start (policy chosen by the rules) |
| reply sent, outbound entry | first response met; next update met and started again |
| customer update | next update met and started again (once the first response is given) |
| waiting for the customer | every running clock pauses |
| back from waiting | paused clocks resume; every later threshold shifts by the pause |
| resolved or closed | resolution met; first response and next update cancelled |
| reopened | resolution resumes where it stopped; next update starts |
| priority or category changed | live clocks move to the policy that matches now |
| merged into another case | the merged case's clocks are cancelled |

Each change writes an `SlaClockEvent`, and the case's `sla_due_at` is kept equal
to the earliest due time of its running clocks.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from brandwache.cases.models import Case, CaseEvent, Message
from brandwache.sla import timing
from brandwache.sla.calendar import ZERO, BusinessCalendar
from brandwache.sla.matching import choose_policy
from brandwache.sla.models import SlaClock, SlaClockEvent, SlaPolicy
from brandwache.sla.timesource import current_time

Kind = SlaClock.Kind
State = SlaClock.State
History = SlaClockEvent.Kind
FINAL_STATUSES = frozenset({Case.Status.RESOLVED, Case.Status.CLOSED})
WAITING = Case.Status.WAITING_CUSTOMER


def minutes(value: Any) -> int:
    return round(value.total_seconds() / 60)


class CaseClocks:
    """The clocks of one case, changed at one instant by one actor."""

    def __init__(self, case: Case, now: datetime, actor: AbstractBaseUser | None = None) -> None:
        self.case = case
        self.now = now
        self.actor = actor
        self.clocks = {
            clock.kind: clock
            for clock in SlaClock.objects.filter(case=case).select_related("policy__calendar")
        }
        self._calendars: dict[int, BusinessCalendar] = {}

    # -- helpers ---------------------------------------------------------------------------

    def calendar(self, policy: SlaPolicy) -> BusinessCalendar:
        if policy.pk not in self._calendars:
            self._calendars[policy.pk] = policy.business_calendar()
        return self._calendars[policy.pk]

    def live(self) -> list[SlaClock]:
        return [clock for clock in self.clocks.values() if clock.is_live]

    def _record(self, clock: SlaClock, kind: str, **data: object) -> None:
        SlaClockEvent.objects.create(
            clock=clock, kind=kind, at=self.now, actor=self.actor, data=data
        )

    def _schedule(self, clock: SlaClock) -> None:
        """Set due_at and next_check_at from the clock's state, target and policy."""
        if clock.state not in SlaClock.RUNNING_STATES:
            clock.next_check_at = None
            if clock.state == State.PAUSED:
                clock.due_at = None
            return
        calendar, plan, progress = self.calendar(clock.policy), clock.plan(), clock.progress()
        clock.due_at = clock.breached_at or timing.due_at(calendar, plan, progress)
        clock.next_check_at = timing.next_check(calendar, plan, progress)

    def _bank(self, clock: SlaClock) -> None:
        """Add the business time of the current run to `used` and end the run."""
        if clock.running_since is not None:
            calendar = self.calendar(clock.policy)
            clock.used = timing.used_until(calendar, clock.progress(), self.now)
        clock.running_since = None

    # -- transitions -----------------------------------------------------------------------

    def start(self, kind: str, policy: SlaPolicy) -> SlaClock | None:
        """Start (or start again) the clock of `kind`; None when the policy sets no target."""
        target = policy.target(kind)
        if target is None:
            return None
        clock = self.clocks.get(kind)
        if clock is not None and clock.is_live:
            self.meet(clock)  # the next update: the one owed so far was given
        clock = clock or SlaClock(case=self.case, kind=kind)
        paused = self.case.status == WAITING
        clock.policy = policy
        clock.target_minutes = minutes(target)
        clock.started_at = self.now
        clock.used = ZERO
        clock.state = State.PAUSED if paused else State.RUNNING
        clock.running_since = None if paused else self.now
        clock.paused_at = self.now if paused else None
        clock.reminded_at = clock.breached_at = clock.met_at = None
        clock.escalation_level = 0
        self._schedule(clock)
        clock.save()
        self.clocks[kind] = clock
        self._record(
            clock,
            History.STARTED,
            policy=policy.name,
            target_minutes=clock.target_minutes,
            due_at=_iso(clock.due_at),
            paused=paused,
        )
        return clock

    def pause(self, clock: SlaClock, reason: str) -> None:
        if clock.state not in SlaClock.RUNNING_STATES:
            return
        self._bank(clock)
        clock.state, clock.paused_at = State.PAUSED, self.now
        self._schedule(clock)
        clock.save()
        self._record(clock, History.PAUSED, reason=reason, used_minutes=minutes(clock.used))

    def resume(self, clock: SlaClock, reason: str) -> None:
        if clock.state != State.PAUSED:
            return
        paused_at = clock.paused_at or self.now
        clock.state = State.BREACHED if clock.breached_at else State.RUNNING
        clock.running_since, clock.paused_at = self.now, None
        self._schedule(clock)
        clock.save()
        paused_for = self.calendar(clock.policy).business_time_between(paused_at, self.now)
        self._record(
            clock,
            History.RESUMED,
            reason=reason,
            paused_minutes=minutes(paused_for),
            due_at=_iso(clock.due_at),
        )

    def meet(self, clock: SlaClock | None) -> None:
        if clock is None or not clock.is_live:
            return
        self._bank(clock)
        overdue = clock.used > timedelta(minutes=clock.target_minutes)
        if overdue and clock.breached_at is None:
            # Met past the deadline before a worker pass noticed: the breach still counts,
            # at the deadline, without telling anyone (the promise is kept now).
            clock.breached_at = clock.due_at or self.now
            self._record(
                clock, History.BREACHED, reached_at=_iso(clock.breached_at), noticed="when met"
            )
        clock.state, clock.met_at, clock.paused_at = State.MET, self.now, None
        self._schedule(clock)
        clock.save()
        self._record(
            clock,
            History.MET,
            late=clock.breached_at is not None,
            used_minutes=minutes(clock.used),
        )

    def cancel(self, clock: SlaClock | None, reason: str, **details: object) -> None:
        if clock is None or not clock.is_live:
            return
        self._bank(clock)
        clock.state, clock.paused_at = State.CANCELLED, None
        self._schedule(clock)
        clock.save()
        self._record(clock, History.CANCELLED, reason=reason, **details)

    def reopen(self, clock: SlaClock | None) -> None:
        """A met clock runs on with the time it had used (the resolution of a reopened case)."""
        if clock is None or clock.state != State.MET:
            return
        clock.state = State.BREACHED if clock.breached_at else State.RUNNING
        clock.running_since, clock.met_at = self.now, None
        self._schedule(clock)
        clock.save()
        self._record(clock, History.RESUMED, reason="reopened", due_at=_iso(clock.due_at))

    def retarget(self, clock: SlaClock, policy: SlaPolicy, reason: str, **details: object) -> None:
        """Move a live clock to `policy`, keeping the business time it has used.

        What the new thresholds put in the future can happen again (a reminder, the
        breach, escalation steps); what they put in the past and has not happened
        yet is left to the worker, which catches up on its next pass.
        """
        if not clock.is_live or clock.policy_id == policy.pk:
            return
        target = policy.target(clock.kind)
        if target is None:
            self.cancel(clock, reason="no target", policy=policy.name)
            return
        old = {"policy": clock.policy.name, "target_minutes": clock.target_minutes}
        old_due = clock.due_at
        running = clock.state in SlaClock.RUNNING_STATES
        self._bank(clock)
        clock.policy, clock.target_minutes = policy, minutes(target)
        plan, used = clock.plan(), clock.used
        if plan.reminder is not None and used < plan.reminder:
            clock.reminded_at = None
        if used < plan.target:
            clock.breached_at, clock.escalation_level = None, 0
        else:
            passed = sum(1 for i in range(len(plan.steps)) if used >= plan.step_threshold(i))
            clock.escalation_level = min(clock.escalation_level, passed)
        if running:
            clock.running_since = self.now
            clock.state = State.BREACHED if clock.breached_at else State.RUNNING
        self._schedule(clock)
        clock.save()
        self._record(
            clock,
            History.RETARGETED,
            reason=reason,
            old=old,
            policy=policy.name,
            target_minutes=clock.target_minutes,
            old_due_at=_iso(old_due),
            due_at=_iso(clock.due_at),
            **details,
        )

    # -- the case --------------------------------------------------------------------------

    def save_due(self) -> None:
        """Keep `Case.sla_due_at` equal to the earliest due time of the running clocks."""
        running = [
            clock.due_at
            for clock in self.clocks.values()
            if clock.state in SlaClock.RUNNING_STATES and clock.due_at is not None
        ]
        due = min(running, default=None)
        if due != self.case.sla_due_at:
            Case.objects.filter(pk=self.case.pk).update(sla_due_at=due)
            self.case.sla_due_at = due


def on_event(sender: object, event: CaseEvent, case: Case, **kwargs: object) -> None:
    """Receiver of `event_recorded`: the engine at the current (or pinned) time."""
    handle_event(event, case, now=current_time())


def handle_event(event: CaseEvent, case: Case, *, now: datetime) -> None:
    kind = event.kind
    if kind not in HANDLERS:
        return
    if kind == CaseEvent.Kind.MESSAGE_RECEIVED and not _is_outbound(event):
        return
    clocks = CaseClocks(case, now, event.actor)
    HANDLERS[kind](clocks, event.data if isinstance(event.data, dict) else {})
    clocks.save_due()


def _is_outbound(event: CaseEvent) -> bool:
    # An agent's entry of a call or letter *to* the customer answers them as a reply does.
    return event.message_id is not None and event.message.direction == Message.Direction.OUTBOUND


def _opened(clocks: CaseClocks, data: dict[str, Any]) -> None:
    policy = choose_policy(clocks.case)
    if policy is not None:
        clocks.start(Kind.FIRST_RESPONSE, policy)
        clocks.start(Kind.RESOLUTION, policy)


def _replied(clocks: CaseClocks, data: dict[str, Any]) -> None:
    clocks.meet(clocks.clocks.get(Kind.FIRST_RESPONSE))
    _updated(clocks, data)


def _updated(clocks: CaseClocks, data: dict[str, Any]) -> None:
    if clocks.case.status in FINAL_STATUSES:
        clocks.meet(clocks.clocks.get(Kind.NEXT_UPDATE))
        return
    first = clocks.clocks.get(Kind.FIRST_RESPONSE)
    if first is not None and first.is_live:
        return  # an automatic receipt is no answer; updates are owed after the first one
    policy = choose_policy(clocks.case)
    if policy is not None:
        clocks.start(Kind.NEXT_UPDATE, policy)


def _status_changed(clocks: CaseClocks, data: dict[str, Any]) -> None:
    old, new = data.get("old"), data.get("new")
    if new in FINAL_STATUSES:
        if old not in FINAL_STATUSES:
            clocks.meet(clocks.clocks.get(Kind.RESOLUTION))
            clocks.cancel(clocks.clocks.get(Kind.FIRST_RESPONSE), reason=str(new))
            clocks.cancel(clocks.clocks.get(Kind.NEXT_UPDATE), reason=str(new))
        return
    if old in FINAL_STATUSES:
        clocks.reopen(clocks.clocks.get(Kind.RESOLUTION))
        policy = choose_policy(clocks.case)
        if policy is not None:
            clocks.start(Kind.NEXT_UPDATE, policy)
    if new == WAITING:
        for clock in clocks.live():
            clocks.pause(clock, reason=str(new))
    elif old == WAITING:
        for clock in clocks.live():
            clocks.resume(clock, reason=str(data.get("reason") or new))


def _retarget(clocks: CaseClocks, data: dict[str, Any], reason: str) -> None:
    policy = choose_policy(clocks.case)
    if policy is None:
        for clock in clocks.live():
            clocks.cancel(clock, reason="no policy")
        return
    for clock in clocks.live():
        clocks.retarget(clock, policy, reason, old_value=data.get("old"), new_value=data.get("new"))


def _priority_changed(clocks: CaseClocks, data: dict[str, Any]) -> None:
    _retarget(clocks, data, "priority changed")


def _category_changed(clocks: CaseClocks, data: dict[str, Any]) -> None:
    _retarget(clocks, data, "category changed")


def _merged(clocks: CaseClocks, data: dict[str, Any]) -> None:
    if data.get("into"):  # the case merged away, not the one it was merged into
        for clock in clocks.live():
            clocks.cancel(clock, reason="merged", into=data["into"])


HANDLERS = {
    CaseEvent.Kind.CREATED: _opened,
    CaseEvent.Kind.REPLY_SENT: _replied,
    CaseEvent.Kind.MESSAGE_RECEIVED: _replied,  # outbound entries only, see handle_event
    CaseEvent.Kind.CUSTOMER_UPDATE: _updated,
    CaseEvent.Kind.STATUS_CHANGED: _status_changed,
    CaseEvent.Kind.PRIORITY_CHANGED: _priority_changed,
    CaseEvent.Kind.CATEGORY_CHANGED: _category_changed,
    CaseEvent.Kind.MERGED: _merged,
}


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None
