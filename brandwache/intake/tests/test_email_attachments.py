from __future__ import annotations

import base64

import pytest

from brandwache.intake.pipeline import ingest
from brandwache.intake.tests.mails import german_mail, raw_mail

pytestmark = pytest.mark.django_db

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def mail_with_attachment(disposition: str, content_type: str = "application/pdf") -> bytes:
    body = (
        b"--grenze\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nBeleg anbei.\r\n"
        b"--grenze\r\nContent-Type: " + content_type.encode() + b"\r\n"
        b"Content-Disposition: " + disposition.encode() + b"\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--grenze--\r\n"
    )
    return raw_mail(
        "From: petra@example.ch\nSubject: Beleg\n"
        'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="grenze"',
        body,
    )


@pytest.mark.parametrize(
    ("disposition", "filename"),
    [
        ("attachment; filename*=utf-8''Rechnung%20M%C3%A4rz.pdf", "Rechnung März.pdf"),
        (
            "attachment; filename*0*=utf-8''Gutschrift%20f%C3%BCr; filename*1*=%20Z%C3%BCrich.pdf",
            "Gutschrift für Zürich.pdf",
        ),
        ('attachment; filename="=?utf-8?B?UXVpdHR1bmcgR2Vyw6R0LnBkZg==?="', "Quittung Gerät.pdf"),
        ('attachment; filename="=?iso-8859-1?Q?K=FCndigung.pdf?="', "Kündigung.pdf"),
        ('attachment; filename="../../etc/passwd"', "passwd"),
        ('attachment; filename="C:\\Users\\petra\\Beleg.pdf"', "Beleg.pdf"),
        ("attachment", "attachment.pdf"),
    ],
)
def test_attachment_names_are_decoded_and_made_safe(disposition, filename):
    message = ingest("email", mail_with_attachment(disposition)).message
    attachment = message.attachments.get()
    assert attachment.filename == filename
    assert attachment.content_type == "application/pdf"
    assert attachment.file.read() == b"%PDF-1.4\n"
    assert message.text == "Beleg anbei."


def test_inline_images_count_as_attachments():
    mail = german_mail(body="Foto im Text", html='<p>Foto:</p><img src="cid:foto@example.ch">')
    html_part = mail.get_payload()[1]
    html_part.add_related(PNG, "image", "png", cid="<foto@example.ch>", filename="paket.png")
    message = ingest("email", mail.as_bytes()).message
    attachment = message.attachments.get()
    assert (attachment.filename, attachment.content_type) == ("paket.png", "image/png")
    assert attachment.file.read() == PNG
    assert '<img src="cid:foto@example.ch">' in message.html


def test_an_inline_image_without_name_gets_one():
    message = ingest("email", mail_with_attachment("inline", "image/png")).message
    assert message.attachments.get().filename == "image.png"


def test_a_forwarded_mail_is_kept_as_an_eml_attachment():
    forwarded = german_mail(subject="Ursprüngliche Reklamation", body="Erste Beschwerde")
    mail = german_mail(body="Siehe angehängte Mail.")
    mail.add_attachment(forwarded)
    message = ingest("email", mail.as_bytes()).message
    assert message.text == "Siehe angehängte Mail."
    attachment = message.attachments.get()
    assert attachment.content_type == "message/rfc822"
    assert attachment.filename == "Ursprüngliche Reklamation.eml"
    content = attachment.file.read()
    assert b"Erste Beschwerde" in content and b"\nSubject: " in content


def test_a_text_file_attachment_is_not_mistaken_for_the_body():
    mail = german_mail(body="Protokoll anbei.")
    mail.add_attachment("Zeile 1\nZeile 2", filename="protokoll.txt")
    message = ingest("email", mail.as_bytes()).message
    assert message.text == "Protokoll anbei."
    assert message.attachments.get().filename == "protokoll.txt"
