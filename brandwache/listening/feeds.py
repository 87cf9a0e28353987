"""RSS/Atom feeds: polled on their schedule, with ETag/Last-Modified and backoff.

    poll_due()      every enabled feed source whose next poll is due, once each
    poll(source)    fetch one feed; each entry stored raw, then processed (`posts.py`)

A 304 stores nothing. A failed fetch counts a failure and waits interval x 2^failures
(at most a day) before the next try; a success resets the count.
"""

from __future__ import annotations

import io
import json
import logging
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import feedparser
from django.db.models import Q
from django.utils import timezone

from brandwache.intake.mailhtml import html_to_text
from brandwache.listening.models import Source
from brandwache.listening.posts import Outcome, PostFields, PostRejected, process, store_raw

TIMEOUT_SECONDS = 30
MAX_FEED_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5  # for every polled source; the social clients get the same cap
MAX_BACKOFF = timedelta(hours=24)
USER_AGENT = "Brandwache listening (+https://github.com/brandwache)"
POLLED_KINDS = (Source.Kind.FEED, Source.Kind.MASTODON, Source.Kind.BLUESKY)

log = logging.getLogger(__name__)


@dataclass
class PollResult:
    source: Source
    outcome: Outcome = field(default_factory=Outcome)
    not_modified: bool = False
    error: str = ""


class FetchError(Exception):
    pass


def due_sources(now: datetime | None = None) -> list[Source]:
    now = now or timezone.now()
    return list(
        Source.objects.filter(kind__in=POLLED_KINDS, enabled=True)
        .filter(Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now))
        .order_by("pk")
    )


def poll_due(now: datetime | None = None) -> list[PollResult]:
    """Poll each due feed once; a source another worker claimed meanwhile is skipped."""
    now = now or timezone.now()
    results = []
    for source in due_sources(now):
        # Claimed by moving its next poll out: two workers never poll one feed together.
        claim = now + timedelta(minutes=source.interval_minutes)
        claimed = Source.objects.filter(pk=source.pk, next_poll_at=source.next_poll_at).update(
            next_poll_at=claim
        )
        if claimed:
            results.append(_poll_one(source, now))
    return results


def _poll_one(source: Source, now: datetime) -> PollResult:
    """One source's poll; an unexpected error is that source's failure, not the pass's."""
    try:
        return poller(source.kind)(source, now=now)
    except Exception as error:
        log.exception("polling source %s failed", source.pk)
        result = PollResult(source, error=f"Unexpected error: {type(error).__name__}: {error}")
        source.refresh_from_db()
        record_failure(source, result.error, now)
        return result


def poller(kind: str) -> Callable[..., PollResult]:
    # Imported here: the social sources import this module for its backoff.
    from brandwache.listening import bluesky_source, mastodon_source

    pollers: dict[str, Callable[..., PollResult]] = {
        Source.Kind.FEED: poll,
        Source.Kind.MASTODON: mastodon_source.poll,
        Source.Kind.BLUESKY: bluesky_source.poll,
    }
    return pollers[kind]


def poll(source: Source, *, now: datetime | None = None) -> PollResult:
    now = now or timezone.now()
    result = PollResult(source)
    try:
        body, headers = fetch(source)
    except FetchError as error:
        result.error = str(error)
        record_failure(source, result.error, now)
        return result
    if body is None:
        result.not_modified = True
        record_success(source, now)
        return result
    # As a stream: feedparser takes bytes it is given for a file name first, so a body
    # such as b"/etc/passwd" would make it read a local file.
    parsed = feedparser.parse(io.BytesIO(body), response_headers=headers)
    if parsed.bozo and not parsed.entries and not parsed.feed:
        result.error = f"Not a feed: {parsed.get('bozo_exception')}"
        record_failure(source, result.error, now)
        return result
    source.etag = (headers.get("etag") or "")[:255]
    source.last_modified = (headers.get("last-modified") or "")[:64]
    record_success(source, now)
    language = str(parsed.feed.get("language") or "")
    metadata = {"feed_language": language}
    items = [(_entry_id(entry), _as_json(entry), metadata) for entry in parsed.entries]
    stored = store_raw(source, items)
    result.outcome = process(source, [raw for raw, _created in stored])
    return result


def fetch(source: Source) -> tuple[bytes | None, dict[str, str]]:
    """The feed's body and headers (lower-case names), or None for 304 Not Modified."""
    if not source.url.startswith(("http://", "https://")):
        raise FetchError(f"Not an http(s) URL: {source.url!r}")
    request = urllib.request.Request(source.url, headers={"User-Agent": USER_AGENT})  # noqa: S310
    if source.etag:
        request.add_header("If-None-Match", source.etag)
    if source.last_modified:
        request.add_header("If-Modified-Since", source.last_modified)
    try:
        with _opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            body = response.read(MAX_FEED_BYTES + 1)
            headers = {name.lower(): value for name, value in response.headers.items()}
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return None, {}
        raise FetchError(f"HTTP {error.code} {error.reason}") from None
    except (urllib.error.URLError, OSError) as error:
        raise FetchError(f"Cannot fetch {source.url}: {error}") from None
    if len(body) > MAX_FEED_BYTES:
        raise FetchError(f"The feed is larger than {MAX_FEED_BYTES:,} bytes.")
    return body, headers


class _HttpRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects to http(s) only (urllib also follows ftp://), and fewer of them."""

    max_redirections = MAX_REDIRECTS

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: Any,
        code: int,
        msg: str,
        headers: Any,
        newurl: str,
    ) -> urllib.request.Request | None:
        if not newurl.lower().startswith(("http://", "https://")):
            raise urllib.error.HTTPError(newurl, code, "Redirect to a non-http(s) URL", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


# No file:, ftp: or data: handlers: a feed URL and its redirects are http(s) only.
_opener = urllib.request.OpenerDirector()
for _handler in (
    urllib.request.ProxyHandler(),
    urllib.request.HTTPHandler(),
    urllib.request.HTTPSHandler(),
    urllib.request.HTTPDefaultErrorHandler(),
    urllib.request.HTTPErrorProcessor(),
    _HttpRedirects(),
):
    _opener.add_handler(_handler)


def read_entry(entry: Any, metadata: dict[str, Any]) -> PostFields:
    """A stored entry (feedparser's dict as JSON) as a post."""
    if not isinstance(entry, dict):
        raise PostRejected("The entry is not an object.")
    external_id = _entry_id(entry)
    if not external_id:
        raise PostRejected("The entry has neither an id nor a link.")
    contents = entry.get("content") or []
    body = contents[0].get("value", "") if contents and isinstance(contents[0], dict) else ""
    body = html_to_text(str(body or entry.get("summary") or "")).strip()
    title = html_to_text(str(entry.get("title") or "")).strip()
    # A feed that repeats the title as the start of the text gives it once.
    text = body if title and body.startswith(title) else "\n\n".join(filter(None, [title, body]))
    if not text:
        raise PostRejected("The entry has neither a title nor any text.")
    author = entry.get("author") or (entry.get("author_detail") or {}).get("name") or ""
    reply = entry.get("thr_in-reply-to") or {}
    return PostFields(
        external_id=external_id,
        text=text,
        url=str(entry.get("link") or ""),
        author=str(author),
        created_at=_when(entry.get("published_parsed") or entry.get("updated_parsed")),
        lang=str(entry.get("language") or metadata.get("feed_language") or "")[:16],
        in_reply_to=str(reply.get("ref") or "") if isinstance(reply, dict) else "",
    )


def _entry_id(entry: Any) -> str:
    return str(entry.get("id") or entry.get("link") or "")[:240]


def _as_json(entry: Any) -> bytes:
    # Dates as feedparser parsed them are tuples (JSON lists); anything odd as text.
    return json.dumps(entry, ensure_ascii=False, sort_keys=True, default=str).encode()


def _when(value: object) -> datetime | None:
    if not isinstance(value, list) or len(value) < 6:
        return None
    try:
        return datetime(*[int(part) for part in value[:6]], tzinfo=UTC)
    except (TypeError, ValueError):
        return None


def record_success(source: Source, now: datetime, *, extra_fields: Sequence[str] = ()) -> None:
    source.consecutive_failures = 0
    source.last_error = ""
    source.next_poll_at = now + timedelta(minutes=source.interval_minutes)
    fields = ["consecutive_failures", "last_error", "next_poll_at", "etag", "last_modified"]
    source.save(update_fields=[*fields, *extra_fields])


def record_failure(
    source: Source, error: str, now: datetime, *, retry_after: timedelta | None = None
) -> None:
    """Back off interval x 2^failures, at most a day; a server's Retry-After, when longer,
    wins over the cap."""
    source.consecutive_failures += 1
    wait = timedelta(minutes=source.interval_minutes) * 2 ** min(source.consecutive_failures, 16)
    source.next_poll_at = now + max(min(wait, MAX_BACKOFF), retry_after or timedelta(0))
    source.last_error = error[:5000]
    source.save(update_fields=["consecutive_failures", "last_error", "next_poll_at"])
