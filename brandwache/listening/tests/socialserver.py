"""Recorded Mastodon and Bluesky answers replayed from 127.0.0.1, so the real client
libraries run against them. A request that carries a cursor (`min_id`, `since`) gets the
empty answer the servers give when nothing is newer. Mastodon's notifications want the
account's token, sent as a bearer header: without one they answer 401 like the server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from brandwache.listening.tests.loopback import QuietHandler, serve_on_loopback

RECORDED = Path(__file__).parent / "recorded"


def recorded(name: str) -> Any:
    return json.loads((RECORDED / name).read_text(encoding="utf-8"))


@dataclass
class SocialServer:
    url: str = ""
    status: int = 200  # what the next requests get
    retry_after: str = ""
    requests: list[tuple[str, dict[str, list[str]]]] = field(default_factory=list)
    # The Authorization header of each request ("" when none was sent), in request order.
    authorizations: list[str] = field(default_factory=list)

    def answer(self, path: str, query: dict[str, list[str]]) -> Any:
        newer_only = "min_id" in query or "since" in query
        if path.startswith("/api/v1/timelines/tag/"):
            return [] if newer_only else recorded("mastodon_tag_alpenbahn.json")
        if path == "/api/v2/search":
            if newer_only:
                return {"accounts": [], "hashtags": [], "statuses": []}
            return recorded("mastodon_search_v2.json")
        if path == "/api/v1/notifications":
            return [] if newer_only else recorded("mastodon_notifications_mention.json")
        if path == "/xrpc/app.bsky.feed.searchPosts":
            return {"posts": []} if newer_only else recorded("bluesky_search_posts.json")
        return None


@contextmanager
def serve_social() -> Iterator[SocialServer]:
    social = SocialServer()

    class Handler(QuietHandler):
        def do_GET(self) -> None:  # noqa: N802 (name given by http.server)
            parts = urlsplit(self.path)
            query = parse_qs(parts.query)
            authorization = self.headers.get("Authorization", "")
            social.requests.append((parts.path, query))
            social.authorizations.append(authorization)
            body = social.answer(parts.path, query)
            status = social.status if body is not None else 404
            if parts.path == "/api/v1/notifications" and not authorization.startswith("Bearer "):
                status, body = 401, {"error": "The access token is invalid"}
            elif status != 200:
                body = {"error": "Too many requests" if status == 429 else "Error"}
            payload = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            if status == 429 and social.retry_after:
                self.send_header("Retry-After", social.retry_after)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

    with serve_on_loopback(Handler) as base:
        social.url = base
        yield social
