"""What the customer's own message tells about them: a machine or a person, which language.

Only the header block of the raw payload is read (its first 64 KiB, cut in the
database), never the body or the attachments.
"""

from __future__ import annotations

import email
import json
import re
from email.message import Message as MailHeaders

from django.db.models import BinaryField
from django.db.models.functions import Substr

from brandwache.cases.models import CaseEvent, Message
from brandwache.intake.mailheaders import POLICY, header_text, parse_address
from brandwache.intake.models import RawMessage

HEAD_BYTES = 65536
# A web form payload small enough to read whole for its language (no large files).
SMALL_FORM_BYTES = 256 * 1024
_HEADER_END = (b"\r\n\r\n", b"\n\n")
_MACHINE_ADDRESS = re.compile(
    r"^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer[-_.]?daemon|postmaster|bounces?)"
    r"(?:[-+_.].*)?@",
    re.IGNORECASE,
)
_MACHINE_PRECEDENCE = {"bulk", "list", "junk", "auto_reply", "auto-reply"}
_MACHINE_HEADERS = ("List-Id", "List-Unsubscribe", "X-Autoreply", "X-Autorespond")


def machine_address(address: str) -> bool:
    """An address no person reads: noreply@, mailer-daemon@, bounces+…@ and the like."""
    return bool(_MACHINE_ADDRESS.match(address.strip()))


def _head(raw_id: int) -> bytes:
    head = (
        RawMessage.objects.filter(pk=raw_id)
        .annotate(head=Substr("payload", 1, HEAD_BYTES, output_field=BinaryField()))
        .values_list("head", flat=True)
        .first()
    )
    return bytes(head or b"")


def mail_headers(message: Message) -> MailHeaders | None:
    """The header block of an inbound e-mail, or None for other channels; read once."""
    if message.channel != "email" or message.raw_id is None:
        return None
    cached = getattr(message, "_mail_headers", None)
    if cached is None:
        head = _head(message.raw_id)
        ends = [index for index in (head.find(end) for end in _HEADER_END) if index >= 0]
        head = head[: min(ends)] if ends else head
        cached = email.message_from_bytes(head + b"\n\n", policy=POLICY)
        message._mail_headers = cached  # type: ignore[attr-defined]
    return cached


def from_machine(message: Message) -> bool:
    """Whether answering `message` would answer a machine (RFC 3834 and common practice)."""
    if machine_address(message.sender):
        return True
    headers = mail_headers(message)
    if headers is None:
        return False
    auto = header_text(headers.get("Auto-Submitted")).lower()
    if auto and auto != "no":
        return True
    if header_text(headers.get("Precedence")).lower() in _MACHINE_PRECEDENCE:
        return True
    if any(headers.get(name) is not None for name in _MACHINE_HEADERS):
        return True
    suppress = header_text(headers.get("X-Auto-Response-Suppress")).lower()
    if any(word in suppress for word in ("all", "autoreply", "oof")):
        return True
    if header_text(headers.get("Return-Path")).strip() == "<>":
        return True  # the null sender of bounces
    if headers.get_content_type() == "multipart/report":
        return True  # delivery and read reports
    _name, sender = parse_address(headers.get("From"))
    return machine_address(sender)


def first_inbound(case_id: int) -> Message | None:
    return (
        Message.objects.filter(case_id=case_id, direction=Message.Direction.INBOUND)
        .order_by("created_at", "id")
        .first()
    )


def _form_language(message: Message) -> str:
    if message.raw_id is None:
        return ""
    raw = RawMessage.objects.filter(pk=message.raw_id, size__lte=SMALL_FORM_BYTES).first()
    if raw is None:
        return ""
    try:
        data = json.loads(bytes(raw.payload).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return ""
    language = data.get("language") if isinstance(data, dict) else None
    return language if isinstance(language, str) else ""


def stated_language(case_id: int, first: Message | None) -> str:
    """The language the customer chose or declared, as a code like "en"; "" when unknown.

    The web form records the page's language (also on its receipt event); a mail
    program may declare one in Content-Language.
    """
    receipt = (
        CaseEvent.objects.filter(case_id=case_id, kind=CaseEvent.Kind.CONFIRMATION_SENT)
        .order_by("created_at", "id")
        .values_list("data", flat=True)
        .first()
    )
    if isinstance(receipt, dict) and isinstance(receipt.get("language"), str):
        return receipt["language"]
    if first is None:
        return ""
    if first.channel == "webform":
        return _form_language(first)
    headers = mail_headers(first)
    if headers is None:
        return ""
    declared = header_text(headers.get("Content-Language"))
    return declared.split(",")[0].strip().split("-")[0].lower()
