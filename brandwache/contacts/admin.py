from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet

from brandwache.contacts.access import visible_contacts
from brandwache.contacts.models import Contact, Identity
from brandwache.scoped_admin import TeamScopedAdmin, User


class IdentityInline(admin.TabularInline):
    """Shown only: identities are added and merged on the contact page, where it is checked
    that no other customer has them and the change is recorded on the customer's cases."""

    model = Identity
    extra = 0
    can_delete = False
    readonly_fields = ["kind", "value"]

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(Contact)
class ContactAdmin(TeamScopedAdmin, admin.ModelAdmin):
    list_display = ["__str__", "group", "created_at", "merged_into"]
    list_filter = ["group"]
    search_fields = ["display_name", "identities__value"]
    inlines = [IdentityInline]
    readonly_fields = ["merged_into"]  # merging is an action on the contact page

    def scope(self, queryset: QuerySet[Any], user: User) -> QuerySet[Any]:
        return queryset.filter(pk__in=visible_contacts(user).values("pk"))
