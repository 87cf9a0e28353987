"""Bluesky: `app.bsky.feed.searchPosts` for the source's search terms, through `atproto`.

    poll(source)          one pass over every search term; each post stored raw first
    read_post(...)        a stored post view as a post (`posts.reader_for`)

Settings (`Source.settings`): `search` (terms, in the search syntax of the AppView),
`service` (default the public AppView, where search needs no login; or `Source.url`),
and, for a server that wants a login, `handle` with `password_env`, the name of the
environment variable holding an app password. The password never reaches the database.

Search is asked for the latest posts. Per term, `Source.cursor` (a JSON object) keeps the
newest `indexedAt` seen; the next poll asks only `since` then and follows the answer's
own cursor back through older pages until it gets there.
"""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta
from typing import Any

from atproto import Client
from atproto_client.exceptions import (
    AtProtocolError,
    RateLimitExceededError,
    RequestErrorBase,
)
from atproto_client.models.utils import get_model_as_dict
from atproto_client.request import Request
from django.utils import timezone

from brandwache.listening.feeds import (
    MAX_REDIRECTS,
    TIMEOUT_SECONDS,
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

PUBLIC_APPVIEW = "https://public.api.bsky.app"
PAGE = 100  # the most searchPosts gives per request
MAX_PAGES = 5  # per term and poll; a new source reads only the newest page


class RateLimited(FetchError):
    def __init__(self, message: str, retry_after: timedelta | None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def poll(source: Source, *, now: datetime | None = None) -> PollResult:
    now = now or timezone.now()
    result = PollResult(source)
    since = _cursors(source)
    posts: list[dict[str, Any]] = []
    try:
        client = _client(source)
        for term in source.settings.get("search") or []:
            found = _search(client, str(term), since.get(term))
            posts += found
            newest = max((str(post.get("indexedAt") or "") for post in found), default="")
            since[term] = max(newest, since.get(term) or "") or None
        cursor = json.dumps(since, separators=(",", ":"), sort_keys=True)
        if len(cursor) > 255:
            raise FetchError("Too many search terms to keep their cursors.")
    except RateLimited as error:
        result.error = str(error)
        record_failure(source, result.error, now, retry_after=error.retry_after)
        return result
    except FetchError as error:
        result.error = str(error)
        record_failure(source, result.error, now)
        return result
    stored = store_raw(source, [(str(post["uri"]), _as_json(post), {}) for post in posts])
    source.cursor = cursor
    record_success(source, now, extra_fields=["cursor"])
    result.outcome = process(source, [raw for raw, _created in stored])
    return result


def read_post(post: Any, metadata: dict[str, Any]) -> PostFields:
    """A stored post view (app.bsky.feed.defs#postView) as a post."""
    if not isinstance(post, dict) or not str(post.get("uri") or "").startswith("at://"):
        raise PostRejected("The post has no at:// URI.")
    record = post.get("record") if isinstance(post.get("record"), dict) else {}
    text = str(record.get("text") or "").strip()
    if not text:
        raise PostRejected("The post has no text.")
    author = post.get("author") if isinstance(post.get("author"), dict) else {}
    handle = str(author.get("handle") or "")
    uri = str(post["uri"])
    langs = record.get("langs") or []
    reply = record.get("reply") if isinstance(record.get("reply"), dict) else {}
    parent = reply.get("parent") if isinstance(reply.get("parent"), dict) else {}
    return PostFields(
        external_id=uri,
        text=text,
        url=post_url(handle or str(author.get("did") or ""), uri),
        author=handle,
        created_at=aware_datetime(record.get("createdAt") or post.get("indexedAt")),
        lang=str(langs[0]) if langs else "",
        in_reply_to=str(parent.get("uri") or ""),
        reach={
            name: post[field]
            for name, field in (
                ("likes", "likeCount"),
                ("reposts", "repostCount"),
                ("replies", "replyCount"),
                ("quotes", "quoteCount"),
            )
            if isinstance(post.get(field), int)
        },
    )


def post_url(actor: str, uri: str) -> str:
    """The post's page on bsky.app: at://did/app.bsky.feed.post/<rkey> -> /profile/…/post/<rkey>."""
    return f"https://bsky.app/profile/{actor}/post/{uri.rsplit('/', 1)[-1]}" if actor else ""


def _client(source: Source) -> Client:
    settings = source.settings
    service = str(settings.get("service") or source.url or PUBLIC_APPVIEW).rstrip("/")
    if not service.startswith(("http://", "https://")):
        raise FetchError(f"Not an http(s) URL for the Bluesky service: {service!r}")
    client = Client(
        base_url=service, request=Request(timeout=TIMEOUT_SECONDS, max_redirects=MAX_REDIRECTS)
    )
    if settings.get("handle"):
        password = os.environ.get(str(settings.get("password_env") or ""))
        if not password:
            raise FetchError(f"The environment variable {settings.get('password_env')} is not set.")
        _call(client.login, str(settings["handle"]), password)
    return client


def _search(client: Client, term: str, since: str | None) -> list[dict[str, Any]]:
    """The latest posts for the term, newer than `since` (inclusive, as the API counts)."""
    found: list[dict[str, Any]] = []
    cursor: str | None = None
    for _number in range(MAX_PAGES if since else 1):
        params: dict[str, Any] = {"q": term, "sort": "latest", "limit": PAGE}
        if since:
            params["since"] = since
        if cursor:
            params["cursor"] = cursor
        answer = _call(client.app.bsky.feed.search_posts, params)
        found += [get_model_as_dict(post) for post in answer.posts]
        cursor = answer.cursor
        if not cursor or len(answer.posts) < PAGE:
            break
    return found


def _call(method: Any, *args: Any) -> Any:
    try:
        return method(*args)
    except RateLimitExceededError as error:
        wait = error.retry_after
        if wait is None and error.reset_at is not None:
            wait = max((error.reset_at - timezone.now()).total_seconds(), 0.0)
        retry = timedelta(seconds=wait) if wait is not None else None
        raise RateLimited("HTTP 429 Too Many Requests", retry) from None
    except RequestErrorBase as error:
        if error.response is not None:
            raise FetchError(f"HTTP {error}") from None
        raise FetchError(f"Bluesky: {type(error).__name__}: {error}") from None
    except AtProtocolError as error:
        raise FetchError(f"Bluesky: {type(error).__name__}: {error}") from None


def _as_json(post: dict[str, Any]) -> bytes:
    return json.dumps(post, ensure_ascii=False, sort_keys=True, default=str).encode()


def _cursors(source: Source) -> dict[str, str | None]:
    try:
        cursors = json.loads(source.cursor or "{}")
    except json.JSONDecodeError:
        return {}
    return cursors if isinstance(cursors, dict) else {}
