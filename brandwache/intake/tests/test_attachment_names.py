"""Attachment names are cleaned by one function for every channel: no hidden reordering.

A right-to-left override (U+202E) makes "invoice<U+202E>fdp.exe" read as "invoiceexe.pdf";
zero-width and other invisible characters hide what a name really says.
"""

from __future__ import annotations

import base64
import json

import pytest

from brandwache.cases.models import Attachment
from brandwache.intake.filenames import MAX_LENGTH, clean_filename
from brandwache.intake.pipeline import ingest
from brandwache.intake.tests.mails import german_mail

RLO = "\u202e"
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (f"invoice{RLO}fdp.exe", "invoicefdp.exe"),
        (f"Rech{BIDI_CONTROLS}nung.pdf", "Rechnung.pdf"),
        ("Beleg\u200b\u200d\ufeff\u00ad.pdf", "Beleg.pdf"),
        ("Beleg\x00\x07.pdf", "Beleg.pdf"),
        ("Zeile\r\neins\t.pdf", "Zeile eins .pdf"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\petra\\Beleg.pdf", "Beleg.pdf"),
        ('Frage: "wer?" <ich>|*.txt', "Frage_ _wer_ _ich_.txt"),
        ("Bild.pdf" + " " * 40 + ".exe", "Bild.pdf .exe"),
        (f"{RLO}\u200b", "attachment"),
        ("Grüße aus Zürich.pdf", "Grüße aus Zürich.pdf"),
    ],
)
def test_names_lose_paths_and_invisible_characters(name, expected):
    assert clean_filename(name) == expected


def test_a_long_name_is_cut_before_its_extension():
    name = clean_filename("Rechnung " * 40 + f"{RLO}.exe")
    assert len(name) <= MAX_LENGTH
    assert name.startswith("Rechnung Rechnung") and name.endswith(".exe")


@pytest.mark.django_db
def test_a_mail_attachment_with_a_right_to_left_override_keeps_its_real_extension():
    mail = german_mail(body="Rechnung anbei.")
    mail.add_attachment(
        b"MZ\x90\x00",
        maintype="application",
        subtype="octet-stream",
        filename=f"rechnung{RLO}fdp.exe",
    )
    message = ingest("email", mail.as_bytes()).message
    assert message.attachments.get().filename == "rechnungfdp.exe"


@pytest.mark.django_db
def test_a_form_channel_attachment_is_cleaned_when_it_is_stored():
    payload = {
        "email": "petra.muster@example.ch",
        "text": "Foto anbei.",
        "attachments": [
            {
                "filename": f"..\\foto{RLO}gnp.exe",
                "content_type": "application/octet-stream",
                "content_base64": base64.b64encode(b"MZ").decode(),
            }
        ],
    }
    message = ingest("webform", json.dumps(payload).encode()).message
    assert message.attachments.get().filename == "fotognp.exe"
    assert not Attachment.objects.filter(filename__contains=RLO).exists()
