"""Administrators edit the update texts here; the decisions are shown, never changed."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from brandwache.audit.actions import record_audit
from brandwache.client import client_ip
from brandwache.placeholders import PlaceholderError, render
from brandwache.readonly_admin import ReadOnlyModelAdmin
from brandwache.scoped_admin import TeamScopedAdmin
from brandwache.statuslinks import hide_status_links
from brandwache.updates.models import UpdateLog, UpdateTemplate

SAMPLE = {
    "greeting": "Guten Tag Petra Muster",
    "contact_name": "Petra Muster",
    "case_reference": "BW-2026-00042",
    "case_subject": "Rechnung doppelt belastet",
    "agent_name": "Anna Keller",
    "status_url": "https://service.example.ch/status/…/",
    "organisation": "Brandwache",
    "date": "24.11.2026",
}


@admin.register(UpdateTemplate)
class UpdateTemplateAdmin(admin.ModelAdmin):
    list_display = ["moment", "language", "subject", "active", "updated_at"]
    list_filter = ["moment", "language", "active"]
    readonly_fields = ["preview"]
    fields = ["moment", "language", "active", "subject", "body", "preview"]

    @admin.display(description=_("Preview with sample data"))
    def preview(self, template: UpdateTemplate) -> str:
        if not template.pk:
            return ""
        try:
            return render(template.subject, SAMPLE) + "\n\n" + render(template.body, SAMPLE)
        except PlaceholderError as error:
            return str(error)

    def save_model(
        self, request: HttpRequest, obj: UpdateTemplate, form: ModelForm, change: bool
    ) -> None:
        super().save_model(request, obj, form, change)
        record_audit(
            request.user,
            "update_template_changed" if change else "update_template_added",
            obj,
            ip=client_ip(request),
            fields=sorted(form.changed_data),
        )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # switch a text off instead; there is one per moment and language


@admin.register(UpdateLog)
class UpdateLogAdmin(TeamScopedAdmin, ReadOnlyModelAdmin):
    case_path = "case"
    list_display = ["created_at", "case_reference", "moment", "outcome", "reason", "channel"]
    list_filter = ["outcome", "reason", "moment"]
    list_select_related = ["case"]
    search_fields = ["case__reference"]
    raw_id_fields = ["case", "trigger", "message"]
    # The words to tell the customer hold their status link: shown with its token cut out.
    exclude = ["text"]
    readonly_fields = ["text_to_tell"]

    @admin.display(description=_("text"))
    def text_to_tell(self, record: UpdateLog) -> str:
        return hide_status_links(record.text)

    @admin.display(description=_("case"), ordering="case__reference")
    def case_reference(self, record: UpdateLog) -> str:
        return record.case.reference

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).select_related("case")
