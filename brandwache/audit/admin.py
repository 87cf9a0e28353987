from django.contrib import admin

from brandwache.audit.models import AuditEntry
from brandwache.readonly_admin import ReadOnlyModelAdmin
from brandwache.scoped_admin import TeamScopedAdmin


@admin.register(AuditEntry)
class AuditEntryAdmin(TeamScopedAdmin, ReadOnlyModelAdmin):
    """Tied to no case (contacts, raw payloads): shown to those who see every case."""

    list_display = ["at", "actor", "action", "target", "ip_address"]
    list_filter = ["action"]
    search_fields = ["target", "actor__username"]
    list_select_related = ["actor"]
