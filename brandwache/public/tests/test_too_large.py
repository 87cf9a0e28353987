"""A post too large to read gets the form again with its limits, never a bare "Bad Request"."""

from __future__ import annotations

import pytest

from brandwache.intake.models import RawMessage
from brandwache.public.tests.conftest import complaint_data

pytestmark = pytest.mark.django_db


def test_a_too_large_post_gets_the_form_with_the_limits_and_keeps_nothing_half(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2_000
    response = client.post("/beschwerde/", complaint_data(text="Sehr viel Text. " * 500))
    page = response.content.decode()
    assert response.status_code == 413
    assert "zu gross" in page or "zu groß" in page
    assert "20’000" in page or "20'000" in page or "20.000" in page or "20,000" in page
    assert 'name="submission_id"' in page  # a form that can be sent again
    assert 'data-draft-key="brandwache-complaint-draft"' in page
    assert RawMessage.objects.count() == 0


def test_the_english_form_answers_in_english(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2_000
    response = client.post("/complaint/", complaint_data(text="Far too much text. " * 500))
    assert response.status_code == 413
    assert "too large for us to receive" in response.content.decode()


def test_too_many_files_get_the_form_too(client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 3
    from django.core.files.uploadedfile import SimpleUploadedFile

    files = [SimpleUploadedFile(f"f{n}.txt", b"x", "text/plain") for n in range(5)]
    response = client.post("/beschwerde/", {**complaint_data(), "attachments": files})
    assert response.status_code == 413


def test_other_bad_requests_keep_the_plain_answer(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    response = client.post("/i18n/setlang/", {"language": "en", "next": "x" * 500})
    assert response.status_code == 400
    assert b"complaint-form" not in response.content
