"""Admin screens of the knowledge base: categories, articles (with their version history),
text modules, the recorded choices, and CSV import/export of everything at once."""

from __future__ import annotations

import io
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from brandwache import placeholders
from brandwache.answers import csvio
from brandwache.answers.actions import save_article
from brandwache.answers.models import (
    Article,
    ArticleVersion,
    Category,
    SuggestionChoice,
    TextModule,
)
from brandwache.answers.variables import VARIABLE_NAMES, describe_variables
from brandwache.readonly_admin import ReadOnlyModelAdmin
from brandwache.scoped_admin import TeamScopedAdmin

MAX_UPLOAD = 5 * 1024 * 1024
# An import may create and change categories, articles and modules.
IMPORT_PERMISSIONS = [
    f"answers.{verb}_{model}"
    for verb in ("add", "change")
    for model in ("category", "article", "textmodule")
]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["key", "name_de", "name_en", "position"]
    list_editable = ["position"]
    search_fields = ["key", "name_de", "name_en"]


class ArticleVersionInline(admin.TabularInline):
    model = ArticleVersion
    extra = 0
    can_delete = False
    fields = ["version", "title", "body", "visibility", "active", "saved_by", "saved_at"]
    readonly_fields = fields
    ordering = ["-version"]
    verbose_name_plural = _("version history")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class CsvAdminMixin:
    """Links to the import and export of the whole knowledge base on the change list."""

    change_list_template = "admin/answers/csv_change_list.html"

    def get_urls(self) -> list[URLPattern]:
        opts = self.model._meta  # type: ignore[attr-defined]
        prefix = f"{opts.app_label}_{opts.model_name}"
        site = self.admin_site  # type: ignore[attr-defined]
        return [
            path("export-csv/", site.admin_view(self.export_view), name=f"{prefix}_export"),
            path("import-csv/", site.admin_view(self.import_view), name=f"{prefix}_import"),
            *super().get_urls(),  # type: ignore[misc]
        ]

    def export_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):  # type: ignore[attr-defined]
            raise PermissionDenied
        return csv_response()

    def import_view(self, request: HttpRequest) -> HttpResponse:
        if not request.user.has_perms(IMPORT_PERMISSIONS):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        errors: list[str] = []
        if request.method == "POST" and form.is_valid():
            try:
                text = form.cleaned_data["file"].read().decode("utf-8-sig")
                report = csvio.import_csv(io.StringIO(text), request.user)
            except UnicodeDecodeError:
                errors = [str(_("The file is not UTF-8 text."))]
            except csvio.ImportRefused as refused:
                errors = refused.errors
            else:
                messages.success(
                    request,
                    _("Imported: %(created)s new, %(updated)s changed, %(unchanged)s unchanged.")
                    % vars(report),
                )
                opts = self.model._meta  # type: ignore[attr-defined]
                return redirect(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        context = {
            **self.admin_site.each_context(request),  # type: ignore[attr-defined]
            "opts": self.model._meta,  # type: ignore[attr-defined]
            "title": _("Import the knowledge base from CSV"),
            "form": form,
            "errors": errors,
            "columns": csvio.COLUMNS,
        }
        return TemplateResponse(request, "admin/answers/import.html", context)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file"))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


def csv_response() -> HttpResponse:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(csvio.export_text(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="knowledge-base-{stamp}.csv"'
    return response


@admin.register(Article)
class ArticleAdmin(CsvAdminMixin, admin.ModelAdmin):
    list_display = ["title", "slug", "language", "category", "visibility", "active", "version"]
    list_filter = ["language", "visibility", "active", "category"]
    list_select_related = ["category"]
    search_fields = ["title", "slug", "body", "keywords"]
    readonly_fields = ["version", "updated_at"]
    fields = [
        "title",
        "slug",
        "language",
        "category",
        "visibility",
        "active",
        "keywords",
        "body",
        "version",
        "updated_at",
    ]
    inlines = [ArticleVersionInline]
    actions = ["export_all"]

    def save_model(self, request: HttpRequest, obj: Article, form: Any, change: bool) -> None:
        save_article(obj, request.user)  # type: ignore[arg-type]

    @admin.action(description=_("Export the whole knowledge base as CSV"))
    def export_all(self, request: HttpRequest, queryset: QuerySet[Article]) -> HttpResponse:
        return csv_response()


class TextModuleForm(forms.ModelForm):
    class Meta:
        model = TextModule
        fields = ["name", "shortcut", "language", "category", "active", "keywords", "body"]

    def clean_body(self) -> str:
        body = self.cleaned_data["body"]
        try:
            placeholders.validate(body, VARIABLE_NAMES)
        except placeholders.PlaceholderError as error:
            raise forms.ValidationError(str(error)) from None
        return body


@admin.register(TextModule)
class TextModuleAdmin(CsvAdminMixin, admin.ModelAdmin):
    form = TextModuleForm
    list_display = ["name", "shortcut", "language", "category", "active"]
    list_filter = ["language", "active", "category"]
    list_select_related = ["category"]
    search_fields = ["name", "shortcut", "body", "keywords"]
    readonly_fields = ["placeholder_help"]
    fields = [
        "name",
        "shortcut",
        "language",
        "category",
        "active",
        "keywords",
        "body",
        "placeholder_help",
    ]

    @admin.display(description=_("placeholders"))
    def placeholder_help(self, obj: TextModule | None) -> str:
        return format_html_join("", "<div><code>{{{}}}</code> – {}</div>", describe_variables())


@admin.register(SuggestionChoice)
class SuggestionChoiceAdmin(TeamScopedAdmin, ReadOnlyModelAdmin):
    case_path = "case"
    list_display = ["created_at", "case", "article", "module", "rank", "score", "chosen_by"]
    list_select_related = ["case", "article", "module", "chosen_by"]
    date_hierarchy = "created_at"
    raw_id_fields = ["case", "message"]
