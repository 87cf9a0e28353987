"""Service-level policies: the promised times and who hears about a missed one.

The first active policy (by `order`) whose conditions all match a case applies
to it; an empty condition matches anything. Targets are business minutes in the
policy's calendar (or the default one); an empty target promises nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from brandwache.batchmemo import remembered
from brandwache.sla import calendar
from brandwache.sla.models.calendars import BusinessCalendar
from brandwache.sla.timing import EscalationStep


def default_escalation() -> list[dict[str, object]]:
    """The Pate's deputy when the deadline passes, the team lead two business hours later."""
    return [{"who": "deputy", "after": 0}, {"who": "team_lead", "after": 120}]


class SlaPolicy(models.Model):
    class Visibility(models.TextChoices):
        ANY = "any", _("Public or private")
        PUBLIC = "public", _("Public threads only")
        PRIVATE = "private", _("Private messages only")

    class Who(models.TextChoices):
        DEPUTY = "deputy", _("Deputy of the Pate")
        TEAM_LEAD = "team_lead", _("Team lead")
        PATE = "pate", _("Pate")
        OWNER = "owner", _("Owner of the case")

    name = models.CharField(_("name"), max_length=100, unique=True)
    active = models.BooleanField(_("active"), default=True)
    order = models.PositiveIntegerField(
        _("order"), default=100, help_text=_("Policies are tried from the lowest number up.")
    )
    calendar = models.ForeignKey(
        BusinessCalendar,
        verbose_name=_("business calendar"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="policies",
        help_text=_("Empty: the default calendar."),
    )
    first_response_minutes = models.PositiveIntegerField(
        _("first response (business minutes)"), null=True, blank=True
    )
    next_update_minutes = models.PositiveIntegerField(
        _("next update (business minutes)"),
        null=True,
        blank=True,
        help_text=_("How long the customer may wait for news after each reply or update."),
    )
    resolution_minutes = models.PositiveIntegerField(
        _("resolution (business minutes)"), null=True, blank=True
    )
    reminder_percent = models.PositiveSmallIntegerField(
        _("reminder at (percent of the target)"),
        default=80,
        validators=[MaxValueValidator(99)],
        help_text=_("0: no reminder."),
    )
    escalation = models.JSONField(
        _("escalation steps"),
        default=default_escalation,
        blank=True,
        help_text=_(
            'Who is told, how many business minutes after the deadline, e.g. [{"who": '
            '"deputy", "after": 0}, {"who": "team_lead", "after": 120}]; who is one of '
            "deputy, team_lead, pate, owner."
        ),
    )
    channels = models.JSONField(
        _("channels"), default=list, blank=True, help_text=_("Empty: every channel.")
    )
    categories = models.JSONField(
        _("categories"), default=list, blank=True, help_text=_("Empty: every category.")
    )
    priorities = models.JSONField(
        _("priorities"), default=list, blank=True, help_text=_("Empty: every priority.")
    )
    customer_groups = models.JSONField(
        _("customer groups"), default=list, blank=True, help_text=_("Empty: every customer.")
    )
    visibility = models.CharField(
        _("public or private"), max_length=8, choices=Visibility.choices, default=Visibility.ANY
    )

    class Meta:
        verbose_name = _("service-level policy")
        verbose_name_plural = _("service-level policies")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name

    def target(self, kind: str) -> timedelta | None:
        """The promised business time for a clock kind, None when the policy promises none."""
        minutes = {
            "first_response": self.first_response_minutes,
            "next_update": self.next_update_minutes,
            "resolution": self.resolution_minutes,
        }[kind]
        return None if minutes is None else timedelta(minutes=minutes)

    def escalation_steps(self) -> tuple[EscalationStep, ...]:
        """The steps in the order they fire; a stored list that fails validation gives none."""
        try:
            return parse_escalation(self.escalation)
        except ValueError:
            return ()

    def matches(
        self, *, channel: str, category: str, priority: str, group: str, public: bool
    ) -> bool:
        if self.visibility == self.Visibility.PUBLIC and not public:
            return False
        if self.visibility == self.Visibility.PRIVATE and public:
            return False
        return all(
            not allowed or value in allowed
            for allowed, value in (
                (self.channels, channel),
                (self.categories, category),
                (self.priorities, priority),
                (self.customer_groups, group),
            )
        )

    def business_calendar(self) -> calendar.BusinessCalendar:
        """The calendar its targets are counted in, as a value for the arithmetic."""
        stored = self.calendar or remembered("sla.default_calendar", BusinessCalendar.default)
        if stored is None:
            raise BusinessCalendar.DoesNotExist("no default business calendar")
        return remembered(("sla.calendar", stored.pk), stored.as_calendar)

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        try:
            parse_escalation(self.escalation)
        except ValueError:
            errors["escalation"] = _(
                'Enter a list of steps such as [{"who": "deputy", "after": 0}]; who is one of '
                "deputy, team_lead, pate, owner, after a number of business minutes (0 or more)."
            )
        for name in ("channels", "categories", "priorities", "customer_groups"):
            value = getattr(self, name)
            if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
                errors[name] = _('Enter a list of names, e.g. ["email", "webform"], or [].')
        if errors:
            raise ValidationError(errors)


def parse_escalation(data: object) -> tuple[EscalationStep, ...]:
    """Read stored escalation steps, sorted by when they fire; ValueError if malformed."""
    if not isinstance(data, Sequence) or isinstance(data, str):
        raise ValueError("escalation steps are a list")
    steps = []
    for item in data:
        if not isinstance(item, dict):
            raise ValueError("each step is an object")
        who, after = item.get("who"), item.get("after", 0)
        if who not in SlaPolicy.Who.values:
            raise ValueError(f"unknown person {who!r}")
        if not isinstance(after, int) or isinstance(after, bool) or after < 0:
            raise ValueError(f"after must be whole minutes, not {after!r}")
        steps.append(EscalationStep(who=who, after=timedelta(minutes=after)))
    return tuple(sorted(steps, key=lambda step: step.after))
