"""The "listening" intake channel: a public post that became a message on a case.

Its payload is a post in the JSON Lines shape of `listen classify`
(`id, source, url, author, created_at, lang, text, in_reply_to`). Feed entries and
imported lines are stored raw under their own channel keys ("feed", "jsonl") and only
reach the case actions through this channel when listening decided they are a relevant
negative complaint (see `posts.py`).
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any, ClassVar
from urllib.parse import urlsplit

from django.utils.translation import gettext_lazy as _

from brandwache.contacts.actions import IdentityRef
from brandwache.contacts.models import Identity
from brandwache.intake.channels.base import Channel, IntakeRejected, ParsedMessage, register

KEY = "listening"
# "@name", "@name@server" or a Bluesky "name.bsky.social": a handle valid on its own.
HANDLE = re.compile(r"@[\w.-]+(?:@[\w.-]+)?|[\w-]+(?:\.[\w-]+)+")


def author_identity(author: str, url: str) -> IdentityRef | None:
    """The author as a social handle. A bare display name ("Frau Muster" on a forum) is
    only unique on its own site, so it is kept apart per host: "Frau Muster@forum.example"."""
    author = author.strip()
    if not author:
        return None
    if HANDLE.fullmatch(author):
        return IdentityRef(Identity.Kind.SOCIAL, author, author)
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    return IdentityRef(Identity.Kind.SOCIAL, f"{author}@{host}" if host else author, author)


def post_message_id(source: str, post_id: str) -> str:
    """The Message-ID a post gets on a case, so replies to it thread to the same case."""
    return f"{source}:{post_id}" if post_id else ""


class ListeningChannel(Channel):
    key: ClassVar[str] = KEY
    label = _("Public post")
    content_type: ClassVar[str] = "application/json"
    # Anyone can call themselves anything on a forum or in a feed.
    sender_verified: ClassVar[bool] = False

    def parse(self, payload: bytes, metadata: dict[str, object]) -> ParsedMessage:
        try:
            post: Any = json.loads(payload)
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise IntakeRejected(f"The post is not JSON: {error}") from None
        if not isinstance(post, dict):
            raise IntakeRejected("The post is not a JSON object.")
        text = str(post.get("text") or "").strip()
        if not text:
            raise IntakeRejected("The post has no text.")
        url = str(post.get("url") or "")
        source, post_id = str(post.get("source") or ""), str(post.get("id") or "")
        parent = str(post.get("in_reply_to") or "")
        return ParsedMessage(
            channel=self.key,
            sender=author_identity(str(post.get("author") or ""), url),
            subject=text.splitlines()[0][:80],
            text=f"{text}\n\n{url}" if url else text,
            sent_at=_when(post.get("created_at")),
            message_id=post_message_id(source, post_id),
            in_reply_to=post_message_id(source, parent) if parent else "",
            language=str(post.get("lang") or "")[:16],
        )


def _when(value: object) -> datetime | None:
    try:
        when = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return when if when.tzinfo is not None else None


register(ListeningChannel())
