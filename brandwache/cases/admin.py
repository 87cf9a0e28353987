from django.contrib import admin

from brandwache.cases.models import Case, CaseEvent, Team


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name"]
    filter_horizontal = ["members"]


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    """Read-only: changes to cases go through the agent interface, which audits them."""

    list_display = ["reference", "subject", "status", "priority", "channel", "owner", "team"]
    list_filter = ["status", "priority", "channel", "team"]
    search_fields = ["reference", "subject"]
    list_select_related = ["owner", "team"]
    show_full_result_count = False

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(CaseEvent)
class CaseEventAdmin(admin.ModelAdmin):
    """The audit log: who saw and changed what, when and from where."""

    list_display = ["created_at", "case", "kind", "actor", "ip_address"]
    list_filter = ["kind"]
    search_fields = ["case__reference", "actor__username"]
    list_select_related = ["case", "actor"]
    show_full_result_count = False

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
