"""Public pages: the complaint form, its receipt, and the customer's private status page.

No login here. The form stores every valid submission raw through the intake
pipeline before anything else happens; the other pages are found by secret
tokens only and are never cached or indexed.
"""

from __future__ import annotations

import contextlib
import logging
import math
import uuid
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import get_language_info, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from brandwache.client import client_ip
from brandwache.intake.channels.base import get_channel
from brandwache.intake.models import RawMessage
from brandwache.intake.pipeline import ingest
from brandwache.public.access import (
    case_for_status_token,
    case_of_submission,
    receipt_token,
    submission_for_receipt,
)
from brandwache.public.forms import ComplaintForm
from brandwache.public.ratelimit import allow_submission, count_spam
from brandwache.public.status import customer_status, public_replies, public_updates
from brandwache.public.tasks import customer_language, send_confirmation

log = logging.getLogger(__name__)

View = Callable[..., HttpResponse]


def in_language(view: View) -> View:
    """Pages under an English path are English; the others follow the visitor's choice."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, language: str = "", **kwargs: object):
        if not language:
            return view(request, *args, **kwargs)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = view(request, *args, **kwargs)  # rendered inside the override
            response.headers["Content-Language"] = language
            return response

    return wrapper


def private_page(view: View) -> View:
    """Pages behind a secret link: never stored by caches, never indexed."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response.headers["Cache-Control"] = "private, no-store"
        response.headers["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapper


def _english() -> bool:
    return customer_language(translation.get_language() or "") == "en"


def _route(name: str) -> str:
    """The route of a form page in the language the visitor is using."""
    return f"public:{name}_en" if _english() else f"public:{name}"


def _language_links(request: HttpRequest) -> list[dict[str, object]]:
    """One switch per language; pages with an English twin switch to the twin."""
    match = request.resolver_match
    current = customer_language(translation.get_language() or "")
    links = []
    for code, _name in settings.LANGUAGES:
        next_url = request.get_full_path()
        if match is not None and match.url_name:
            base = match.url_name.removesuffix("_en")
            name = f"public:{base}_en" if code == "en" else f"public:{base}"
            kwargs = {key: value for key, value in match.kwargs.items() if key != "language"}
            with contextlib.suppress(NoReverseMatch):  # no twin: stay on this page
                next_url = reverse(name, kwargs=kwargs)
        info = get_language_info(code)
        links.append(
            {"code": code, "name": info["name_local"], "next": next_url, "current": code == current}
        )
    return links


def _page(
    request: HttpRequest, template: str, context: dict[str, object], *, status: int = 200
) -> HttpResponse:
    context = {**context, "language_links": _language_links(request)}
    return render(request, template, context, status=status)


def _render_form(request: HttpRequest, form: ComplaintForm, *, status: int = 200) -> HttpResponse:
    context = {
        "form": form,
        "privacy_url": settings.BRANDWACHE_PRIVACY_URL,
        "files_dropped": bool(request.FILES) and form.is_bound and bool(form.errors),
        "error_fields": [field for field in form.visible_fields() if field.errors],
    }
    return _page(request, "public/complaint_form.html", context, status=status)


def _known_submission(value: str | None) -> RawMessage | None:
    try:
        submission = uuid.UUID(str(value))
    except ValueError:
        return None
    key = get_channel("webform").external_id(b"", {"submission_id": str(submission)})
    return RawMessage.objects.filter(channel="webform", external_id=key).first()


def _rate_limited_message() -> str:
    minutes = max(1, math.ceil(settings.BRANDWACHE_WEBFORM_RATE_WINDOW_SECONDS / 60))
    return ngettext(
        "You have sent several messages within a short time. Please wait %(minutes)d minute "
        "and send the form again. Your entries are still here.",
        "You have sent several messages within a short time. Please wait %(minutes)d minutes "
        "and send the form again. Your entries are still here.",
        minutes,
    ) % {"minutes": minutes}


def _submit(request: HttpRequest) -> HttpResponse:
    form = ComplaintForm(request.POST, request.FILES)
    ip = client_ip(request)
    if form.is_spam:
        count_spam(ip)  # not stored; the robot sees the usual thank-you
        return redirect(_route("complaint_thanks"))
    known = _known_submission(request.POST.get("submission_id"))
    if known is not None:  # sent twice: show the first one's receipt
        return redirect(_route("complaint_received"), token=receipt_token(known))
    if not form.is_valid():
        if "submission_id" in form.errors:
            form.data = form.data.copy()
            form.data["submission_id"] = str(uuid.uuid4())
        return _render_form(request, form)
    if not allow_submission(ip):
        form.add_error(None, _rate_limited_message())
        return _render_form(request, form, status=429)
    language = customer_language(translation.get_language() or "")
    submission_id = str(form.cleaned_data["submission_id"])
    result = ingest(
        "webform",
        form.payload(language),
        metadata={"submission_id": submission_id, "ip": ip},
    )
    if result.message is None:
        log.warning("web form submission %s kept unprocessed: %s", result.raw.pk, result.error)
    elif result.created and case_of_submission(result.raw) is not None:
        message_pk = result.message.pk
        transaction.on_commit(lambda: send_confirmation.enqueue(message_pk, language))
    return redirect(_route("complaint_received"), token=receipt_token(result.raw))


@never_cache
@require_http_methods(["GET", "POST"])
@in_language
def complaint(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _submit(request)
    return _render_form(request, ComplaintForm(initial={"submission_id": uuid.uuid4()}))


def _receipt(request: HttpRequest, raw: RawMessage | None) -> HttpResponse:
    found = case_of_submission(raw) if raw is not None else None
    case = found[1] if found else None
    path = reverse("public:status", args=[case.status_token]) if case else ""
    context = {
        "case": case,
        "status_path": path,
        "status_url": request.build_absolute_uri(path) if case else "",
        "form_url": reverse(_route("complaint")),
    }
    return _page(request, "public/complaint_received.html", context)


@require_GET
@private_page
@in_language
def complaint_received(request: HttpRequest, token: str) -> HttpResponse:
    return _receipt(request, submission_for_receipt(token))


@require_GET
@private_page
@in_language
def complaint_thanks(request: HttpRequest) -> HttpResponse:
    return _receipt(request, None)


@require_GET
@private_page
def status(request: HttpRequest, token: str) -> HttpResponse:
    case = case_for_status_token(token)
    label, explanation = customer_status(case)
    context = {
        "case": case,
        "status_label": label,
        "status_explanation": explanation,
        "replies": public_replies(case),
        "updates": public_updates(case),
    }
    return _page(request, "public/status.html", context)
