"""Mentions for the listening page tests, with the labels and times each test needs."""

from __future__ import annotations

import json
from datetime import datetime

from brandwache.listening.models import Mention, Post, Source
from brandwache.listening.posts import store_raw
from brandwache.organisations.models import Organisation


def mention(
    organisation: Organisation,
    source: Source,
    post_id: str,
    label: str,
    *,
    at: datetime,
    author: str = "@tom_sample",
    text: str = "Kaufhafen liefert schon wieder nicht.",
    sentiment: str = "negative",
) -> Mention:
    """A stored post (raw first, as every source stores it) and its mention."""
    payload = json.dumps({"id": post_id, "author": author, "text": text}).encode()
    ((raw, _created),) = store_raw(source, [(post_id, payload, {})])
    post = Post.objects.create(
        source=source,
        external_id=post_id,
        raw=raw,
        url=f"https://forum.example/t/{post_id}",
        author=author,
        created_at=at,
        lang="de",
        text=text,
    )
    return Mention.objects.create(
        post=post,
        organisation=organisation,
        label=label,
        sentiment=sentiment,
        explicit=label == Mention.Label.EXPLICIT_COMPLAINT,
    )
