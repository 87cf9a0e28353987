from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Q, QuerySet

from brandwache.cases.access import sees_all_cases, visible_cases
from brandwache.notifications.models import Notification
from brandwache.scoped_admin import TeamScopedAdmin, User


@admin.register(Notification)
class NotificationAdmin(TeamScopedAdmin, admin.ModelAdmin):
    list_display = ["title", "recipient", "kind", "created_at", "read_at", "mailed_at"]
    list_filter = ["kind"]
    search_fields = ["title", "recipient__username"]
    raw_id_fields = ["recipient", "case"]
    readonly_fields = ["created_at", "read_at", "mailed_at", "mail_error"]

    def scope(self, queryset: QuerySet[Any], user: User) -> QuerySet[Any]:
        """One's own, and those about a visible case; those about no case, with every case."""
        if sees_all_cases(user):
            return queryset
        return queryset.filter(Q(recipient=user) | Q(case__in=visible_cases(user).values("pk")))
