"""The admin screens of the knowledge base, CSV import and export included."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from brandwache.answers.models import Article, TextModule

pytestmark = pytest.mark.django_db

HEADER = "kind,key,language,category,title,visibility,active,keywords,body\n"


def test_the_change_lists_and_forms_open(admin_client, knowledge_base):
    for path in ("article", "textmodule", "category", "suggestionchoice"):
        assert admin_client.get(f"/admin/answers/{path}/").status_code == 200
    assert admin_client.get("/admin/answers/article/add/").status_code == 200
    module = TextModule.objects.get(shortcut="rueckruf")
    page = admin_client.get(f"/admin/answers/textmodule/{module.pk}/change/").content.decode()
    assert "{in_3_business_days}" in page  # the placeholder help


def test_a_module_with_an_unknown_placeholder_is_refused(admin_client, db):
    response = admin_client.post(
        "/admin/answers/textmodule/add/",
        {
            "name": "Passwort",
            "shortcut": "pw",
            "language": "de",
            "active": "on",
            "body": "{password}",
        },
    )
    assert response.status_code == 200
    assert "{password}" in response.content.decode()
    assert not TextModule.objects.exists()


def test_the_export_downloads_the_whole_knowledge_base(admin_client, knowledge_base):
    response = admin_client.get("/admin/answers/article/export-csv/")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode()
    assert text.startswith(HEADER) and "module,rueckruf,de" in text


def test_the_import_page_imports_a_file_or_lists_its_errors(admin_client, db):
    good = HEADER + "article,velo,de,,Velo im Zug,public,1,,Velo-Tageskarte nötig.\n"
    upload = SimpleUploadedFile("kb.csv", good.encode(), content_type="text/csv")
    response = admin_client.post("/admin/answers/article/import-csv/", {"file": upload})
    assert response.status_code == 302
    assert Article.objects.get(slug="velo").versions.count() == 1
    bad = HEADER + "article,velo2,xx,,Velo,public,1,,Text\n"
    upload = SimpleUploadedFile("kb.csv", bad.encode(), content_type="text/csv")
    response = admin_client.post("/admin/answers/article/import-csv/", {"file": upload})
    assert "Zeile 2: die Sprache muss de oder en sein" in response.content.decode()
    assert not Article.objects.filter(slug="velo2").exists()


def test_staff_without_permissions_can_neither_import_nor_export(client, db, django_user_model):
    staff = django_user_model.objects.create_user("staff", password="x", is_staff=True)
    client.force_login(staff)
    assert client.get("/admin/answers/article/export-csv/").status_code == 403
    assert client.get("/admin/answers/article/import-csv/").status_code == 403
