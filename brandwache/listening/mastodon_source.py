"""Mastodon: hashtag timelines, keyword search and mentions of the organisation's account.

    poll(source)          one pass over every stream of the source; statuses stored raw first
    read_status(...)      a stored status as a post (`posts.reader_for`)

Settings (`Source.settings`): `instance` (or `Source.url`), `hashtags` (without "#"),
`search` (terms for /api/v2/search), `account` (the organisation's own account: its
mentions are read from that account's notifications) and `token_env`, the name of the
environment variable holding the access token. The token itself never reaches the database.

Each stream keeps the newest id it has seen in `Source.cursor` (a JSON object, e.g.
`{"tag:bahnchaos": "1133..."}`) and asks only for what came after it (`min_id`). A
reblog is stored and read as the status it reblogs, so it collapses onto the original.
"""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any

import nh3
import requests
from django.utils import timezone
from mastodon import Mastodon, MastodonError, MastodonRatelimitError

from brandwache.intake.mailhtml import html_to_text
from brandwache.intake.models import RawMessage
from brandwache.listening.feeds import (
    MAX_REDIRECTS,
    TIMEOUT_SECONDS,
    USER_AGENT,
    FetchError,
    PollResult,
    record_failure,
    record_success,
)
from brandwache.listening.models import Source
from brandwache.listening.posts import (
    PostFields,
    PostRejected,
    aware_datetime,
    process,
    store_raw,
)

PAGE = 40  # the most the API gives per request
MAX_PAGES = 5  # per stream and poll; the rest follows on the next poll
# Told the server's version, the client library allows min_id on search without first
# asking /api/v1/instance; every server of the last years is newer.
ASSUMED_SERVER_VERSION = "4.0.0"


class RateLimited(FetchError):
    def __init__(self, message: str, retry_after: timedelta | None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def poll(source: Source, *, now: datetime | None = None) -> PollResult:
    now = now or timezone.now()
    result = PollResult(source)
    cursors = _cursors(source)
    statuses: list[dict[str, Any]] = []
    try:
        api, last = _client(source)
        for stream in streams(source.settings):
            found, cursors[stream] = _read_stream(api, last, stream, cursors.get(stream))
            statuses += found
        cursor = json.dumps(cursors, separators=(",", ":"), sort_keys=True)
        if len(cursor) > 255:
            raise FetchError("Too many hashtags and search terms to keep their cursors.")
    except RateLimited as error:
        result.error = str(error)
        record_failure(source, result.error, now, retry_after=error.retry_after)
        return result
    except FetchError as error:
        result.error = str(error)
        record_failure(source, result.error, now)
        return result
    items = [
        (_original(status)["uri"], _as_json(status), metadata)
        for status, metadata in zip(statuses, _thread_links(source, statuses), strict=True)
    ]
    stored = store_raw(source, items)
    source.cursor = cursor
    record_success(source, now, extra_fields=["cursor"])
    result.outcome = process(source, [raw for raw, _created in stored])
    return result


def streams(settings: dict[str, Any]) -> list[str]:
    """The streams a source reads, as cursor keys: `tag:<name>`, `search:<terms>`, `mentions`."""
    keys = [f"tag:{str(tag).lstrip('#')}" for tag in settings.get("hashtags") or []]
    keys += [f"search:{terms}" for terms in settings.get("search") or []]
    if settings.get("account"):
        keys.append("mentions")
    return keys


def read_status(status: Any, metadata: dict[str, Any]) -> PostFields:
    """A stored status (or reblog) as a post: the original's text as plain text, no HTML."""
    if not isinstance(status, dict):
        raise PostRejected("The status is not an object.")
    original = _original(status)
    if not original.get("uri"):
        raise PostRejected("The status has no URI.")
    text = _plain_text(str(original.get("content") or ""))
    warning = str(original.get("spoiler_text") or "").strip()
    text = "\n\n".join(filter(None, [warning, text]))
    if not text:
        raise PostRejected("The status has no text.")
    account = original.get("account") or {}
    return PostFields(
        external_id=str(original["uri"]),
        text=text,
        url=str(original.get("url") or original["uri"]),
        author=str(account.get("acct") or ""),
        created_at=aware_datetime(original.get("created_at")),
        lang=str(original.get("language") or ""),
        # A parent never seen is kept by its server id: better than losing the reply.
        in_reply_to=str(metadata.get("in_reply_to_uri") or original.get("in_reply_to_id") or ""),
        reach=_counts(
            followers=account.get("followers_count"),
            replies=original.get("replies_count"),
            reblogs=original.get("reblogs_count"),
            favourites=original.get("favourites_count"),
        ),
    )


class _LastResponse:
    """Response hook: the library drops Retry-After when it raises on a 429."""

    response: requests.Response | None = None

    def __call__(self, response: requests.Response, *args: Any, **kwargs: Any) -> None:
        self.response = response


def _plain_text(html: str) -> str:
    # Only paragraphs and line breaks survive: mention and hashtag links show their text
    # ("@alpenbahn", "#bahn") and a link its visible address, never a second copy of it.
    return html_to_text(nh3.clean(html, tags={"p", "br"}), sanitised=True).strip()


def _client(source: Source) -> tuple[Mastodon, _LastResponse]:
    settings = source.settings
    instance = str(settings.get("instance") or source.url or "").rstrip("/")
    if not instance.startswith(("http://", "https://")):
        raise FetchError(f"No Mastodon instance URL in the settings: {instance!r}")
    token = None
    if settings.get("token_env"):
        token = os.environ.get(str(settings["token_env"])) or None
        if token is None:
            raise FetchError(f"The environment variable {settings['token_env']} is not set.")
    if settings.get("account") and token is None:
        raise FetchError("Mentions of the account need its access token (token_env).")
    session, last = requests.Session(), _LastResponse()
    session.hooks["response"].append(last)
    session.max_redirects = MAX_REDIRECTS
    api = Mastodon(
        access_token=token,
        api_base_url=instance,
        ratelimit_method="throw",
        request_timeout=TIMEOUT_SECONDS,
        mastodon_version=ASSUMED_SERVER_VERSION,
        version_check_mode="created",
        session=session,
        user_agent=USER_AGENT,
    )
    return api, last


def _read_stream(
    api: Mastodon, last: _LastResponse, stream: str, cursor: str | None
) -> tuple[list[dict[str, Any]], str | None]:
    """Statuses newer than the cursor and the new cursor. Without a cursor only the newest
    page is read: a new source does not load the whole history."""
    found: list[dict[str, Any]] = []
    pages = MAX_PAGES if cursor else 1
    for _number in range(pages):
        try:
            page = _page_of(api, stream, cursor)
        except MastodonRatelimitError:
            raise RateLimited("HTTP 429 Too Many Requests", _retry_after(last.response)) from None
        except MastodonError as error:
            raise FetchError(f"Mastodon {stream}: {error}") from None
        if not page:
            break
        cursor = str(max(page, key=lambda item: int(item["id"]))["id"])
        found += [_entity(item.get("status") or item) for item in page]
        if len(page) < PAGE:
            break
    return [status for status in found if _original(status).get("uri")], cursor


def _page_of(api: Mastodon, stream: str, cursor: str | None) -> list[Any]:
    kind, _colon, name = stream.partition(":")
    if kind == "tag":
        return list(api.timeline_hashtag(name, min_id=cursor, limit=PAGE))
    if kind == "search":
        found = api.search_v2(
            name, result_type="statuses", resolve=False, min_id=cursor, limit=PAGE
        )
        return list(found["statuses"])
    # Mentions: paged by notification id, each carrying the status that mentions the account.
    notices = api.notifications(types=["mention"], min_id=cursor, limit=PAGE)
    return [notice for notice in notices if notice.get("status")]


def _retry_after(response: requests.Response | None) -> timedelta | None:
    """Retry-After of a 429, in seconds or as an HTTP date."""
    value = response.headers.get("Retry-After", "").strip() if response is not None else ""
    if not value:
        return None
    if value.isdigit():
        return timedelta(seconds=int(value))
    try:
        return max(parsedate_to_datetime(value) - timezone.now(), timedelta(0))
    except (TypeError, ValueError):
        return None


def _thread_links(source: Source, statuses: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Raw metadata per status: its server id, and the URI of the status it replies to.
    Mastodon names the parent by its server id only; posts are keyed by URI, so the parent
    is looked up in this batch and among the statuses stored before."""
    uris = {str(_original(s)["id"]): _original(s)["uri"] for s in statuses if "id" in _original(s)}
    wanted = {str(_original(s).get("in_reply_to_id") or "") for s in statuses} - set(uris) - {""}
    if wanted:
        stored = RawMessage.objects.filter(
            channel=source.kind, metadata__source=source.pk, metadata__status_id__in=wanted
        ).values_list("metadata__status_id", "external_id")
        uris |= {str(key): external.split(":", 1)[1] for key, external in stored}
    links = []
    for status in statuses:
        original = _original(status)
        parent = str(original.get("in_reply_to_id") or "")
        links.append(
            {"status_id": str(original.get("id") or ""), "in_reply_to_uri": uris.get(parent, "")}
        )
    return links


def _entity(item: Any) -> dict[str, Any]:
    """The status as JSON, in the library's documented serialisation (dates in ISO 8601)."""
    return json.loads(item.to_json(pretty=False))["_mastopy_data"]


def _original(status: dict[str, Any]) -> dict[str, Any]:
    return status.get("reblog") or status


def _as_json(status: dict[str, Any]) -> bytes:
    return json.dumps(status, ensure_ascii=False, sort_keys=True).encode()


def _cursors(source: Source) -> dict[str, str | None]:
    try:
        cursors = json.loads(source.cursor or "{}")
    except json.JSONDecodeError:
        return {}
    return cursors if isinstance(cursors, dict) else {}


def _counts(**counts: Any) -> dict[str, int]:
    return {name: value for name, value in counts.items() if isinstance(value, int)}
