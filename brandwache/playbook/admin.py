from django.contrib import admin

from brandwache.playbook.models import ComplaintMark, GoodwillGesture, ReplyReview
from brandwache.readonly_admin import ReadOnlyModelAdmin
from brandwache.scoped_admin import TeamScopedAdmin


@admin.register(ReplyReview)
class ReplyReviewAdmin(TeamScopedAdmin, ReadOnlyModelAdmin):
    case_path = "case"
    list_display = [
        "case",
        "actor",
        "is_complaint",
        "apology",
        "concrete_action",
        "excuse",
        "next_step",
        "personalised",
        "sent_anyway",
        "created_at",
    ]
    list_filter = [
        "is_complaint",
        "apology",
        "concrete_action",
        "excuse",
        "next_step",
        "personalised",
        "sent_anyway",
        "detector_version",
    ]


@admin.register(GoodwillGesture)
class GoodwillGestureAdmin(TeamScopedAdmin, ReadOnlyModelAdmin):
    case_path = "case"
    list_display = ["case", "kind", "value", "currency", "actor", "created_at"]
    list_filter = ["kind", "currency"]


@admin.register(ComplaintMark)
class ComplaintMarkAdmin(TeamScopedAdmin, ReadOnlyModelAdmin):
    case_path = "case"
    list_display = ["case", "is_complaint", "actor", "created_at"]
