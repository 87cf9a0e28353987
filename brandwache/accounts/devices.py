"""Who has an authenticator app, and whether this login was confirmed with it.

The one place that reads TOTP devices; views and actions ask here.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django_otp.plugins.otp_totp.models import TOTPDevice

AnyUser = AbstractBaseUser | AnonymousUser


def device_for_user(user: AnyUser, *, confirmed: bool = True) -> TOTPDevice | None:
    """The user's confirmed authenticator (or the one being set up), if any."""
    if not user.is_authenticated:
        return None
    return TOTPDevice.objects.devices_for_user(user, confirmed=confirmed).order_by("pk").first()


def has_second_factor(user: AnyUser) -> bool:
    return device_for_user(user) is not None


def is_verified(user: Any) -> bool:
    """Whether this login was confirmed with a code (set by django-otp's middleware)."""
    verified = getattr(user, "is_verified", None)
    return bool(callable(verified) and verified())


def second_factor_required(user: Any) -> bool:
    """Admins and staff need a confirmed code for the admin site when OTP_REQUIRED_FOR_ADMINS."""
    if not settings.BRANDWACHE_OTP_REQUIRED_FOR_ADMINS:
        return False
    return bool(user.is_authenticated and (user.is_staff or user.is_superuser))


def lacks_second_factor(user: Any) -> bool:
    """A signed-in admin whose login the rules want confirmed with a code, and is not."""
    return second_factor_required(user) and not is_verified(user)
