"""The in-memory index follows the database: content changes and recorded choices."""

from __future__ import annotations

import pytest

from brandwache.answers import index
from brandwache.answers.actions import record_choice, save_article
from brandwache.answers.models import Article, TextModule
from brandwache.answers.tests.conftest import mail_case

pytestmark = pytest.mark.django_db

ASK = "Wie lange muss ich noch warten, bis Sie meinen Fall bearbeiten?"


def keys(text: str) -> list[str]:
    return [s.item.key for s in index.suggest(text)]


def test_a_new_article_is_suggested_at_once(knowledge_base):
    assert "article:schneeketten" not in keys("Braucht man Schneeketten für den Autozug?")
    save_article(
        Article(
            slug="schneeketten",
            title="Autoverlad im Winter",
            body="Schneeketten sind beim Autoverlad nicht nötig.",
        ),
        None,
    )
    assert keys("Braucht man Schneeketten für den Autozug?")[0] == "article:schneeketten"


def test_a_deactivated_article_is_no_longer_suggested(knowledge_base):
    text = "Darf mein Hund mit in den Zug?"
    assert keys(text)[0] == "article:hunde-im-zug"
    article = Article.objects.get(slug="hunde-im-zug")
    article.active = False
    save_article(article, None)
    assert "article:hunde-im-zug" not in keys(text)


def test_recorded_choices_lift_the_chosen_module_for_similar_messages(knowledge_base, agent):
    module = TextModule.objects.get(shortcut="weiterleitung-fachstelle")
    assert "module:weiterleitung-fachstelle" not in keys(ASK)
    first = mail_case("Wartezeit", "Wie lange muss ich noch warten, bis Sie den Fall bearbeiten?")
    record_choice(first, first.messages.get(), agent, module=module, rank=3, score=0.2)
    assert keys(ASK)[:2] == ["module:zwischenbescheid", "module:weiterleitung-fachstelle"]
    second = mail_case("Fall", "Wie lange dauert es noch, bis mein Fall bearbeitet ist?")
    record_choice(second, second.messages.get(), agent, module=module, rank=2, score=0.4)
    assert keys(ASK)[0] == "module:weiterleitung-fachstelle"
    # Unrelated messages keep their answers.
    assert keys("Darf mein Hund mit in den Zug?")[0] == "article:hunde-im-zug"
