"""Clocks on cases (one per case and kind) and the history of each.

A clock measures business time used against its target. While it runs,
`running_since` is set and `used` holds what was used before; a pause banks the
time used and clears `running_since`. `due_at` is when a running clock reaches
its target (kept when it stops, cleared while paused); `next_check_at` is when
the worker must next look at it (reminder, deadline or next escalation step),
None when there is nothing left to do. Both are indexed.

The engine (`sla.clocks`) and the worker (`sla.passes`) are the only writers.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from brandwache.sla.calendar import ZERO
from brandwache.sla.models.policies import SlaPolicy
from brandwache.sla.timing import Plan, Progress


class SlaClock(models.Model):
    class Kind(models.TextChoices):
        FIRST_RESPONSE = "first_response", _("First response")
        NEXT_UPDATE = "next_update", _("Next update")
        RESOLUTION = "resolution", _("Resolution")

    class State(models.TextChoices):
        RUNNING = "running", _("Running")
        PAUSED = "paused", _("Paused")
        MET = "met", _("Met")
        BREACHED = "breached", _("Overdue")  # past the deadline and still running
        CANCELLED = "cancelled", _("Cancelled")

    LIVE_STATES = (State.RUNNING, State.BREACHED, State.PAUSED)
    RUNNING_STATES = (State.RUNNING, State.BREACHED)

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="sla_clocks"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    policy = models.ForeignKey(
        SlaPolicy,
        verbose_name=_("service-level policy"),
        on_delete=models.PROTECT,
        related_name="clocks",
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices)
    target_minutes = models.PositiveIntegerField(_("target (business minutes)"))
    started_at = models.DateTimeField(_("started"))
    running_since = models.DateTimeField(_("running since"), null=True, blank=True)
    paused_at = models.DateTimeField(_("paused"), null=True, blank=True)
    used = models.DurationField(
        _("business time used"),
        default=ZERO,
        help_text=_("Business time used before the current run began."),
    )
    due_at = models.DateTimeField(_("due"), null=True, blank=True, db_index=True)
    next_check_at = models.DateTimeField(_("next check"), null=True, blank=True, db_index=True)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    breached_at = models.DateTimeField(_("deadline passed"), null=True, blank=True)
    escalation_level = models.PositiveSmallIntegerField(_("escalation level"), default=0)
    met_at = models.DateTimeField(_("met"), null=True, blank=True)

    class Meta:
        verbose_name = _("service-level clock")
        verbose_name_plural = _("service-level clocks")
        constraints = [
            models.UniqueConstraint(fields=["case", "kind"], name="sla_one_clock_per_kind"),
            models.CheckConstraint(
                condition=Q(running_since__isnull=True) | Q(state__in=["running", "breached"]),
                name="sla_only_running_clocks_run",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.state}"

    @property
    def target(self) -> timedelta:
        return timedelta(minutes=self.target_minutes)

    @property
    def is_live(self) -> bool:
        return self.state in self.LIVE_STATES

    def progress(self) -> Progress:
        return Progress(
            running_since=self.running_since,
            used=self.used,
            reminded=self.reminded_at is not None,
            breached=self.breached_at is not None,
            level=self.escalation_level,
        )

    def plan(self, policy: SlaPolicy | None = None) -> Plan:
        """Thresholds from the clock's own target and the policy's reminder and steps."""
        policy = policy or self.policy
        return Plan.of(self.target, policy.reminder_percent, policy.escalation_steps())


class SlaClockEvent(models.Model):
    """One line of a clock's history; never changed once written."""

    class Kind(models.TextChoices):
        STARTED = "started", _("Started")
        PAUSED = "paused", _("Paused")
        RESUMED = "resumed", _("Resumed")
        REMINDED = "reminded", _("Reminder sent")
        BREACHED = "breached", _("Deadline passed")
        ESCALATED = "escalated", _("Escalated")
        MET = "met", _("Met")
        CANCELLED = "cancelled", _("Cancelled")
        RETARGETED = "retargeted", _("Target changed")

    clock = models.ForeignKey(
        SlaClock, verbose_name=_("clock"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    at = models.DateTimeField(_("when"))
    data = models.JSONField(_("details"), default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("clock event")
        verbose_name_plural = _("clock events")
        indexes = [
            models.Index(fields=["clock", "at"], name="sla_clockevent_clock_at_idx"),
            models.Index(fields=["kind", "at"], name="sla_clockevent_kind_at_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.clock_id} {self.kind}"
