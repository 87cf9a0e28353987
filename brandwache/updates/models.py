"""The texts of the customer updates, and what happened at each moment of each case."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from brandwache.placeholders import PlaceholderError, validate

# What a template may use; `updates.variables` fills in every one of them.
VARIABLES = (
    "greeting",
    "contact_name",
    "case_reference",
    "case_subject",
    "agent_name",
    "status_url",
    "organisation",
    "date",
)


def validate_template_text(value: str) -> None:
    try:
        validate(value, VARIABLES)
    except PlaceholderError as error:
        raise ValidationError(str(error), code="placeholder") from None


class Moment(models.TextChoices):
    RECEIVED = "received", _("Received")
    ASSIGNED = "assigned", _("A named person took it over")
    WAITING_THIRD_PARTY = "waiting_third_party", _("Waiting for a third party")
    RESOLVED = "resolved", _("Resolved")


class UpdateTemplate(models.Model):
    """The text the customer gets at one moment, in one language; edited by administrators."""

    class Language(models.TextChoices):
        GERMAN = "de", _("German")
        ENGLISH = "en", _("English")

    moment = models.CharField(_("moment"), max_length=32, choices=Moment.choices)
    language = models.CharField(_("language"), max_length=8, choices=Language.choices)
    subject = models.CharField(
        _("subject"),
        max_length=200,
        validators=[validate_template_text],
        help_text=_("The case reference is added when the subject does not contain it."),
    )
    body = models.TextField(
        _("text"),
        validators=[validate_template_text],
        help_text=_(
            "Placeholders: {greeting} (“Guten Tag Petra Muster”), {contact_name}, "
            "{case_reference}, {case_subject}, {agent_name} (the person in charge), "
            "{status_url} (the customer's private status page), {organisation}, {date}."
        ),
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive: nothing is sent at this moment.")
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("customer update text")
        verbose_name_plural = _("customer update texts")
        ordering = ["moment", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["moment", "language"], name="updatetemplate_unique_moment_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_moment_display()} ({self.language})"


class UpdateLog(models.Model):
    """One decision about one moment of one case: sent, due by hand, or skipped and why.

    Sent updates are also `CUSTOMER_UPDATE` events on the case; the rest show on
    the timeline next to the event that caused them.
    """

    class Outcome(models.TextChoices):
        SENT = "sent", _("Sent")
        DUE = "due", _("Due by hand")
        SKIPPED = "skipped", _("Not sent")

    class Reason(models.TextChoices):
        NONE = "", _("—")
        FREQUENCY = "frequency", _("an update went out a short while ago")
        FORM_RECEIPT = "form_receipt", _("the web form sends its own receipt")
        AUTOMATIC_SENDER = "automatic_sender", _("the sender is a machine")
        OLD_MESSAGE = "old_message", _("the message is too old for a receipt")
        NO_CONTACT = "no_contact", _("no contact on the case")
        UNREACHABLE = "unreachable", _("no way to reach the customer")
        NO_TEMPLATE = "no_template", _("no active text for this moment")
        TEMPLATE_ERROR = "template_error", _("the text could not be filled in")
        STILL_OPENING = "still_opening", _("the case was still being opened")
        TOLD_IN_CALL = "told_in_call", _("the customer called; they know it arrived")
        PUBLIC_POST = (
            "public_post",
            _("said in public, not to us: the first answer is the personal contact"),
        )
        ERROR = "error", _("unexpected error")

    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="update_log",
    )
    # The timeline event that caused the decision; shown next to it.
    trigger = models.ForeignKey(
        "cases.CaseEvent",
        verbose_name=_("caused by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="customer_updates",
    )
    moment = models.CharField(_("moment"), max_length=32, choices=Moment.choices)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    reason = models.CharField(
        _("reason"), max_length=32, choices=Reason.choices, blank=True, default=""
    )
    channel = models.CharField(_("channel"), max_length=32, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    message = models.ForeignKey(
        "cases.Message",
        verbose_name=_("message"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # For an update due by hand: what to tell the customer.
    text = models.TextField(_("text"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("customer update decision")
        verbose_name_plural = _("customer update decisions")
        indexes = [models.Index(fields=["case", "created_at"], name="updatelog_case_created_idx")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.moment}: {self.outcome}"
