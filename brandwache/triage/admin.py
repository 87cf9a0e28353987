from django.contrib import admin

from brandwache.readonly_admin import ReadOnlyModelAdmin
from brandwache.scoped_admin import TeamScopedAdmin
from brandwache.triage.models import LabelCorrection, Triage


@admin.register(Triage)
class TriageAdmin(TeamScopedAdmin, ReadOnlyModelAdmin):
    case_path = "case"
    list_display = [
        "message",
        "language",
        "relevance",
        "sentiment",
        "kind",
        "category",
        "created_at",
    ]
    list_filter = ["language", "relevance", "sentiment", "kind", "model_version"]


@admin.register(LabelCorrection)
class LabelCorrectionAdmin(TeamScopedAdmin, ReadOnlyModelAdmin):
    case_path = "triage__case"
    list_display = ["triage", "label", "predicted", "value", "actor", "created_at"]
    list_filter = ["label"]
