"""The two-step login and the page where a person switches two-factor login on or off."""

from __future__ import annotations

from base64 import b32encode
from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, user_login_failed
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from brandwache.accounts import actions
from brandwache.accounts.devices import device_for_user, has_second_factor, is_verified
from brandwache.accounts.forms import CodeForm, RemoveForm
from brandwache.accounts.lockout import (
    ADDRESS_WINDOW_SECONDS,
    address_lockout_message,
    lockout_response,
)
from brandwache.accounts.pending import (
    PendingLogin,
    begin_second_step,
    forget_second_step,
    pending_login,
)
from brandwache.accounts.qr import qr_svg
from brandwache.client import client_ip
from brandwache.ratelimit.limits import address_key, exceeded, hit


class LoginView(auth_views.LoginView):
    """Step one: user name and password. Who has an authenticator app goes on to step two.

    Serves /login/ and the admin's login; `authenticate()` runs the lockout backend first.
    """

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if exceeded(
            _address_failures(request),
            limit=settings.BRANDWACHE_LOGIN_ADDRESS_FAILURE_LIMIT,
            window=ADDRESS_WINDOW_SECONDS,
        ):
            return lockout_response(request, message=address_lockout_message())
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        hit(
            _address_failures(self.request),
            limit=settings.BRANDWACHE_LOGIN_ADDRESS_FAILURE_LIMIT,
            window=ADDRESS_WINDOW_SECONDS,
        )
        return super().form_invalid(form)

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        user = form.get_user()
        forget_second_step(self.request)
        if not has_second_factor(user):
            return super().form_valid(form)
        begin_second_step(self.request, user, self.get_success_url())
        return redirect("accounts:login_code")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(login_action=self.request.path, **kwargs)


def _address_failures(request: HttpRequest) -> str:
    return address_key("login:failures", client_ip(request))


def safe_next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(default)


def _waiting_login(request: HttpRequest) -> PendingLogin | None:
    """The login that wants a code: step two of a login, or a signed-in, unconfirmed one."""
    pending = pending_login(request)
    if pending is not None:
        return pending
    user = request.user
    if user.is_authenticated and not is_verified(user) and has_second_factor(user):
        return PendingLogin(user, "", safe_next(request, settings.LOGIN_REDIRECT_URL))
    return None


@never_cache
@sensitive_post_parameters("otp_token")
@require_http_methods(["GET", "POST"])
def login_code(request: HttpRequest) -> HttpResponse:
    """Step two: the six-digit code. Wrong codes count as failed logins, like passwords."""
    pending = _waiting_login(request)
    if pending is None:
        return redirect("login")
    credentials = {"username": pending.user.get_username()}
    if not AxesProxyHandler.is_allowed(request, credentials):
        forget_second_step(request)
        return lockout_response(request, None, credentials)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if actions.code_checks_paused(pending.user):
            form.add_error("otp_token", _("Too many wrong codes. Wait a moment, then try again."))
        elif device := actions.verify_login_code(pending.user, form.cleaned_data["otp_token"]):
            forget_second_step(request)
            if not request.user.is_authenticated or request.user.pk != pending.user.pk:
                pending.user.backend = pending.backend  # type: ignore[attr-defined]
                auth_login(request, pending.user)
            otp_login(request, device)
            return redirect(pending.redirect_to)
        else:
            user_login_failed.send(__name__, credentials=credentials, request=request)
            if getattr(request, "axes_locked_out", False):
                forget_second_step(request)  # the lockout page answers instead
            form.add_error(
                "otp_token",
                _("This code is not right, or was used already. Enter the current one."),
            )
    # A signed-in login being confirmed keeps where it was going; step two keeps its own.
    context = {"form": form, "next": request.POST.get("next", request.GET.get("next", ""))}
    return render(request, "accounts/login_code.html", context)


def _setup_context(request: HttpRequest, form: CodeForm) -> dict[str, Any]:
    device = actions.start_two_factor_setup(request.user)
    secret = b32encode(device.bin_key).decode()
    return {
        "form": form,
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "config_url": device.config_url,
        "qr": qr_svg(device.config_url, title=_("QR code for the authenticator app")),
        "next": safe_next(request, "accounts:two_factor"),
    }


@never_cache
@login_required
@sensitive_post_parameters("otp_token")
@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app (secret, QR code, first code), or see that it is on."""
    device = device_for_user(request.user)
    if device is not None:
        return render(
            request,
            "accounts/two_factor.html",
            {"device": device, "remove_form": RemoveForm()},
        )
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        confirmed = actions.confirm_two_factor(
            request.user, form.cleaned_data["otp_token"], ip=client_ip(request)
        )
        if confirmed is not None:
            otp_login(request, confirmed)
            messages.success(request, _("Two-factor login is on."))
            return redirect(safe_next(request, "accounts:two_factor"))
        form.add_error(
            "otp_token", _("This code is not right. Check the clock of the device and try again.")
        )
    return render(request, "accounts/two_factor.html", _setup_context(request, form))


@never_cache
@login_required
@sensitive_post_parameters("password")
@require_POST
def two_factor_remove(request: HttpRequest) -> HttpResponse:
    """Switch two-factor login off after the password was entered again (failures count)."""
    device = device_for_user(request.user)
    if device is None:
        return redirect("accounts:two_factor")
    form = RemoveForm(request.POST)
    if form.is_valid():
        user = authenticate(
            request, username=request.user.get_username(), password=form.cleaned_data["password"]
        )
        if user is not None and user.pk == request.user.pk:
            actions.remove_two_factor(request.user, ip=client_ip(request))
            messages.success(request, _("Two-factor login is off."))
            return redirect("accounts:two_factor")
        form.add_error("password", _("This password is not right."))
    context = {"device": device, "remove_form": form}
    return render(request, "accounts/two_factor.html", context, status=400)
