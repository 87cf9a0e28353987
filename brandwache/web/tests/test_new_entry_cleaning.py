"""What an agent types or attaches in a new entry is cleaned like every channel's input."""

from __future__ import annotations

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from brandwache.cases.models import Message

pytestmark = pytest.mark.django_db

URL = "/entries/new/"
RLO = "\u202e"


def form(**fields: object) -> dict[str, object]:
    data: dict[str, object] = {
        "entry_id": str(uuid.uuid4()),
        "kind": "letter",
        "occurred_at": "2026-03-02T09:15",
        "name": "Hans Beispiel",
        "phone": "",
        "email": "hans.beispiel@example.ch",
        "postal": "",
        "subject": "Zähler falsch abgelesen",
        "text": "Herr Beispiel schreibt, der Zählerstand stimme nicht.",
        "case_reference": "",
    }
    data.update(fields)
    return data


def test_a_line_break_in_the_subject_becomes_a_space(agent_client):
    response = agent_client.post(URL, form(subject="Zähler\r\nBcc: x@evil.example"))
    assert response.status_code == 302
    message = Message.objects.get()
    assert message.subject == message.case.subject == "Zähler Bcc: x@evil.example"


def test_a_scan_named_with_a_right_to_left_override_is_stored_under_its_plain_name(
    agent_client,
):
    scan = SimpleUploadedFile(
        f"brief{RLO}fdp.exe", b"%PDF-1.7\nBrief", content_type="application/pdf"
    )
    response = agent_client.post(URL, form(scan=scan))
    assert response.status_code == 302
    attachment = Message.objects.get().attachments.get()
    assert attachment.filename == "brieffdp.exe"
    assert attachment.content_type == "application/pdf"
