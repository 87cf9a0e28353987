"""The demo knowledge base loads with the demo desk, once, in both languages."""

from __future__ import annotations

import pytest

from brandwache.answers.demo import load_knowledge_base
from brandwache.answers.models import Article, Category, TextModule

pytestmark = pytest.mark.django_db


def test_the_demo_knowledge_base_has_articles_and_modules_in_both_languages():
    created = load_knowledge_base()
    assert Article.objects.count() + TextModule.objects.count() >= 30
    assert set(Article.objects.values_list("language", flat=True)) == {"de", "en"}
    assert set(TextModule.objects.values_list("language", flat=True)) == {"de", "en"}
    assert Article.objects.filter(visibility="internal").exists()
    assert (
        created == Category.objects.count() + Article.objects.count() + TextModule.objects.count()
    )


def test_loading_again_keeps_what_the_admin_changed():
    load_knowledge_base()
    article = Article.objects.get(slug="fundsachen")
    article.title = "Fundbüro"
    article.save()
    assert load_knowledge_base() == 0
    assert Article.objects.get(slug="fundsachen").title == "Fundbüro"
