from django.contrib import admin

from brandwache.intake.models import RawMessage


@admin.register(RawMessage)
class RawMessageAdmin(admin.ModelAdmin):
    """Raw payloads are evidence: they can be looked at, never edited."""

    list_display = ["received_at", "channel", "external_id", "status", "size", "attempts"]
    list_filter = ["status", "channel"]
    search_fields = ["external_id", "error"]
    readonly_fields = [f.name for f in RawMessage._meta.fields if f.name != "payload"]
    show_full_result_count = False

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
