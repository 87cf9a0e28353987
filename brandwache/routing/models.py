"""Paten (a named owner per category, with a deputy), their absences, and routing rules."""

from __future__ import annotations

import re
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from brandwache.cases.categories import category_choices, category_label
from brandwache.cases.models import Case, Team
from brandwache.intake.channels.base import all_channels
from brandwache.triage.models import (
    KIND_CHOICES,
    LANGUAGE_CHOICES,
    SENTIMENT_CHOICES,
    URGENCY_CHOICES,
)


# Categories and channels are choices read when needed (callables), so a changed
# BRANDWACHE_CATEGORIES needs no migration; a key no longer configured fails validation.
def channel_choices() -> list[tuple[str, str | Promise]]:
    """Every registered channel, read when a form or validation needs it."""
    return [(channel.key, channel.label) for channel in all_channels()]


TRIAGE_CONDITIONS = ("language", "sentiment", "message_kind", "urgency_signal")
AS_FOUND = _("As the triage found it. Empty: any.")


def triage_condition(
    verbose_name: str | Promise,
    choices: list[tuple[str, str | Promise]],
    help_text: str | Promise = AS_FOUND,
) -> models.CharField:
    """A rule condition on one of the triage's findings; empty means any."""
    return models.CharField(
        verbose_name, max_length=16, blank=True, choices=choices, help_text=help_text
    )


class TopicOwner(models.Model):
    """The Pate of a category: decides its cases without a standard answer; the deputy
    stands in while the Pate is absent."""

    category = models.CharField(
        _("category"),
        max_length=100,
        unique=True,
        choices=category_choices,
    )
    pate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Pate"),
        on_delete=models.PROTECT,
        related_name="paten",
    )
    deputy = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deputy"),
        on_delete=models.PROTECT,
        related_name="deputy_paten",
    )
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Cases handed to the Pate or the deputy move to this team; empty: unchanged."),
    )

    class Meta:
        verbose_name = _("Pate")
        verbose_name_plural = _("Paten")
        ordering = ["category"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(pate=models.F("deputy")), name="topicowner_deputy_not_pate"
            )
        ]

    def __str__(self) -> str:
        return str(category_label(self.category))

    def clean(self) -> None:
        if self.pate_id is not None and self.pate_id == self.deputy_id:
            raise ValidationError(
                {"deputy": _("The deputy must be someone other than the Pate.")},
                code="deputy_is_pate",
            )


class Absence(models.Model):
    """A person away from work from one day to another (both days included)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="absences",
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        ordering = ["-starts_on", "user"]
        indexes = [models.Index(fields=["user", "ends_on"], name="absence_user_end_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="absence_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.starts_on:%d.%m.%Y}–{self.ends_on:%d.%m.%Y}"

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError(
                {"ends_on": _("The last day cannot lie before the first day.")},
                code="ends_before_start",
            )

    def covers(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on


KEYWORD_SEPARATORS = re.compile(r"[,\n;]+")


class RoutingRule(models.Model):
    """Where a new case goes: the first active rule (by order) whose conditions all hold."""

    class Action(models.TextChoices):
        TEAM = "team", _("Give it to a team")
        OWNER = "owner", _("Give it to a person")
        PATE = "pate", _("Give it to the Pate of its category")

    order = models.PositiveIntegerField(
        _("order"), default=100, help_text=_("Lower numbers are checked first.")
    )
    name = models.CharField(_("name"), max_length=100)
    active = models.BooleanField(_("active"), default=True)
    channel = models.CharField(
        _("channel"), max_length=32, blank=True, choices=channel_choices, help_text=_("Empty: any.")
    )
    category = models.CharField(
        _("category"),
        max_length=100,
        blank=True,
        choices=category_choices,
        help_text=_("Empty: any."),
    )
    priority = models.CharField(
        _("priority"),
        max_length=10,
        blank=True,
        choices=Case.Priority.choices,
        help_text=_("Empty: any."),
    )
    # What the triage found in the message that opened the case (agents' corrections count).
    language = triage_condition(_("language"), LANGUAGE_CHOICES)
    sentiment = triage_condition(_("sentiment"), SENTIMENT_CHOICES)
    message_kind = triage_condition(_("kind of message"), KIND_CHOICES)
    urgency_signal = triage_condition(
        _("urgency signal"),
        URGENCY_CHOICES,
        _("The triage found this signal, perhaps among others. Empty: any."),
    )
    keywords = models.TextField(
        _("customer text contains"),
        blank=True,
        help_text=_(
            "One or more words or phrases, separated by commas or new lines; the rule holds "
            "when the subject or the customer's first message contains any of them "
            "(upper and lower case alike). Empty: any text."
        ),
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "Required for “team”; for the other actions the case moves to this team too "
            "(empty: the Pate's team, else unchanged)."
        ),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Required for “person”."),
    )

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.action == self.Action.TEAM and self.team_id is None:
            raise ValidationError({"team": _("Name the team the cases go to.")}, code="no_team")
        if self.action == self.Action.OWNER and self.owner_id is None:
            raise ValidationError({"owner": _("Name the person the cases go to.")}, code="no_owner")
        if self.action != self.Action.OWNER and self.owner_id is not None:
            raise ValidationError(
                {"owner": _("Only the action “person” gives cases to a named person.")},
                code="owner_unused",
            )

    def uses_triage(self) -> bool:
        """Whether the rule can only decide once the triage has analysed the first message."""
        return any(getattr(self, name) for name in TRIAGE_CONDITIONS)

    def keyword_list(self) -> list[str]:
        """The keywords, case-folded, without empty entries."""
        return [
            word.strip().casefold()
            for word in KEYWORD_SEPARATORS.split(self.keywords)
            if word.strip()
        ]
