"""`POST /listening/webhook/<source id>/`: posts pushed by anything we have no reader for.

Authenticated by the source's bearer token alone, so no cookies and no CSRF token: this is
the one CSRF-exempt view of the app. Answers are JSON: 202 `{"stored", "duplicates"}`, or
`{"error"}` (400 also `"items"`) with 400, 401, 403, 413 or 429.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from brandwache.listening import webhook
from brandwache.listening.models import Source
from brandwache.ratelimit.limits import hit


def _error(message: str, status: int, **extra: Any) -> JsonResponse:
    return JsonResponse({"error": message, **extra}, status=status)


def _bearer(request: HttpRequest) -> str:
    scheme, _space, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def _unauthorised() -> JsonResponse:
    response = _error("A valid bearer token of this source is required.", 401)
    response["WWW-Authenticate"] = 'Bearer realm="brandwache-listening"'
    return response


@csrf_exempt
@require_POST
def receive(request: HttpRequest, source_id: int) -> JsonResponse:
    # An unknown id answers like a wrong token, so ids cannot be probed.
    source = Source.objects.filter(pk=source_id, kind=Source.Kind.WEBHOOK).first()
    token = _bearer(request)
    if source is None or not token or not webhook.token_matches(source, token):
        return _unauthorised()
    if not source.enabled:
        return _error("This source is disabled.", 403)
    if not hit(
        f"listening:webhook:{source.pk}", limit=webhook.requests_per_minute(source), window=60
    ):
        response = _error("Too many requests for this source; try again in a minute.", 429)
        response["Retry-After"] = "60"
        return response
    too_large = _error(f"The body is larger than {webhook.MAX_BODY_BYTES} bytes.", 413)
    try:
        declared = int(request.headers.get("Content-Length") or 0)
    except ValueError:
        return _error("The Content-Length header is not a number.", 400)
    if declared > webhook.MAX_BODY_BYTES:
        return too_large
    body = request.read(webhook.MAX_BODY_BYTES + 1)
    if len(body) > webhook.MAX_BODY_BYTES:
        return too_large
    try:
        accepted = webhook.accept(source, body)
    except webhook.BodyRejected as rejected:
        items = [vars(item) for item in rejected.items]
        return _error(str(rejected), 400, items=items)
    return JsonResponse({"stored": accepted.stored, "duplicates": accepted.duplicates}, status=202)
