from django.contrib import admin

from brandwache.intake.models import RawMessage
from brandwache.readonly_admin import ReadOnlyModelAdmin


@admin.register(RawMessage)
class RawMessageAdmin(ReadOnlyModelAdmin):
    """Raw payloads as received; reprocessing happens under intake problems."""

    list_display = ["received_at", "channel", "external_id", "status", "size", "attempts"]
    list_filter = ["status", "channel"]
    search_fields = ["external_id", "error"]
