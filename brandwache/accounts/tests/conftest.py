"""Authenticator apps for the login tests, with codes computed the way the app computes them."""

from __future__ import annotations

import time
from unittest import mock

import pytest
from django.contrib.auth.models import AbstractBaseUser
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from brandwache.accounts.actions import confirm_two_factor, start_two_factor_setup


def code_of(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """The code the authenticator app shows now (or `steps_ahead` periods of 30 s later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def authenticator_for(user: AbstractBaseUser) -> TOTPDevice:
    """A confirmed authenticator, set up the way a person sets one up.

    It is confirmed with the code of the period before (still accepted), so the
    current code has not been used yet when the test logs in with it. The clock stands
    still meanwhile: a period ending between reading the code and checking it would make
    that code two periods old, and refused.
    """
    now = time.time()
    with mock.patch("time.time", return_value=now):
        device = start_two_factor_setup(user)
        confirmed = confirm_two_factor(user, code_of(device, steps_ahead=-1), ip=None)
    assert confirmed is not None
    confirmed.refresh_from_db()
    return confirmed


def log_in(client: Client, username: str, password: str, *, path: str = "/login/", **extra):
    return client.post(path, {"username": username, "password": password}, **extra)


def is_logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def no_code_back_off(settings) -> None:
    """Wrong codes normally pause code checks for 1, 2, 4 … seconds; these tests need none."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
