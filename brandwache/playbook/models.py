"""What the playbook records: each sent reply's checks, goodwill gestures, agents' verdicts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReplyReview(models.Model):
    """The playbook checks of one sent reply, kept for quality reports (one row per reply)."""

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="+"
    )
    message = models.OneToOneField(
        "cases.Message",
        verbose_name=_("reply"),
        on_delete=models.CASCADE,
        related_name="playbook_review",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_complaint = models.BooleanField(_("complaint"))
    apology = models.BooleanField(_("apology"))
    concrete_action = models.BooleanField(_("concrete action with a precise time"))
    excuse = models.BooleanField(_("excuse about internal trouble"))
    next_step = models.BooleanField(_("next step told"))
    greeting_by_name = models.BooleanField(_("greeting by name"))
    refers_to_customer = models.BooleanField(_("refers to the customer's message"))
    standard_text = models.BooleanField(_("unchanged standard text"))
    personalised = models.BooleanField(_("personal"))
    sent_anyway = models.BooleanField(_("sent despite the warning"), default=False)
    evidence = models.JSONField(_("evidence"), default=dict, blank=True)
    detector_version = models.CharField(_("detector version"), max_length=40)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("reply review")
        verbose_name_plural = _("reply reviews")
        indexes = [
            models.Index(fields=["created_at"], name="replyreview_created_idx"),
            models.Index(fields=["case", "created_at"], name="replyreview_case_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}/{self.message_id}"


class GoodwillGesture(models.Model):
    """A small, unexpected extra for the customer at the end of a complaint."""

    class Kind(models.TextChoices):
        VOUCHER = "voucher", _("Voucher")
        CREDIT_NOTE = "credit_note", _("Credit note")
        SMALL_GIFT = "small_gift", _("Small gift")
        PERSONAL_CALL = "personal_call", _("Personal call")
        OTHER = "other", _("Other")

    class Currency(models.TextChoices):
        CHF = "CHF", "CHF"
        EUR = "EUR", "EUR"

    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="goodwill_gestures",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    value = models.DecimalField(_("value"), max_digits=9, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("goodwill gesture")
        verbose_name_plural = _("goodwill gestures")
        indexes = [models.Index(fields=["case", "created_at"], name="gesture_case_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount}".strip()

    @property
    def amount(self) -> str:
        """ "CHF 20" or "EUR 12.50"; empty without a value."""
        if self.value is None:
            return ""
        number = f"{self.value:.2f}".removesuffix(".00")
        return f"{self.currency} {number}".strip()


class ComplaintMark(models.Model):
    """An agent's word on whether a case without triage is a complaint; the newest counts."""

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="+"
    )
    is_complaint = models.BooleanField(_("complaint"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ip_address = models.GenericIPAddressField(_("from address"), null=True, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("complaint mark")
        verbose_name_plural = _("complaint marks")
        indexes = [models.Index(fields=["case", "-created_at"], name="complaintmark_case_idx")]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.is_complaint}"
