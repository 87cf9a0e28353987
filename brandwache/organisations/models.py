"""The companies a desk serves or an advocate watches, and the names they go by."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

LIST_FIELDS = ("aliases", "handles", "domains", "products")


def _validate_names(value: object) -> None:
    if not isinstance(value, list) or not all(
        isinstance(item, str) and item.strip() for item in value
    ):
        raise ValidationError(_("Expected a list of non-empty names."))


class Organisation(models.Model):
    slug = models.SlugField(_("slug"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200)
    # Lists of strings: other names, "@handle" / "@handle@server" / "name.bsky.social",
    # domains ("alpenbahn.ch") and product names, all matched as whole words.
    aliases = models.JSONField(_("aliases"), default=list, blank=True, validators=[_validate_names])
    handles = models.JSONField(_("handles"), default=list, blank=True, validators=[_validate_names])
    domains = models.JSONField(_("domains"), default=list, blank=True, validators=[_validate_names])
    products = models.JSONField(
        _("products"), default=list, blank=True, validators=[_validate_names]
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
