"""E-mail as RFC 5322 bytes (from .eml files, folders, mbox files or a mailbox).

Parsing lives in `brandwache.intake.mailparse`; this is the channel's face to the
pipeline: the idempotency key, the content fingerprint and the parse call.
"""

from __future__ import annotations

import email
import hashlib
import json
import re
from email.message import Message
from typing import ClassVar

from django.utils.translation import gettext_lazy as _

from brandwache.intake.channels.base import Channel, ParsedMessage, register
from brandwache.intake.mailheaders import POLICY, parse_message_id, unfold

_HEADER_END = (b"\r\n\r\n", b"\n\n")
# The headers that say who wrote what to whom. Delivery headers (Received, Status,
# Delivered-To, ...) differ between copies of one mail and are left out.
CONTENT_HEADERS = (
    "From",
    "To",
    "Cc",
    "Subject",
    "Date",
    "In-Reply-To",
    "References",
    "Content-Type",
    "Content-Transfer-Encoding",
)
# An mbox file quotes body lines that start with "From " as ">From ".
_QUOTED_FROM = re.compile(rb"^>+(?=From )", re.MULTILINE)


def split_head(payload: bytes) -> tuple[bytes, bytes]:
    """The header block and the body; without an empty line, all of it counts as header."""
    ends = [(index, len(end)) for end in _HEADER_END if (index := payload.find(end)) >= 0]
    if not ends:
        return payload, b""
    index, length = min(ends)
    return payload[:index], payload[index + length :]


def _headers(head: bytes) -> Message:
    return email.message_from_bytes(head[:65536] + b"\n\n", policy=POLICY)


def header_message_id(payload: bytes) -> str:
    """The Message-ID, read from the header block only (a large body is never parsed)."""
    return parse_message_id(_headers(split_head(payload)[0]).get("Message-ID"))


def mail_fingerprint(payload: bytes) -> str:
    """A hash of a mail's content: the same for the copies an mbox file, a Maildir and a
    mailbox keep of one mail (line ends, delivery headers, ">From " quoting), different as
    soon as its sender, recipients, subject, date or body differ."""
    head, body = split_head(payload)
    headers = _headers(head)
    fields = [
        [name, [" ".join(unfold(str(value)).split()) for value in headers.get_all(name, [])]]
        for name in CONTENT_HEADERS
    ]
    body = _QUOTED_FROM.sub(b"", body.replace(b"\r\n", b"\n"))
    body = b"\n".join(line.rstrip() for line in body.split(b"\n")).rstrip()
    digest = hashlib.sha256(json.dumps(fields).encode("ascii"))
    digest.update(b"\0" + body)
    return digest.hexdigest()


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

    def content_fingerprint(self, payload: bytes) -> str | None:
        return mail_fingerprint(payload)

    def parse(self, payload: bytes, metadata: dict[str, object]) -> ParsedMessage:
        # Imported here: mailparse imports this package's base module.
        from brandwache.intake.mailparse import parse_mail_bytes

        return parse_mail_bytes(payload, channel=self.key)


register(EmailChannel())
