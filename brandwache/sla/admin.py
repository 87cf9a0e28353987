from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from brandwache.cases.categories import category_choices
from brandwache.cases.models import Case
from brandwache.intake.channels.base import all_channels
from brandwache.readonly_admin import ReadOnlyModelAdmin
from brandwache.scoped_admin import TeamScopedAdmin
from brandwache.sla.models import BusinessCalendar, ClosedDay, SlaClock, SlaClockEvent, SlaPolicy


class ClosedDayInline(admin.TabularInline):
    model = ClosedDay
    extra = 1


@admin.register(BusinessCalendar)
class BusinessCalendarAdmin(admin.ModelAdmin):
    list_display = ["name", "time_zone", "country", "subdivision", "is_default"]
    list_filter = ["country"]
    search_fields = ["name"]
    inlines = [ClosedDayInline]


def _channel_choices() -> list[tuple[str, Any]]:
    known = [(channel.key, channel.label) for channel in all_channels()]
    keys = {key for key, _label in known}
    return known + [(key, key) for key in settings.BRANDWACHE_PUBLIC_CHANNELS if key not in keys]


class ListField(forms.CharField):
    """A JSON list of names edited as comma-separated text."""

    def prepare_value(self, value: Any) -> str:
        return ", ".join(value) if isinstance(value, list) else str(value or "")

    def to_python(self, value: Any) -> list[str]:
        return [item.strip() for item in str(value or "").split(",") if item.strip()]


class SlaPolicyForm(forms.ModelForm):
    """Conditions as checkboxes (empty: any) instead of raw JSON lists."""

    channels = forms.MultipleChoiceField(
        label=_("channels"), required=False, widget=forms.CheckboxSelectMultiple
    )
    categories = forms.MultipleChoiceField(
        label=_("categories"), required=False, widget=forms.CheckboxSelectMultiple
    )
    priorities = forms.MultipleChoiceField(
        label=_("priorities"),
        required=False,
        choices=Case.Priority.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    customer_groups = ListField(
        label=_("customer groups"),
        required=False,
        help_text=_("Comma-separated, as on the contacts; empty: every customer."),
    )

    class Meta:
        model = SlaPolicy
        fields = [
            "name",
            "active",
            "order",
            "calendar",
            "first_response_minutes",
            "next_update_minutes",
            "resolution_minutes",
            "reminder_percent",
            "escalation",
            "channels",
            "categories",
            "priorities",
            "customer_groups",
            "visibility",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        stored = self.instance.categories or []
        choices = list(category_choices())
        choices += [(key, key) for key in stored if key not in dict(choices)]
        self.fields["categories"].choices = choices
        self.fields["channels"].choices = _channel_choices()


@admin.register(SlaPolicy)
class SlaPolicyAdmin(admin.ModelAdmin):
    form = SlaPolicyForm
    list_display = [
        "name",
        "order",
        "active",
        "first_response_minutes",
        "next_update_minutes",
        "resolution_minutes",
        "reminder_percent",
        "calendar",
    ]
    list_editable = ["order", "active"]
    fieldsets = [
        (None, {"fields": ["name", "active", "order", "calendar"]}),
        (
            _("Targets (business minutes; empty: no promise)"),
            {"fields": ["first_response_minutes", "next_update_minutes", "resolution_minutes"]},
        ),
        (_("Reminder and escalation"), {"fields": ["reminder_percent", "escalation"]}),
        (
            _("Applies to (empty: any)"),
            {"fields": ["channels", "categories", "priorities", "customer_groups", "visibility"]},
        ),
    ]


class SlaClockEventInline(admin.TabularInline):
    model = SlaClockEvent
    fields = ["at", "kind", "actor", "data"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(SlaClock)
class SlaClockAdmin(TeamScopedAdmin, ReadOnlyModelAdmin):
    case_path = "case"
    list_display = ["case", "kind", "state", "policy", "due_at", "next_check_at", "breached_at"]
    list_filter = ["kind", "state", "policy"]
    search_fields = ["case__reference"]
    list_select_related = ["case", "policy"]
    raw_id_fields = ["case"]
    inlines = [SlaClockEventInline]
