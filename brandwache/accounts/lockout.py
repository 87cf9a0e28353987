"""What a locked-out login sees: our login page with the reason, not a bare error text."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def lockout_message() -> str:
    cool_off = settings.AXES_COOLOFF_TIME
    if cool_off is None:
        return _(
            "Too many failed logins with this user name from your address. "
            "Logging in is locked until an administrator unlocks it."
        )
    minutes = max(1, round(cool_off.total_seconds() / 60))
    return ngettext(
        "Too many failed logins with this user name from your address. "
        "Please try again in %(minutes)d minute.",
        "Too many failed logins with this user name from your address. "
        "Please try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


def address_lockout_message() -> str:
    return _(
        "Too many failed logins from your address. Please try again in %(minutes)d minutes."
    ) % {"minutes": ADDRESS_WINDOW_SECONDS // 60}


ADDRESS_WINDOW_SECONDS = 15 * 60


def lockout_response(
    request: HttpRequest,
    original_response: Any = None,
    credentials: Any = None,
    *,
    message: str = "",
) -> HttpResponse:
    """The login page, empty, with the lockout message (AXES_LOCKOUT_CALLABLE)."""
    context = {
        "form": AuthenticationForm(request),
        "lockout_message": message or lockout_message(),
        "next": request.POST.get("next", request.GET.get("next", "")),
    }
    return render(
        request, "registration/login.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    )
