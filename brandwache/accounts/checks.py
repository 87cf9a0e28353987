"""System checks for the login settings."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Warning, register


@register("brandwache")
def check_login_settings(app_configs: Any = None, **kwargs: Any) -> list[Any]:
    problems: list[Any] = []
    if not isinstance(settings.AXES_FAILURE_LIMIT, int) or settings.AXES_FAILURE_LIMIT < 1:
        problems.append(
            Error(
                "LOGIN_FAILURE_LIMIT must be 1 or more.",
                hint="Failed logins allowed per user name and address before the lockout.",
                id="brandwache.accounts.E001",
            )
        )
    if settings.BRANDWACHE_LOGIN_COOLOFF_MINUTES < 0:
        problems.append(
            Error(
                "LOGIN_COOLOFF_MINUTES must not be negative.",
                hint="Minutes a lockout lasts; 0 keeps it until an administrator unlocks it.",
                id="brandwache.accounts.E002",
            )
        )
    return problems


@register("brandwache", deploy=True)
def check_two_factor_for_admins(app_configs: Any = None, **kwargs: Any) -> list[Any]:
    if settings.BRANDWACHE_OTP_REQUIRED_FOR_ADMINS:
        return []
    return [
        Warning(
            "Admins can open the admin site without a code from an authenticator app.",
            hint="Set OTP_REQUIRED_FOR_ADMINS=true.",
            id="brandwache.accounts.W001",
        )
    ]
