"""Files sent with the public form are stored under names without hidden reordering."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from brandwache.cases.models import Message
from brandwache.public.tests.conftest import png

pytestmark = pytest.mark.django_db

RLO = "\u202e"


def test_a_right_to_left_override_is_removed_from_an_uploaded_name(submit):
    note = SimpleUploadedFile(f"notiz{RLO}gnp.txt", b"Gruesse", content_type="text/plain")
    response = submit(attachments=[png("foto\u2066\u200f.png"), note])
    assert response.status_code == 302
    names = set(Message.objects.get().attachments.values_list("filename", flat=True))
    assert names == {"foto.png", "notizgnp.txt"}


def test_a_refused_file_is_named_without_hidden_characters(submit):
    fake = SimpleUploadedFile(f"rechnung{RLO}fdp.exe", b"MZ\x90\x00", content_type="text/plain")
    response = submit(attachments=[fake])
    assert response.status_code == 200
    page = response.content.decode()
    assert "rechnungfdp.exe" in page
    assert RLO not in page
