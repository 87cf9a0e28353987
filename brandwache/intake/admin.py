from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet

from brandwache.cases.access import sees_all_cases, visible_cases
from brandwache.intake.models import RawMessage
from brandwache.readonly_admin import ReadOnlyModelAdmin
from brandwache.scoped_admin import TeamScopedAdmin, User


@admin.register(RawMessage)
class RawMessageAdmin(TeamScopedAdmin, ReadOnlyModelAdmin):
    """Raw payloads as received; reprocessing happens under intake problems.

    The payload and its metadata (headers, addresses, the sender's IP) are for superusers.
    """

    superuser_fields = ["payload", "metadata"]

    list_display = ["received_at", "channel", "external_id", "status", "size", "attempts"]
    list_filter = ["status", "channel"]
    search_fields = ["external_id", "error"]

    def scope(self, queryset: QuerySet[Any], user: User) -> QuerySet[Any]:
        """Those that became a message on a visible case; those that did not, with every case."""
        if sees_all_cases(user):
            return queryset
        return queryset.filter(message__case__in=visible_cases(user).values("pk"))
