"""Admin screens of listening: the sources and the organisations' listening queries, with a
page that tests a query against the posts already stored before it is saved."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _

from brandwache.listening.models import ListeningQuery, Post, Source
from brandwache.listening.query import QueryError, parse
from brandwache.listening.views import author_pseudonym
from brandwache.listening.words import Post as Words

TESTED_POSTS = 5_000  # the latest stored posts a test looks at
SHOWN_HITS = 20


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "kind",
        "organisation",
        "enabled",
        "interval_minutes",
        "next_poll_at",
        "consecutive_failures",
    ]
    list_filter = ["kind", "enabled", "organisation"]
    search_fields = ["name", "url"]
    # Kept by the polling itself; a webhook's token is set with `brandwache listen token`.
    readonly_fields = [
        "next_poll_at",
        "consecutive_failures",
        "last_error",
        "etag",
        "last_modified",
        "cursor",
    ]


@admin.register(ListeningQuery)
class ListeningQueryAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "enabled", "query"]
    list_filter = ["enabled", "organisation"]
    search_fields = ["name", "query"]
    change_form_template = "admin/listening/listeningquery/change_form.html"

    def get_urls(self) -> list[URLPattern]:
        return [
            path(
                "test/",
                self.admin_site.admin_view(self.test_view),
                name="listening_listeningquery_test",
            ),
            *super().get_urls(),
        ]

    def test_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = QueryTestForm(request.GET or None)
        result = form.result() if form.is_valid() else None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Test a listening query against the stored posts"),
            "form": form,
            "result": result,
            "tested_posts": TESTED_POSTS,
        }
        return TemplateResponse(request, "admin/listening/listeningquery/test.html", context)


@dataclass(frozen=True)
class Hit:
    author: str
    text: str
    url: str
    terms: list[str]


@dataclass(frozen=True)
class TestResult:
    tested: int
    matched: int
    hits: list[Hit]
    understood: str


class QueryTestForm(forms.Form):
    query = forms.CharField(label=_("query"), widget=forms.Textarea(attrs={"rows": 3}))
    source = forms.ModelChoiceField(
        label=_("only posts of the source"), queryset=Source.objects.all(), required=False
    )

    def clean_query(self) -> str:
        text = self.cleaned_data["query"]
        try:
            self.parsed = parse(text)
        except QueryError as error:
            raise forms.ValidationError(str(error)) from None
        return text

    def result(self) -> TestResult:
        """The latest stored posts the query finds, with the terms that made each match."""
        posts = Post.objects.filter(duplicate_of__isnull=True).order_by("-pk")
        if self.cleaned_data.get("source"):
            posts = posts.filter(source=self.cleaned_data["source"])
        rows = list(posts.values_list("author", "url", "text", "lang")[:TESTED_POSTS])
        hits, matched = [], 0
        for author, url, text, lang in rows:
            words = Words(text)
            if not self.parsed.matches(words, language=lang or None):
                continue
            matched += 1
            if len(hits) < SHOWN_HITS:
                terms = self.parsed.matched_terms(words)
                hits.append(Hit(author_pseudonym(author, url), text[:400], url, terms))
        return TestResult(len(rows), matched, hits, str(self.parsed))
