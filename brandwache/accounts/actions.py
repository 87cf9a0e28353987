"""Every change to a person's second factor goes through here, and is audited."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django_otp import verify_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from brandwache.accounts.devices import device_for_user
from brandwache.audit.actions import record_audit

DEVICE_NAME = "Authenticator app"  # shown in the admin only; one per person


def start_two_factor_setup(user: AbstractBaseUser) -> TOTPDevice:
    """The authenticator being set up for `user`: the one begun before, else a new secret."""
    device = device_for_user(user, confirmed=False)
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def confirm_two_factor(user: AbstractBaseUser, token: str, *, ip: str | None) -> TOTPDevice | None:
    """Switch two-factor login on once the first code from the new app is right.

    A wrong code is counted by the device's own back-off and changes nothing else.
    """
    with transaction.atomic():
        if device_for_user(user) is not None:
            return None  # on already; a second tab changes nothing
        device = device_for_user(user, confirmed=False)
        if device is None:
            return None
        verified = verify_token(user, device.persistent_id, token)
        if verified is None:
            return None
        if not TOTPDevice.objects.filter(pk=device.pk, confirmed=False).update(confirmed=True):
            return None
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        record_audit(user, "two_factor_enabled", user, ip=ip, device=device.name)
    device.confirmed = True
    return device


def remove_two_factor(user: AbstractBaseUser, *, ip: str | None) -> bool:
    """Switch two-factor login off: every authenticator of `user` is forgotten."""
    with transaction.atomic():
        _, per_model = TOTPDevice.objects.filter(user=user).delete()
        removed = per_model.get(TOTPDevice._meta.label, 0)
        if removed:
            record_audit(user, "two_factor_removed", user, ip=ip)
    return bool(removed)


def verify_login_code(user: AbstractBaseUser, token: str) -> TOTPDevice | None:
    """The user's authenticator if `token` is its current code, not used before; else None."""
    device = device_for_user(user)
    if device is None:
        return None
    return verify_token(user, device.persistent_id, token)


def code_checks_paused(user: AbstractBaseUser) -> bool:
    """Whether the authenticator refuses codes for a moment after wrong ones."""
    device = device_for_user(user)
    return device is not None and not device.verify_is_allowed()[0]
