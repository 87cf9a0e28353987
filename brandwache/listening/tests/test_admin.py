"""The listening admin: sources and queries, and testing a query on the stored posts."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from brandwache.listening.jsonl import import_lines
from brandwache.listening.models import ListeningQuery, Source
from brandwache.organisations.models import Organisation

pytestmark = pytest.mark.django_db
TEST_URL = "admin:listening_listeningquery_test"
POSTS = [
    {"id": "1", "author": "@pendlerin", "text": "Alpenbahn schon wieder verspätet in Olten"},
    {"id": "2", "author": "@velofritz", "text": "Alpenbahn pünktlich, danke!"},
    {"id": "3", "author": "@pendlerin", "text": "Modellbahn-Treffen am Samstag"},
]


@pytest.fixture
def stored() -> Source:
    Organisation.objects.create(slug="alpenbahn", name="Alpenbahn")
    source = Source.objects.create(name="forum", kind=Source.Kind.JSONL)
    import_lines(source, [json.dumps(post) for post in POSTS])
    return source


def test_a_query_is_tried_on_the_stored_posts_without_saving_it(admin_client, stored):
    response = admin_client.get(reverse(TEST_URL), {"query": "Alpenbahn verspät*"})
    assert response.status_code == 200
    result = response.context["result"]
    assert (result.tested, result.matched) == (3, 1)
    [hit] = result.hits
    assert hit.text.startswith("Alpenbahn schon wieder") and hit.terms == ["Alpenbahn", "verspät*"]
    html = response.content.decode()
    assert "pendlerin" not in html and hit.author in html  # authors are pseudonymised
    assert not ListeningQuery.objects.exists()


def test_a_wrong_query_says_what_to_change(admin_client, stored):
    response = admin_client.get(reverse(TEST_URL), {"query": "Alpenbahn AND (verspät*"})
    assert response.status_code == 200 and response.context["result"] is None
    assert response.context["form"].errors["query"]


def test_the_query_page_links_to_the_test_with_its_query(admin_client, stored):
    query = ListeningQuery.objects.create(
        organisation=Organisation.objects.get(), name="spät", query='"schon wieder"'
    )
    change = reverse("admin:listening_listeningquery_change", args=[query.pk])
    html = admin_client.get(change).content.decode()
    assert reverse(TEST_URL) + "?query=%22schon%20wieder%22" in html


def test_only_staff_reach_the_test(client, stored):
    response = client.get(reverse(TEST_URL), {"query": "Alpenbahn"})
    assert response.status_code == 302 and "/login/" in response["Location"]
