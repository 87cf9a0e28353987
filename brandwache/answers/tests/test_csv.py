"""CSV import and export of the knowledge base: round trip, updates, all-or-nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from brandwache.answers.csvio import ImportRefused, export_text, import_csv
from brandwache.answers.models import Article, ArticleVersion, Category, TextModule

pytestmark = pytest.mark.django_db

HEADER = "kind,key,language,category,title,visibility,active,keywords,body\n"


def snapshot() -> dict[str, list[tuple]]:
    return {
        "categories": sorted(Category.objects.values_list("key", "name_de", "name_en")),
        "articles": sorted(
            Article.objects.values_list(
                "slug",
                "title",
                "body",
                "language",
                "category__key",
                "keywords",
                "visibility",
                "active",
            )
        ),
        "modules": sorted(
            TextModule.objects.values_list(
                "shortcut", "name", "body", "language", "category__key", "keywords", "active"
            )
        ),
    }


def test_export_and_import_give_the_same_knowledge_base(knowledge_base):
    before = snapshot()
    text = export_text()
    ArticleVersion.objects.all().delete()
    Article.objects.all().delete()
    TextModule.objects.all().delete()
    Category.objects.all().delete()
    report = import_csv(io.StringIO(text), None)
    assert snapshot() == before
    assert (report.created, report.updated) == (knowledge_base, 0)
    again = import_csv(io.StringIO(text), None)
    assert (again.created, again.updated) == (0, 0)


def test_a_changed_row_updates_the_article_as_a_new_version(knowledge_base, admin_user):
    text = export_text().replace(
        "Den Betrag schreiben wir innert zehn", "Den Betrag schreiben wir innert fünf"
    )
    report = import_csv(io.StringIO(text), admin_user)
    assert report.updated == 1
    article = Article.objects.get(slug="billett-rueckerstattung")
    assert "innert fünf" in article.body and article.version == 2
    assert article.versions.get(version=2).saved_by == admin_user


def test_bad_rows_are_listed_by_line_and_nothing_is_imported(db):
    text = HEADER + (
        "category,bikes,de,,Velos,,,,\n"
        "article,velo,de,bikes,Velo im Zug,public,1,,Velo-Tageskarte nötig.\n"
        "article,Bad Key,fr,nowhere,,secret,maybe,,\n"
        'module,danke,de,,Dank,,1,,"{salutation} {password}"\n'
        "article,velo,de,bikes,Noch einmal,public,1,,Doppelt.\n"
    )
    with translation.override("en"), pytest.raises(ImportRefused) as refused:
        import_csv(io.StringIO(text), None)
    errors = "\n".join(refused.value.errors)
    assert "line 4: the key “Bad Key” is not valid" in errors
    assert "line 4: the language must be de or en" in errors
    assert "line 4: unknown category “nowhere”" in errors
    assert "line 4: visibility must be internal or public" in errors
    assert "line 4: active must be 1 or 0" in errors
    assert "line 5:" in errors and "{password}" in errors
    assert "line 6: the same article as on line 3" in errors
    assert not Category.objects.exists() and not Article.objects.exists()


def test_a_file_without_the_columns_is_refused(db):
    with pytest.raises(ImportRefused, match="fehlende Spalten: .*body"):
        import_csv(io.StringIO("kind,key\narticle,x\n"), None)


def test_the_commands_export_and_import_a_file(knowledge_base, tmp_path):
    target = tmp_path / "answers.csv"
    call_command("export_answers", str(target))
    assert target.read_text(encoding="utf-8").startswith(HEADER)
    out = io.StringIO()
    call_command("import_answers", str(target), stdout=out)
    assert "0 new, 0 changed" in out.getvalue()
    (tmp_path / "bad.csv").write_text(HEADER + "article,x,de,,,public,1,,\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Zeile 2: der Titel fehlt"):
        call_command("import_answers", str(tmp_path / "bad.csv"))


def test_errors_name_the_line_a_multi_line_row_starts_on(db):
    text = (
        HEADER
        + 'article,velo,de,,Velo,public,1,,"Erste Zeile\nzweite Zeile"\narticle,x,de,,,public,1,,\n'
    )
    with translation.override("en"), pytest.raises(ImportRefused) as refused:
        import_csv(io.StringIO(text), None)
    assert refused.value.errors == [
        "line 4: the title is missing",
        "line 4: the text is missing",
    ]


def test_a_file_that_is_no_csv_is_refused(db):
    with pytest.raises(ImportRefused):
        import_csv(io.StringIO(HEADER + 'article,"velo\0\n'), None)
