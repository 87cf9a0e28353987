from django.contrib import admin

from brandwache.readonly_admin import ReadOnlyModelAdmin
from brandwache.triage.models import LabelCorrection, Triage


@admin.register(Triage)
class TriageAdmin(ReadOnlyModelAdmin):
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
class LabelCorrectionAdmin(ReadOnlyModelAdmin):
    list_display = ["triage", "label", "predicted", "value", "actor", "created_at"]
    list_filter = ["label"]
