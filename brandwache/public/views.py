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
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import NoReverseMatch, resolve, reverse
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import get_language_info, gettext, ngettext
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from brandwache.cases.actions import renew_status_link
from brandwache.client import client_ip
from brandwache.intake.channels.base import get_channel
from brandwache.intake.models import RawMessage
from brandwache.intake.pipeline import ingest
from brandwache.public.access import (
    case_address,
    case_of_status_token,
    case_of_submission,
    case_to_show,
    receipt_token,
    status_link_expired,
    submission_for_receipt,
)
from brandwache.public.forms import DESCRIPTION_MAX_CHARS, ComplaintForm
from brandwache.public.ratelimit import allow_status_link_request, allow_submission, count_spam
from brandwache.public.status import customer_status, public_replies, public_updates
from brandwache.public.tasks import customer_language, send_confirmation, send_status_link

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


def _render_form(
    request: HttpRequest, form: ComplaintForm, *, status: int = 200, problem: str = ""
) -> HttpResponse:
    context = {
        "problem": problem,
        "form": form,
        "privacy_url": settings.BRANDWACHE_PRIVACY_URL,
        "files_dropped": bool(request.FILES) and form.is_bound and bool(form.errors),
        "error_fields": [field for field in form.visible_fields() if field.errors],
    }
    return _page(request, "public/complaint_form.html", context, status=status)


def _known_submission(submission_id: str) -> RawMessage | None:
    key = get_channel("webform").external_id(b"", {"submission_id": submission_id})
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
    if not form.is_valid():
        if "submission_id" in form.errors:
            form.data = form.data.copy()
            form.data["submission_id"] = str(uuid.uuid4())
        return _render_form(request, form)
    language = customer_language(translation.get_language() or "")
    payload = form.payload(language)
    submission_id = str(form.cleaned_data["submission_id"])
    known = _known_submission(submission_id)
    if known is not None:
        if bytes(known.payload) == payload:  # the same form sent twice: one complaint
            return redirect(_route("complaint_received"), token=receipt_token(known))
        # Somebody else's id, or the form changed since: a submission of its own.
        submission_id = str(uuid.uuid4())
    if not allow_submission(ip):
        form.add_error(None, _rate_limited_message())
        return _render_form(request, form, status=429)
    result = ingest("webform", payload, metadata={"submission_id": submission_id, "ip": ip})
    if result.message is None:
        # The reason can quote what was typed; it is kept on the raw message, not in the log.
        log.warning("web form submission %s kept unprocessed (see intake problems)", result.raw.pk)
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
    # The status link goes only to the mailbox of the address given: the form proves
    # nothing about who typed it in.
    found = case_of_submission(raw) if raw is not None else None
    context = {"case": found[1] if found else None, "form_url": reverse(_route("complaint"))}
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
    own = case_of_status_token(token)
    if status_link_expired(own):
        return _expired(request, token)
    case = case_to_show(own)
    label, explanation = customer_status(case)
    context = {
        "case": case,
        "status_label": label,
        "status_explanation": explanation,
        "replies": public_replies(case),
        "updates": public_updates(case),
    }
    return _page(request, "public/status.html", context)


def _expired(request: HttpRequest, token: str, **context: object) -> HttpResponse:
    """Says only that the link expired: nothing about the case behind it."""
    context["renew_path"] = reverse("public:status_renew", args=[token])
    return _page(request, "public/status_expired.html", context, status=410)


@require_POST
@private_page
def status_renew(request: HttpRequest, token: str) -> HttpResponse:
    """A new status link, mailed only to an address of the case's own customer; the answer
    is the same whichever address was typed in, so it tells nobody whose case it is."""
    case = case_of_status_token(token)  # the link's own case gets the new token
    if not allow_status_link_request(client_ip(request), case.pk):
        return _expired(request, token, limited=True)
    recipient = case_address(case, request.POST.get("email", "")[:254])
    if recipient is not None:
        case = renew_status_link(case, recipient=recipient, ip=client_ip(request))
        language = customer_language(translation.get_language() or "")
        case_pk = case.pk
        transaction.on_commit(lambda: send_status_link.enqueue(case_pk, recipient, language))
    return _expired(request, token, requested=True)


_UNREADABLE = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The complaint form again when its post was too large to read, with the limits; what
    the customer typed is filled in again by the browser (`draft.js`). Anything else gets
    Django's plain 400 page."""
    try:
        match = resolve(request.path_info)
    except Http404:
        match = None
    name = match.url_name if match else ""
    if not isinstance(exception, _UNREADABLE) or name not in {"complaint", "complaint_en"}:
        return defaults.bad_request(request, exception)
    with translation.override("en" if name == "complaint_en" else translation.get_language()):
        form = ComplaintForm(initial={"submission_id": uuid.uuid4()})
        return _render_form(request, form, status=413, problem=_too_large_message())


def _too_large_message() -> str:
    return gettext(
        "Your message was too large for us to receive: at most %(chars)s characters of text "
        "and %(files)d files of at most %(size)s each. Your entries are filled in again below "
        "(files must be chosen once more): please shorten them and send the form again."
    ) % {
        "chars": number_format(DESCRIPTION_MAX_CHARS, force_grouping=True),
        "files": settings.BRANDWACHE_WEBFORM_MAX_ATTACHMENTS,
        "size": filesizeformat(settings.BRANDWACHE_MAX_ATTACHMENT_BYTES),
    }
