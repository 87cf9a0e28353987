"""Every change of an article keeps the previous text, who saved it and when."""

from __future__ import annotations

from brandwache.answers.actions import save_article
from brandwache.answers.models import Article, ArticleVersion, Category


def new_article(**values: object) -> Article:
    defaults = {"slug": "velo", "title": "Velo im Zug", "body": "Velo-Tageskarte nötig."}
    return Article(**(defaults | values))


def test_a_new_article_starts_at_version_one(agent):
    article = new_article()
    assert save_article(article, agent)
    version = ArticleVersion.objects.get(article=article)
    assert (article.version, version.version, version.saved_by) == (1, 1, agent)
    assert version.body == "Velo-Tageskarte nötig."


def test_a_change_keeps_the_previous_text(agent, lead):
    article = new_article()
    save_article(article, agent)
    article.body = "Velo-Tageskarte und Reservation nötig."
    article.category = Category.objects.create(key="bikes", name_de="Velos", name_en="Bikes")
    assert save_article(article, lead)
    versions = list(article.versions.order_by("version"))
    assert [v.body for v in versions] == [
        "Velo-Tageskarte nötig.",
        "Velo-Tageskarte und Reservation nötig.",
    ]
    assert [v.saved_by for v in versions] == [agent, lead]
    assert versions[1].category_key == "bikes"
    assert Article.objects.get(pk=article.pk).version == 2


def test_saving_without_a_change_adds_no_version(agent):
    article = new_article()
    save_article(article, agent)
    assert not save_article(Article.objects.get(pk=article.pk), agent)
    assert article.versions.count() == 1


def test_an_admin_edit_adds_a_version_shown_read_only(admin_client, admin_user):
    article = new_article(visibility=Article.Visibility.PUBLIC)
    save_article(article, None)
    url = f"/admin/answers/article/{article.pk}/change/"
    form = {
        "title": "Velo und E-Bike im Zug",
        "slug": "velo",
        "language": "de",
        "category": "",
        "visibility": "public",
        "active": "on",
        "keywords": "",
        "body": "Auch E-Bikes brauchen eine Velo-Tageskarte.",
        "versions-TOTAL_FORMS": "1",
        "versions-INITIAL_FORMS": "1",
        "versions-MIN_NUM_FORMS": "0",
        "versions-MAX_NUM_FORMS": "1000",
    }
    response = admin_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    latest = article.versions.order_by("-version").first()
    assert (latest.version, latest.saved_by, latest.title) == (2, admin_user, form["title"])
    page = admin_client.get(url).content.decode()
    assert "Velo-Tageskarte nötig." in page  # the first version, in the history
