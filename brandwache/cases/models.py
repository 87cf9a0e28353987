from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def new_status_token() -> str:
    return secrets.token_urlsafe(24)


class Team(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("members"), related_name="teams", blank=True
    )

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ReferenceCounter(models.Model):
    """The last case number given out per year, for references like BW-2026-00042."""

    year = models.PositiveIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("reference counter")

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


class Case(models.Model):
    """A complaint, question or request; groups messages of any channel on one timeline."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        OPEN = "open", _("Open")
        WAITING_CUSTOMER = "waiting_customer", _("Waiting for customer")
        WAITING_INTERNAL = "waiting_internal", _("Waiting internally")
        WAITING_THIRD_PARTY = "waiting_third_party", _("Waiting for a third party")
        RESOLVED = "resolved", _("Resolved")
        CLOSED = "closed", _("Closed")

    class Priority(models.TextChoices):
        LOW = "low", _("Low")
        NORMAL = "normal", _("Normal")
        HIGH = "high", _("High")
        URGENT = "urgent", _("Urgent")

    reference = models.CharField(_("reference"), max_length=20, unique=True)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.NORMAL
    )
    category = models.CharField(_("category"), max_length=100, blank=True)
    channel = models.CharField(_("first channel"), max_length=32)
    contact = models.ForeignKey(
        "contacts.Contact",
        verbose_name=_("contact"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_cases",
    )
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_cases",
    )
    # Secret part of the customer's private status link.
    status_token = models.CharField(max_length=64, unique=True, default=new_status_token)
    # When the status link was last handed out; it expires STATUS_LINK_DAYS later (empty:
    # since the case was opened).
    status_token_issued_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    last_message_at = models.DateTimeField(_("last message"), null=True, blank=True)
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # The earliest due time of the case's running SLA clocks, kept by the sla app.
    sla_due_at = models.DateTimeField(_("SLA due"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        permissions = [("view_all_cases", _("Can see the cases of every team"))]
        indexes = [
            models.Index(fields=["status", "-last_message_at"], name="case_status_last_idx"),
            models.Index(fields=["-last_message_at"], name="case_last_message_idx"),
            models.Index(fields=["owner", "status"], name="case_owner_status_idx"),
            models.Index(fields=["team", "status"], name="case_team_status_idx"),
            models.Index(fields=["channel", "status"], name="case_channel_status_idx"),
            # The inbox walks these in page order (backwards for the newest first), so
            # a filter on owner or team, or none, stops after one page even on SQLite.
            models.Index(fields=["merged_into", "last_message_at"], name="case_merged_last_idx"),
            models.Index(fields=["owner", "last_message_at"], name="case_owner_last_idx"),
            models.Index(fields=["team", "last_message_at"], name="case_team_last_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.subject}".strip()

    def get_absolute_url(self) -> str:
        return reverse("web:case", args=[self.reference])

    @property
    def is_open(self) -> bool:
        return self.status not in {self.Status.RESOLVED, self.Status.CLOSED}


class Message(models.Model):
    """One communication on one channel, normalised; inbound ones point to their raw payload."""

    class Direction(models.TextChoices):
        INBOUND = "in", _("Inbound")
        OUTBOUND = "out", _("Outbound")

    class Delivery(models.TextChoices):
        NOT_APPLICABLE = "", _("—")
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="messages"
    )
    raw = models.OneToOneField(
        "intake.RawMessage",
        verbose_name=_("raw message"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="message",
    )
    direction = models.CharField(_("direction"), max_length=3, choices=Direction.choices)
    channel = models.CharField(_("channel"), max_length=32)
    contact = models.ForeignKey(
        "contacts.Contact",
        verbose_name=_("contact"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="messages",
    )
    sender = models.CharField(_("sender"), max_length=320, blank=True)
    recipient = models.CharField(_("recipient"), max_length=320, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written or entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    text = models.TextField(_("text"), blank=True)
    quoted_text = models.TextField(_("quoted text"), blank=True)
    signature = models.TextField(_("signature"), blank=True)
    html = models.TextField(_("sanitised HTML"), blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=255, blank=True, db_index=True)
    in_reply_to = models.CharField(_("In-Reply-To"), max_length=255, blank=True)
    references = models.TextField(_("References"), blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    delivery = models.CharField(
        _("delivery"), max_length=8, choices=Delivery.choices, blank=True, default=""
    )
    delivery_error = models.TextField(_("delivery error"), blank=True)
    # The outbox (see `delivery.py`): tries so far, when the next may start (empty: now),
    # until when the worker sending it holds it, when the mail server accepted it.
    delivery_attempts = models.PositiveSmallIntegerField(_("delivery attempts"), default=0)
    delivery_due_at = models.DateTimeField(_("next delivery attempt"), null=True, blank=True)
    delivery_claimed_until = models.DateTimeField(_("being sent until"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("accepted by the mail server"), null=True, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [
            models.Index(fields=["case", "created_at"], name="message_case_created_idx"),
            models.Index(fields=["delivery", "delivery_due_at"], name="message_delivery_due_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_direction_display()} {self.channel}: {self.subject}"


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"attachments/{instance.sha256[:2]}/{instance.sha256}"


class Attachment(models.Model):
    message = models.ForeignKey(
        Message, verbose_name=_("message"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    filename = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.filename


class CaseEvent(models.Model):
    """The timeline and audit trail of a case: who did what, when, from where."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Case opened")
        MESSAGE_RECEIVED = "message_received", _("Message received")
        REPLY_SENT = "reply_sent", _("Reply sent")
        DELIVERY_RETRIED = "delivery_retried", _("Delivery retried")
        NOTE = "note", _("Internal note")
        ASSIGNED = "assigned", _("Assigned")
        STATUS_CHANGED = "status_changed", _("Status changed")
        PRIORITY_CHANGED = "priority_changed", _("Priority changed")
        CATEGORY_CHANGED = "category_changed", _("Category changed")
        SUBJECT_CHANGED = "subject_changed", _("Subject changed")
        MERGED = "merged", _("Cases merged")
        VIEWED = "viewed", _("Viewed")
        CONFIRMATION_SENT = "confirmation_sent", _("Receipt sent to the customer")
        CONTACT_MERGED = "contact_merged", _("Contact merged")
        IDENTITY_ADDED = "identity_added", _("Contact detail added")
        CUSTOMER_UPDATE = "customer_update", _("Customer informed")
        ESCALATED = "escalated", _("Escalated")
        LABEL_CORRECTED = "label_corrected", _("Triage label corrected")
        GESTURE_RECORDED = "gesture_recorded", _("Goodwill gesture recorded")
        RELATED = "related", _("Possibly related case")
        STATUS_LINK_SENT = "status_link_sent", _("New status link sent to the customer")

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    message = models.ForeignKey(
        Message, verbose_name=_("message"), null=True, blank=True, on_delete=models.CASCADE
    )
    body = models.TextField(_("text"), blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("from address"), null=True, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        indexes = [models.Index(fields=["case", "created_at"], name="caseevent_case_created_idx")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind}"


class WorkerHeartbeat(models.Model):
    """A running `brandwache worker`; its tasks are run again once it has not been seen for
    the task lease (killed, or its machine stopped)."""

    worker_id = models.CharField(_("worker"), max_length=64, primary_key=True)
    host = models.CharField(_("host"), max_length=255, blank=True)
    pid = models.PositiveIntegerField(_("process id"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"))
    last_seen = models.DateTimeField(_("last seen"), db_index=True)

    class Meta:
        verbose_name = _("worker")
        verbose_name_plural = _("workers")

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.host}:{self.pid})"
