"""The case page's SLA panel: each clock as it stands, and its history in words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from brandwache.cases.models import Case
from brandwache.sla.display import Calendars, Countdown, countdown, duration_text
from brandwache.sla.models import SlaClock, SlaClockEvent

History = SlaClockEvent.Kind
KIND_ORDER = {kind: index for index, kind in enumerate(SlaClock.Kind.values)}
# Reasons the engine writes in plain words, shown translated.
REASONS = {
    "customer replied": _("the customer replied"),
    "reopened": _("the case was reopened"),
    "no policy": _("no policy applies any more"),
}


@dataclass(frozen=True)
class ClockView:
    clock: SlaClock
    countdown: Countdown | None  # running or paused clocks only

    @property
    def kind(self) -> str:
        return str(self.clock.get_kind_display())

    @property
    def state(self) -> str:
        return str(self.clock.get_state_display())

    @property
    def met_late(self) -> bool:
        return self.clock.state == SlaClock.State.MET and self.clock.breached_at is not None

    @property
    def target(self) -> str:
        return duration_text(self.clock.target, round_up=True)


@dataclass(frozen=True)
class HistoryLine:
    at: datetime
    clock: str
    kind: str
    event_kind: str
    actor: Any
    details: str


def clock_views(case: Case, now: datetime) -> list[ClockView]:
    calendars = Calendars()
    clocks = sorted(
        SlaClock.objects.filter(case=case).select_related("policy"),
        key=lambda clock: KIND_ORDER.get(clock.kind, 99),
    )
    views = []
    for clock in clocks:
        live = clock.state in SlaClock.LIVE_STATES
        left = countdown(clock, calendars.for_policy(clock.policy), now) if live else None
        views.append(ClockView(clock, left))
    return views


def history(case: Case) -> list[HistoryLine]:
    events = (
        SlaClockEvent.objects.filter(clock__case=case)
        .select_related("clock", "actor")
        .order_by("at", "pk")
    )
    return [
        HistoryLine(
            at=event.at,
            clock=str(event.clock.get_kind_display()),
            kind=str(event.get_kind_display()),
            event_kind=event.kind,
            actor=event.actor,
            details=describe(event.kind, event.data if isinstance(event.data, dict) else {}),
        )
        for event in events
    ]


def reason_text(reason: object) -> str:
    text = str(reason or "")
    if text in Case.Status.values:
        return str(Case.Status(text).label)
    return str(REASONS.get(text, text))


def minutes_text(value: object) -> str:
    if not isinstance(value, int) or isinstance(value, bool):
        return ""
    return duration_text(timedelta(minutes=value), round_up=True)


def describe(kind: str, data: dict[str, Any]) -> str:
    """One line of details for a history entry; empty when there is nothing to add."""
    people = ", ".join(str(name) for name in data.get("to") or [])
    if kind == History.STARTED:
        text = gettext("%(policy)s, target %(target)s") % {
            "policy": data.get("policy", ""),
            "target": minutes_text(data.get("target_minutes")),
        }
        return text + (" · " + gettext("paused from the start") if data.get("paused") else "")
    if kind in (History.PAUSED, History.CANCELLED):
        return reason_text(data.get("reason"))
    if kind == History.RESUMED:
        text = reason_text(data.get("reason"))
        if data.get("paused_minutes"):
            paused = minutes_text(data["paused_minutes"])
            text += " · " + gettext("paused for %(time)s") % {"time": paused}
        return text
    if kind == History.MET:
        return gettext("after the deadline") if data.get("late") else ""
    if kind == History.ESCALATED:
        step = gettext("step %(level)s") % {"level": data.get("level", "")}
        return step + (" · " + gettext("to %(people)s") % {"people": people} if people else "")
    if kind in (History.REMINDED, History.BREACHED):
        return gettext("to %(people)s") % {"people": people} if people else ""
    if kind == History.RETARGETED:
        old = data.get("old") if isinstance(data.get("old"), dict) else {}
        return gettext("%(old)s → %(new)s, target %(target)s") % {
            "old": old.get("policy", ""),
            "new": data.get("policy", ""),
            "target": minutes_text(data.get("target_minutes")),
        }
    return ""
