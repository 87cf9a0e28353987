from django.contrib import admin

from brandwache.audit.models import AuditEntry
from brandwache.readonly_admin import ReadOnlyModelAdmin


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyModelAdmin):
    list_display = ["at", "actor", "action", "target", "ip_address"]
    list_filter = ["action"]
    search_fields = ["target", "actor__username"]
    list_select_related = ["actor"]
