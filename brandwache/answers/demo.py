"""The demo knowledge base (`data/demo_knowledge_base.toml`), loaded with the demo desk."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from brandwache.answers.actions import save_article
from brandwache.answers.evaluation import DEMO_FILE, load_demo_data
from brandwache.answers.models import Article, Category, TextModule


@transaction.atomic
def load_knowledge_base(path: Path = DEMO_FILE) -> int:
    """Create the demo categories, articles and modules that are missing; returns how many.

    Existing entries (matched by key) are left as they are, so edits made in the admin
    survive loading the demo again.
    """
    data = load_demo_data(path)
    created = 0
    categories: dict[str, Category] = {}
    for position, entry in enumerate(data.get("category", []), start=1):
        category, new = Category.objects.get_or_create(
            key=entry["key"],
            defaults={"name_de": entry["de"], "name_en": entry["en"], "position": position * 10},
        )
        categories[category.key] = category
        created += new
    known_articles = set(Article.objects.values_list("slug", flat=True))
    for entry in data.get("article", []):
        if entry["slug"] in known_articles:
            continue
        article = Article(
            slug=entry["slug"],
            title=entry["title"],
            body=entry["body"].strip(),
            language=entry["language"],
            category=categories.get(entry.get("category", "")),
            keywords=entry.get("keywords", ""),
            visibility=entry.get("visibility", Article.Visibility.INTERNAL),
        )
        save_article(article, None)
        created += 1
    known_modules = set(TextModule.objects.values_list("shortcut", flat=True))
    for entry in data.get("module", []):
        if entry["shortcut"] in known_modules:
            continue
        TextModule.objects.create(
            shortcut=entry["shortcut"],
            name=entry["name"],
            body=entry["body"].strip(),
            language=entry["language"],
            category=categories.get(entry.get("category", "")),
            keywords=entry.get("keywords", ""),
        )
        created += 1
    return created
