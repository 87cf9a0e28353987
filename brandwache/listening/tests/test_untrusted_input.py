"""What comes from outside cannot read local files, leave http(s), link to script or show
another team's cases: feed bodies, redirects, post links, times and the listening page."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.urls import reverse

from brandwache.cases.models import Case
from brandwache.intake.models import RawMessage
from brandwache.listening import feeds
from brandwache.listening.mastodon_source import read_status
from brandwache.listening.models import Mention, Post, Source
from brandwache.listening.posts import process, store_raw
from brandwache.listening.tests.feedserver import Entry, FeedServer
from brandwache.listening.tests.loopback import QuietHandler, serve_on_loopback
from brandwache.listening.tests.pagedata import import_complaint, mention
from brandwache.organisations.models import Organisation
from brandwache.sla.timesource import current_time

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum(kaufhafen) -> Source:
    return Source.objects.create(name="forum", kind=Source.Kind.JSONL, organisation=kaufhafen)


@pytest.fixture
def redirect_to_ftp() -> Iterator[str]:
    """A server whose every answer is a redirect to an ftp:// address."""

    class Handler(QuietHandler):
        def do_GET(self) -> None:  # noqa: N802 (name given by http.server)
            self.send_response(302)
            self.send_header("Location", "ftp://127.0.0.1:9/feed.atom")
            self.send_header("Content-Length", "0")
            self.end_headers()

    with serve_on_loopback(Handler) as base:
        yield f"{base}/feed.atom"


def test_a_feed_body_that_names_a_local_file_is_not_read_as_that_file(
    kaufhafen, tmp_path, monkeypatch
):
    local = tmp_path / "local.atom"
    local.write_bytes(FeedServer(entries=[Entry("urn:local:1", "Kaufhafen intern")]).body())
    source = Source.objects.create(name="feed", kind=Source.Kind.FEED, url="https://feed.example/")
    monkeypatch.setattr(feeds, "fetch", lambda _source: (str(local).encode(), {}))

    result = feeds.poll(source)

    assert result.error.startswith("Not a feed")
    assert not RawMessage.objects.filter(channel="feed").exists()


def test_a_feed_redirect_to_anything_but_http_is_refused(redirect_to_ftp):
    source = Source(name="feed", kind=Source.Kind.FEED, url=redirect_to_ftp)
    with pytest.raises(feeds.FetchError, match="non-http"):
        feeds.fetch(source)


def test_a_post_link_that_is_not_http_is_dropped_and_the_post_kept(forum):
    lines = [
        {"id": "js", "url": "javascript:alert(1)", "text": "Kaufhafen liefert nicht."},
        {"id": "web", "url": "https://forum.example/t/1", "text": "Kaufhafen liefert nie."},
    ]
    stored = store_raw(forum, [(line["id"], json.dumps(line).encode(), {}) for line in lines])

    process(forum, [raw for raw, _created in stored])

    urls = dict(Post.objects.values_list("external_id", "url"))
    assert urls == {"js": "", "web": "https://forum.example/t/1"}
    assert (
        RawMessage.objects.get(external_id=f"{forum.pk}:js").payload
        == json.dumps(lines[0]).encode()
    )


def test_a_mastodon_time_without_an_offset_is_not_taken_for_local_time():
    status = {"uri": "https://social.example/s/1", "content": "<p>Kaufhafen</p>"}
    naive = read_status({**status, "created_at": "2026-03-02T08:15:00"}, {})
    aware = read_status({**status, "created_at": "2026-03-02T08:15:00+00:00"}, {})
    garbled = read_status({**status, "created_at": "yesterday"}, {})
    assert naive.created_at is None and garbled.created_at is None
    assert aware.created_at is not None and aware.created_at.utcoffset() == timedelta(0)


def test_another_teams_case_is_neither_linked_nor_counted_for_a_topic(
    client, agent, colleague, other_team, kaufhafen, forum, tmp_path
):
    case = import_complaint(tmp_path)
    Case.objects.filter(pk=case.pk).update(category="delivery", team=other_team)

    client.force_login(agent)
    response = client.get(reverse("listening:page"))
    assert response.context["topics"] == []
    assert case.reference not in response.content.decode()
    assert [row["case_hidden"] for row in response.context["latest"]] == [True]

    client.force_login(colleague)
    response = client.get(reverse("listening:page"))
    assert response.context["topics"] == [("Lieferung oder Wartezeit", 1)]


def test_organisation_names_and_post_texts_are_escaped_on_the_page(agent_client, forum):
    Organisation.objects.filter(slug="kaufhafen").update(name='Kauf<script>alert("x")</script>')
    mention(
        Organisation.objects.get(),
        forum,
        "x1",
        Mention.Label.EXPLICIT_COMPLAINT,
        at=current_time(),
        text='Kaufhafen <img src=x onerror="alert(1)"> liefert nicht.',
    )
    html = agent_client.get(reverse("listening:page")).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "Kauf&lt;script&gt;" in html and "&lt;img src=x" in html


def test_the_organisations_admin_is_for_staff_only(client, agent, kaufhafen):
    client.force_login(agent)
    response = client.get(reverse("admin:organisations_organisation_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
