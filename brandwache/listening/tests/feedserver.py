"""A feed served from 127.0.0.1 by a thread of the test, with ETag and 304 like a real server."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from brandwache.listening.tests.loopback import QuietHandler, serve_on_loopback


@dataclass
class Entry:
    id: str
    title: str
    text: str = ""
    author: str = "Tom Sample"
    link: str = ""


# A forum's complaint about a late train and a customer's praise: what most feed tests serve.
COMPLAINT = Entry(
    "urn:post:1",
    "Alpenbahn schon wieder",
    "Alpenbahn: der Zug ist schon wieder 40 Minuten zu spät, keine Durchsage, "
    "Anschluss verpasst. Eine Frechheit, nie wieder.",
)
PRAISE = Entry("urn:post:2", "Sparbillett", "Alpenbahn Sparbillett gekauft, alles bestens, danke!")


@dataclass
class FeedServer:
    url: str = ""
    entries: list[Entry] = field(default_factory=list)
    status: int = 200  # what the next requests get
    requests: list[dict[str, str]] = field(default_factory=list)

    def body(self) -> bytes:
        items = "".join(
            "<entry>"
            f"<id>{escape(entry.id)}</id><title>{escape(entry.title)}</title>"
            f"<link href='{escape(entry.link or 'https://forum.example/t/' + entry.id)}'/>"
            f"<author><name>{escape(entry.author)}</name></author>"
            "<updated>2026-03-02T08:15:00Z</updated>"
            f"<content type='text'>{escape(entry.text)}</content>"
            "</entry>"
            for entry in self.entries
        )
        return (
            "<?xml version='1.0' encoding='utf-8'?>"
            "<feed xmlns='http://www.w3.org/2005/Atom' xml:lang='de'>"
            "<title>Forum</title><id>urn:test:forum</id><updated>2026-03-02T08:15:00Z</updated>"
            f"{items}</feed>"
        ).encode()


@contextmanager
def serve_feed() -> Iterator[FeedServer]:
    feed = FeedServer()

    class Handler(QuietHandler):
        def do_GET(self) -> None:  # noqa: N802 (name given by http.server)
            feed.requests.append({name.lower(): value for name, value in self.headers.items()})
            if feed.status != 200:
                self.send_error(feed.status)
                return
            body = feed.body()
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/atom+xml; charset=utf-8")
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", "Mon, 02 Mar 2026 08:15:00 GMT")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    with serve_on_loopback(Handler) as base:
        feed.url = f"{base}/feed.atom"
        yield feed
