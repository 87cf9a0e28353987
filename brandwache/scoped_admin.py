"""Admin pages that hold customer data, scoped like the agent interface.

Someone with `is_staff` (say, an agent who edits the FAQ) sees in the admin only
what the agent interface would show them: rows of cases `visible_cases` allows,
contacts `visible_contacts` allows, and records tied to no case only with
`cases.view_all_cases`. A row outside that scope is "not found" in every admin
view (list, change, history, delete, search, autocomplete). A case's status
token is a customer's password to the status page: no admin list, form,
filter or search shows or accepts it (status links inside stored texts are
shortened with `brandwache.statuslinks` where an admin shows such a text).
Fields named in `superuser_fields` are for superusers only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib import admin
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from brandwache.cases.access import sees_all_cases, visible_cases

# Never shown, searched or filtered on in the admin, whatever the model and the user.
HIDDEN_FIELDS = frozenset({"status_token"})

type User = AbstractBaseUser | AnonymousUser


def _names(item: Any) -> set[str]:
    """The field names an admin option mentions: `^name`, `case__reference`, `(field, Filter)`."""
    if isinstance(item, list | tuple) and item and isinstance(item[0], str):
        item = item[0]
    return set(item.lstrip("^=@").split("__")) if isinstance(item, str) else set()


class TeamScopedAdmin(admin.ModelAdmin):
    """Mixin for every admin of customer data: put it first among the bases.

    `case_path` is the lookup from the model to its case (`""` for the case itself,
    `"case"`, `"triage__case"`); without one, override `scope` or leave the rows to
    those who see every case.
    """

    case_path: str | None = None
    superuser_fields: Sequence[str] = ()

    def scope(self, queryset: QuerySet[Any], user: User) -> QuerySet[Any]:
        """The rows of `queryset` this user may see."""
        if self.case_path is None:
            return queryset if sees_all_cases(user) else queryset.none()
        cases = visible_cases(user)
        if self.case_path == "":
            return queryset.filter(pk__in=cases.values("pk"))
        return queryset.filter(**{f"{self.case_path}__in": cases.values("pk")})

    def _hidden(self, request: HttpRequest) -> frozenset[str]:
        if getattr(request.user, "is_superuser", False):
            return HIDDEN_FIELDS
        return HIDDEN_FIELDS | frozenset(self.superuser_fields)

    def _keep(self, request: HttpRequest, items: Sequence[Any]) -> list[Any]:
        hidden = self._hidden(request)
        kept: list[Any] = []
        for item in items:
            if isinstance(item, list | tuple) and all(isinstance(part, str) for part in item):
                # Fields shown on one line in a fieldset.
                line = [part for part in item if not _names(part) & hidden]
                if line:
                    kept.append(type(item)(line) if len(line) < len(item) else item)
            elif not _names(item) & hidden:
                kept.append(item)
        return kept

    # Which rows.

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return self.scope(super().get_queryset(request), request.user)

    def _in_scope(self, request: HttpRequest, obj: Model | None) -> bool:
        return obj is None or self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_view_permission(request, obj) and self._in_scope(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) and self._in_scope(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_delete_permission(request, obj) and self._in_scope(request, obj)

    # Which fields.

    def get_fields(self, request: HttpRequest, obj: Any = None) -> list[Any]:
        return self._keep(request, super().get_fields(request, obj))

    def get_exclude(self, request: HttpRequest, obj: Any = None) -> list[str]:
        excluded = list(super().get_exclude(request, obj) or ())
        return excluded + sorted(self._hidden(request) - set(excluded))

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[Any]:
        return self._keep(request, super().get_readonly_fields(request, obj))

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> list[Any]:
        return [
            (name, {**options, "fields": self._keep(request, options["fields"])})
            for name, options in super().get_fieldsets(request, obj)
        ]

    def get_list_display(self, request: HttpRequest) -> list[Any]:
        return self._keep(request, super().get_list_display(request))

    def get_list_filter(self, request: HttpRequest) -> list[Any]:
        return self._keep(request, super().get_list_filter(request))

    def get_search_fields(self, request: HttpRequest) -> list[Any]:
        return self._keep(request, super().get_search_fields(request))

    def lookup_allowed(self, lookup: str, value: str, request: HttpRequest) -> bool:
        """No filtering by a hidden field through the URL (`?status_token__startswith=a`)."""
        hidden = self._hidden(request)
        if any(part in hidden for part in lookup.split("__")):
            return False
        return super().lookup_allowed(lookup, value, request)
