"""E-mail as RFC 5322 bytes (from .eml files, folders, mbox files or a mailbox).

Parsing lives in `brandwache.intake.mailparse`; this is the channel's face to the
pipeline: the idempotency key and the parse call.
"""

from __future__ import annotations

import email
import hashlib
from typing import ClassVar

from django.utils.translation import gettext_lazy as _

from brandwache.intake.channels.base import Channel, ParsedMessage, register
from brandwache.intake.mailheaders import POLICY, parse_message_id

_HEADER_END = (b"\r\n\r\n", b"\n\n")


def header_message_id(payload: bytes) -> str:
    """The Message-ID, read from the header block only (a large body is never parsed)."""
    ends = [index for index in (payload.find(end) for end in _HEADER_END) if index >= 0]
    head = payload[: min(ends)] if ends else payload[:65536]
    parsed = email.message_from_bytes(head + b"\n\n", policy=POLICY)
    return parse_message_id(parsed.get("Message-ID"))


class EmailChannel(Channel):
    key: ClassVar[str] = "email"
    label = _("E-mail")
    content_type: ClassVar[str] = "message/rfc822"

    def external_id(self, payload: bytes, metadata: dict[str, object]) -> str:
        # The same mail from an mbox and a Maildir differs in bytes but not in Message-ID.
        message_id = header_message_id(payload)
        if message_id:
            return "mid:" + message_id[:240]
        return "sha256:" + hashlib.sha256(payload).hexdigest()

    def parse(self, payload: bytes, metadata: dict[str, object]) -> ParsedMessage:
        # Imported here: mailparse imports this package's base module.
        from brandwache.intake.mailparse import parse_mail_bytes

        return parse_mail_bytes(payload, channel=self.key)


register(EmailChannel())
