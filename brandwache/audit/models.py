from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """Who looked at or changed customer data outside a case's own timeline.

    What happens on a case is audited by its CaseEvents; this log holds the rest:
    raw payloads downloaded or processed again, contact pages opened.
    """

    class Action(models.TextChoices):
        RAW_PAYLOAD_DOWNLOADED = "raw_payload_downloaded", _("Raw payload downloaded")
        RAW_MESSAGE_REPROCESSED = "raw_message_reprocessed", _("Raw message processed again")
        CONTACT_VIEWED = "contact_viewed", _("Contact viewed")

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ip_address = models.GenericIPAddressField(_("from address"), null=True, blank=True)
    action = models.CharField(_("action"), max_length=40, choices=Action.choices)
    # "app_label.model:pk", so one log covers every kind of record.
    target = models.CharField(_("record"), max_length=100, db_index=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.target}"
