from django.contrib import admin

from brandwache.cases.models import Case, CaseEvent, Team
from brandwache.readonly_admin import ReadOnlyModelAdmin
from brandwache.scoped_admin import TeamScopedAdmin


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name"]
    filter_horizontal = ["members"]


@admin.register(Case)
class CaseAdmin(TeamScopedAdmin, ReadOnlyModelAdmin):
    """Read-only: changes to cases go through the agent interface, which audits them."""

    case_path = ""

    list_display = ["reference", "subject", "status", "priority", "channel", "owner", "team"]
    list_filter = ["status", "priority", "channel", "team"]
    search_fields = ["reference", "subject"]
    list_select_related = ["owner", "team"]


@admin.register(CaseEvent)
class CaseEventAdmin(TeamScopedAdmin, ReadOnlyModelAdmin):
    """The audit log: who saw and changed what, when and from where."""

    case_path = "case"

    list_display = ["created_at", "case", "kind", "actor", "ip_address"]
    list_filter = ["kind"]
    search_fields = ["case__reference", "actor__username"]
    list_select_related = ["case", "actor"]
