from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from brandwache.organisations.models import Organisation
from brandwache.sla.admin import ListField

COMMA_SEPARATED = _("Comma-separated.")


class OrganisationForm(forms.ModelForm):
    """The name lists as comma-separated text instead of raw JSON."""

    aliases = ListField(label=_("aliases"), required=False, help_text=COMMA_SEPARATED)
    handles = ListField(
        label=_("handles"),
        required=False,
        help_text=_("Comma-separated: @name, @name@server or name.bsky.social."),
    )
    domains = ListField(label=_("domains"), required=False, help_text=COMMA_SEPARATED)
    products = ListField(label=_("products"), required=False, help_text=COMMA_SEPARATED)

    class Meta:
        model = Organisation
        fields = ["slug", "name", "aliases", "handles", "domains", "products"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    form = OrganisationForm
    list_display = ["name", "slug", "created_at"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
