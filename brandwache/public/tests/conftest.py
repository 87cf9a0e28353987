"""Helpers for the public pages: a filled-in form, sent the way a browser sends it."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(64))
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


def png(name: str = "foto.png", content: bytes = PNG) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="image/png")


def complaint_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "Petra Muster",
        "email": "Petra.Muster@example.ch",
        "phone": "+41 44 123 45 67",
        "category": "billing",
        "subject": "Rechnung doppelt belastet",
        "text": "Meine Kreditkarte wurde für die Rechnung 4711 zweimal belastet.",
        "website": "",
        "submission_id": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


Submit = Callable[..., object]


@pytest.fixture
def submit(client: Client) -> Submit:
    """Post the complaint form; keyword arguments replace fields of a valid submission."""

    def send(path: str = "/beschwerde/", *, ip: str = "203.0.113.7", **fields: object):
        return client.post(path, complaint_data(**fields), REMOTE_ADDR=ip)

    return send
