"""Configuration of Paten, absences and routing rules (changes are logged by the admin)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import ForeignKey
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from brandwache.cases.categories import category_label
from brandwache.people import person_name
from brandwache.routing.models import Absence, RoutingRule, TopicOwner
from brandwache.web.forms import agent_users

AGENT_FIELDS = {"pate", "deputy", "owner"}


class AgentChoicesMixin:
    """Only agents can be Paten, deputies or the person a rule names."""

    def formfield_for_foreignkey(
        self, db_field: ForeignKey, request: HttpRequest, **kwargs: Any
    ) -> forms.ModelChoiceField | None:
        if db_field.name in AGENT_FIELDS:
            kwargs["queryset"] = agent_users()
            field = super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]
            if field is not None:
                field.label_from_instance = person_name
            return field
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]


@admin.register(TopicOwner)
class TopicOwnerAdmin(AgentChoicesMixin, admin.ModelAdmin):
    list_display = ["category_name", "pate", "deputy", "team"]
    list_select_related = ["pate", "deputy", "team"]

    @admin.display(description=_("category"), ordering="category")
    def category_name(self, obj: TopicOwner) -> str:
        return category_label(obj.category)


@admin.register(Absence)
class AbsenceAdmin(admin.ModelAdmin):
    list_display = ["user", "starts_on", "ends_on", "note"]
    list_filter = ["user"]
    list_select_related = ["user"]
    date_hierarchy = "starts_on"
    search_fields = ["user__username", "user__first_name", "user__last_name", "note"]


@admin.register(RoutingRule)
class RoutingRuleAdmin(AgentChoicesMixin, admin.ModelAdmin):
    list_display = ["order", "name", "active", "conditions", "outcome"]
    list_display_links = ["name"]
    list_editable = ["order", "active"]
    list_filter = ["active", "action"]
    list_select_related = ["team", "owner"]
    search_fields = ["name", "keywords"]
    fieldsets = [
        (None, {"fields": ["order", "name", "active"]}),
        (_("When"), {"fields": ["channel", "category", "priority", "keywords"]}),
        (
            _("When the triage found"),
            {"fields": ["language", "sentiment", "message_kind", "urgency_signal"]},
        ),
        (_("Then"), {"fields": ["action", "team", "owner"]}),
    ]

    @admin.display(description=_("when"))
    def conditions(self, rule: RoutingRule) -> str:
        parts = [
            str(rule.get_channel_display()) if rule.channel else "",
            category_label(rule.category),
            str(rule.get_priority_display()) if rule.priority else "",
            ", ".join(f"„{word}“" for word in rule.keyword_list()),
            str(rule.get_language_display()) if rule.language else "",
            str(rule.get_sentiment_display()) if rule.sentiment else "",
            str(rule.get_message_kind_display()) if rule.message_kind else "",
            str(rule.get_urgency_signal_display()) if rule.urgency_signal else "",
        ]
        return " · ".join(part for part in parts if part) or str(_("every case"))

    @admin.display(description=_("then"))
    def outcome(self, rule: RoutingRule) -> str:
        action = str(rule.get_action_display())
        target = person_name(rule.owner) if rule.owner else (rule.team.name if rule.team else "")
        return f"{action}: {target}" if target else action
