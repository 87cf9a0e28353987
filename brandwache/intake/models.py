from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RawMessage(models.Model):
    """An inbound payload exactly as received, stored before anything reads it.

    Processing turns it into a normalised message on a case; when that fails the
    raw payload stays here with the reason, and can be processed again.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        PROCESSED = "processed", _("Processed")
        FAILED = "failed", _("Could not be processed")

    channel = models.CharField(_("channel"), max_length=32)
    # Same channel + external id = same message: importing it again changes nothing.
    external_id = models.CharField(_("external id"), max_length=255)
    payload = models.BinaryField(_("payload"))
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    metadata = models.JSONField(_("metadata"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    received_at = models.DateTimeField(_("received"), auto_now_add=True)
    processed_at = models.DateTimeField(_("processed"), null=True, blank=True)

    class Meta:
        verbose_name = _("raw message")
        verbose_name_plural = _("raw messages")
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "external_id"], name="rawmessage_unique_channel_external_id"
            )
        ]
        indexes = [models.Index(fields=["status", "-received_at"], name="rawmessage_status_idx")]

    def __str__(self) -> str:
        return f"{self.channel}:{self.external_id}"
