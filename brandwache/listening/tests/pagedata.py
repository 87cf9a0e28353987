"""Mentions for the listening page tests, with the labels and times each test needs."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from io import StringIO
from pathlib import Path

from django.core.management import call_command

from brandwache.cases.models import Case
from brandwache.listening.models import Mention, Post, Source
from brandwache.listening.posts import store_raw
from brandwache.organisations.models import Organisation
from brandwache.sla.timesource import current_time


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


def import_complaint(folder: Path) -> Case:
    """A negative complaint about Kaufhafen imported through `listen import`, and its case."""
    line = {
        "id": "c1",
        "url": "https://forum.example/t/9",
        "author": "@tom_sample",
        "created_at": (current_time() - timedelta(hours=2)).isoformat(),
        "lang": "de",
        "text": "Kaufhafen hat mein Paket seit drei Wochen nicht geliefert. Eine Frechheit.",
    }
    path = folder / "posts.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    call_command("listen", "import", str(path), "--source", "forum", stdout=StringIO())
    return Case.objects.get()
