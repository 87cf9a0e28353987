"""Realistic German test mails, built in the tests instead of shipped as files."""

from __future__ import annotations

import itertools
from datetime import timedelta
from email.message import EmailMessage
from email.utils import format_datetime

from django.utils import timezone

_numbers = itertools.count(1)

COMPLAINT = """Guten Tag

Auf meiner Rechnung Nr. 2026-4711 vom 28. Oktober wurde das Abo zweimal belastet
(je CHF 49.90). Bitte schreiben Sie mir den doppelten Betrag gut.

Freundliche Grüsse
Petra Muster
"""


def new_message_id() -> str:
    return f"<{next(_numbers)}.{timezone.now().timestamp():.0f}@mail.example.ch>"


def german_mail(
    *,
    sender: str = "Petra Muster <petra.muster@example.ch>",
    to: str = "Kundendienst <service@firma.example>",
    subject: str = "Abo doppelt belastet",
    body: str = COMPLAINT,
    html: str | None = None,
    message_id: str | None = None,
    in_reply_to: str | None = None,
    references: str | None = None,
    date: str | None = None,
) -> EmailMessage:
    """A mail as a customer's mail program would send it; `.as_bytes()` gives the payload."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = date or format_datetime(timezone.now() - timedelta(hours=1))
    message["Message-ID"] = message_id or new_message_id()
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
    if references:
        message["References"] = references
    message.set_content(body)
    if html is not None:
        message.add_alternative(html, subtype="html")
    return message


def mail_bytes(**fields: object) -> bytes:
    return german_mail(**fields).as_bytes()  # type: ignore[arg-type]


def raw_mail(headers: str, body: bytes) -> bytes:
    """Literal bytes for mails no well-behaved library would write."""
    return headers.strip().replace("\n", "\r\n").encode("ascii") + b"\r\n\r\n" + body
