"""The public FAQ page: public, active articles only, by category, in the page's language."""

from __future__ import annotations

import pytest

from brandwache.answers.actions import save_article
from brandwache.answers.models import Article

pytestmark = pytest.mark.django_db


def test_the_faq_shows_public_articles_by_category_without_login(client, knowledge_base):
    response = client.get("/faq/", headers={"accept-language": "de"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Entschädigung bei Verspätung" in html
    assert "Reisen, Verspätungen und Ausfälle" in html
    assert html.index("Reisen, Verspätungen") < html.index("Entschädigung bei Verspätung")
    assert "Compensation for delays" not in html  # English articles are on the English page


def test_internal_and_inactive_articles_never_appear(client, knowledge_base):
    inactive = Article.objects.get(slug="wlan-im-zug")
    inactive.active = False
    save_article(inactive, None)
    html = client.get("/faq/").content.decode()
    assert "Kulanzrichtlinie" not in html  # internal
    assert "CHF 100 pro Fall" not in html
    assert "WLAN im Zug" not in html  # inactive
    assert "Textbaustein" not in html and "{salutation}" not in html  # modules never


def test_the_english_path_shows_the_english_articles(client, knowledge_base):
    response = client.get("/en/faq/", headers={"accept-language": "de"})
    html = response.content.decode()
    assert response["Content-Language"] == "en"
    assert "Compensation for delays" in html
    assert "Travel, delays and cancellations" in html
    assert "Entschädigung bei Verspätung" not in html


def test_an_empty_knowledge_base_says_there_is_nothing_yet(client, db):
    response = client.get("/en/faq/")
    assert response.status_code == 200
    assert "no questions and answers in this language yet" in response.content.decode()
