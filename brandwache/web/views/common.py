"""What every agent view shares: the role check, the client's address for the audit, and
form errors shown as messages after a redirect."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Concatenate

from django import forms
from django.contrib import messages
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from brandwache.accounts.devices import has_second_factor, is_verified
from brandwache.cases.access import is_agent
from brandwache.client import client_ip

__all__ = ["acting_user", "agent_required", "client_ip", "flash_form_errors", "permission_required"]

type View[**P] = Callable[Concatenate[HttpRequest, P], HttpResponse]


def permission_required(perm: str | None) -> Callable[[View], View]:
    """Anonymous visitors go to the login page, and users with an authenticator app whose
    login was not confirmed with a code to the code page; users without the agent role, or
    without `perm` when one is named, get 403."""

    def decorator[**P](view: View[P]) -> View[P]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if has_second_factor(request.user) and not is_verified(request.user):
                # Signed in before two-factor login was switched on: the code first.
                return redirect_to_login(request.get_full_path(), "accounts:login_code")
            if not is_agent(request.user) or (perm and not request.user.has_perm(perm)):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


agent_required = permission_required(None)


def acting_user(request: HttpRequest) -> AbstractBaseUser:
    """The logged-in user of a request that passed one of the decorators above."""
    user = request.user
    assert isinstance(user, AbstractBaseUser)
    return user


def flash_form_errors(request: HttpRequest, form: forms.Form) -> None:
    """The errors of a form posted from a page it redirects back to, as messages there."""
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else None
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)
