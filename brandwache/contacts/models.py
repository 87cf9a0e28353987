from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Contact(models.Model):
    """The person behind messages, reachable through one or more identities."""

    display_name = models.CharField(_("name"), max_length=200, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_contacts",
    )
    # Service-level policies can apply per group (e.g. "business", "premium").
    group = models.CharField(_("customer group"), max_length=50, blank=True, db_index=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        if self.display_name:
            return self.display_name
        first = self.identities.first()
        return first.value if first else f"#{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("web:contact", args=[self.pk])

    def primary_email(self) -> str | None:
        identity = self.identities.filter(kind=Identity.Kind.EMAIL).order_by("id").first()
        return identity.value if identity else None


class Identity(models.Model):
    """One way to reach a contact: an address, a number, a handle."""

    class Kind(models.TextChoices):
        EMAIL = "email", _("E-mail address")
        PHONE = "phone", _("Phone number")
        POSTAL = "postal", _("Postal address")
        SOCIAL = "social", _("Social handle")

    contact = models.ForeignKey(
        Contact, verbose_name=_("contact"), on_delete=models.CASCADE, related_name="identities"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    # Normalised so that the same person written twice matches once.
    value = models.CharField(_("value"), max_length=320)
    label = models.CharField(_("as written"), max_length=320, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("identity")
        verbose_name_plural = _("identities")
        constraints = [
            models.UniqueConstraint(fields=["kind", "value"], name="identity_unique_kind_value")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.label or self.value}"
