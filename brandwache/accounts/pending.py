"""Between the two steps of a login: who gave the right password, kept for a few minutes.

Nobody is logged in until the code is right too; this lives in the anonymous
session, which `login()` renews when the second step succeeds.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest

SESSION_KEY = "brandwache_second_step"
SECOND_STEP_SECONDS = 300


@dataclass(frozen=True)
class PendingLogin:
    user: AbstractBaseUser
    backend: str  # the backend that accepted the password; empty: already logged in
    redirect_to: str  # checked against the allowed hosts in step one


def begin_second_step(request: HttpRequest, user: AbstractBaseUser, redirect_to: str) -> None:
    request.session[SESSION_KEY] = {
        "user": user.pk,
        "backend": getattr(user, "backend", ""),
        "next": redirect_to,
        "since": int(time.time()),
    }


def pending_login(request: HttpRequest) -> PendingLogin | None:
    """The login waiting for its code, unless it is too old or its user was switched off."""
    data = request.session.get(SESSION_KEY)
    if not isinstance(data, dict):
        return None
    if time.time() - data.get("since", 0) > SECOND_STEP_SECONDS:
        forget_second_step(request)
        return None
    user = get_user_model().objects.filter(pk=data.get("user"), is_active=True).first()
    if user is None or not data.get("backend"):
        forget_second_step(request)
        return None
    return PendingLogin(user=user, backend=data["backend"], redirect_to=data.get("next", ""))


def forget_second_step(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)
