from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RecentHits(models.Model):
    """The times (Unix seconds) of one key's hits within its window, newest last."""

    key = models.CharField(_("key"), max_length=100, unique=True)
    stamps = models.JSONField(_("times"), default=list)
    # Rows nobody hit for a long time are deleted (`limits.hit` does it on the way).
    touched_at = models.DateTimeField(_("last hit"), db_index=True)

    class Meta:
        verbose_name = _("rate-limit counter")
        verbose_name_plural = _("rate-limit counters")

    def __str__(self) -> str:
        return f"{self.key}: {len(self.stamps)}"
