"""E-mail as RFC 5322 bytes (from .eml files, folders, mbox files or a mailbox)."""

from __future__ import annotations

import email
import email.policy
import hashlib
from email.message import EmailMessage
from email.utils import getaddresses, parsedate_to_datetime
from typing import ClassVar

from django.utils.translation import gettext_lazy as _

from brandwache.contacts.actions import IdentityRef
from brandwache.contacts.models import Identity
from brandwache.intake.channels.base import (
    Channel,
    IntakeRejected,
    ParsedAttachment,
    ParsedMessage,
    register,
)


def _header_message_id(payload: bytes) -> str:
    head = payload.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    parsed = email.message_from_bytes(head + b"\n\n", policy=email.policy.compat32)
    value = str(parsed.get("Message-ID", "") or "").strip().strip("<>").strip()
    return value


class EmailChannel(Channel):
    key: ClassVar[str] = "email"
    label = _("E-mail")
    content_type: ClassVar[str] = "message/rfc822"

    def external_id(self, payload: bytes, metadata: dict[str, object]) -> str:
        message_id = _header_message_id(payload)
        if message_id:
            return "mid:" + message_id[:240]
        return "sha256:" + hashlib.sha256(payload).hexdigest()

    def parse(self, payload: bytes, metadata: dict[str, object]) -> ParsedMessage:
        if not payload.strip():
            raise IntakeRejected("The e-mail is empty.")
        message = email.message_from_bytes(payload, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        senders = getaddresses([str(message.get("From", ""))])
        name, address = senders[0] if senders else ("", "")
        if not address or "@" not in address:
            raise IntakeRejected("The e-mail has no sender address (From header).")
        body = message.get_body(preferencelist=("plain", "html"))
        text = body.get_content() if body is not None else ""
        attachments = [
            ParsedAttachment(
                filename=part.get_filename() or "attachment",
                content_type=part.get_content_type(),
                content=part.get_payload(decode=True) or b"",
            )
            for part in message.iter_attachments()
        ]
        date = message.get("Date")
        return ParsedMessage(
            channel=self.key,
            sender=IdentityRef(Identity.Kind.EMAIL, address, name),
            subject=str(message.get("Subject", "")),
            text=text,
            sent_at=parsedate_to_datetime(str(date)) if date else None,
            message_id=str(message.get("Message-ID", "")),
            in_reply_to=str(message.get("In-Reply-To", "")),
            references=str(message.get("References", "")).split(),
            attachments=attachments,
        )


register(EmailChannel())
