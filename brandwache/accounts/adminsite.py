"""Django's admin site with Brandwache's login and the two-factor rule for admins.

Installed as the default admin site (`AdminConfig` in INSTALLED_APPS), so every
`admin.register` lands here. This module is imported while the apps load: it
imports models and views only inside the methods.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse


class BrandwacheAdminSite(admin.AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        from brandwache.accounts.devices import lacks_second_factor

        return super().has_permission(request) and not lacks_second_factor(request.user)

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        """The same two-step login as /login/; an admin without a confirmed code is sent on."""
        from django.contrib.admin.forms import AdminAuthenticationForm

        from brandwache.accounts.devices import has_second_factor, lacks_second_factor
        from brandwache.accounts.views import LoginView, safe_next

        index = reverse("admin:index", current_app=self.name)
        user = request.user
        if user.is_active and user.is_staff and lacks_second_factor(user):
            where = "accounts:login_code" if has_second_factor(user) else "accounts:two_factor"
            query = urlencode({"next": safe_next(request, index)})
            return redirect(f"{reverse(where)}?{query}")
        if request.method == "GET" and self.has_permission(request):
            return redirect(index)
        # The admin's form also refuses a right password of someone who is not staff.
        view = LoginView.as_view(next_page=index, authentication_form=AdminAuthenticationForm)
        return view(request)


class AdminConfig(DjangoAdminConfig):
    default_site = "brandwache.accounts.adminsite.BrandwacheAdminSite"
