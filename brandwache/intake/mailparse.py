"""RFC 5322 / MIME mail bytes to a `ParsedMessage`, as forgiving as real mail requires.

The standard `email` parser (compat32, which never raises on broken input) finds the
structure; header values, charsets and bodies are decoded here, so that lying or
unknown charsets, 8-bit headers and broken boundaries still give a readable message.
Work is bounded by the text limit: a 20 MB body is cut before it is decoded.
"""

from __future__ import annotations

import email
import mimetypes
import re
from dataclasses import dataclass, field
from email.message import Message

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext

from brandwache.contacts.actions import IdentityRef
from brandwache.contacts.models import Identity
from brandwache.intake.channels.base import IntakeRejected, ParsedAttachment, ParsedMessage
from brandwache.intake.charsets import clean_text, decode_bytes, repair_surrogates
from brandwache.intake.filenames import clean_filename
from brandwache.intake.mailheaders import (
    POLICY,
    decode_words,
    header_text,
    parse_address,
    parse_date,
    parse_message_id,
    parse_references,
)
from brandwache.intake.mailhtml import html_to_text, sanitise_html
from brandwache.intake.quotes import split_reply

SENDER_HEADERS = ("From", "Sender", "Reply-To")
# HTML is wordier than its text: keep this many times the text limit of it.
HTML_FACTOR = 5
_BYTES_PER_CHAR = 4


def parse_mail_bytes(payload: bytes, channel: str = "email") -> ParsedMessage:
    """Parse one mail; raises `IntakeRejected` with a reason when it cannot be a message."""
    if not payload.strip():
        raise IntakeRejected(gettext("The e-mail is empty."))
    try:
        message = email.message_from_bytes(payload, policy=POLICY)
        name, address = _sender(message)
        if not address:
            raise IntakeRejected(
                gettext("The e-mail has no sender address (no From, Sender or Reply-To header).")
            )
        content = _Content(max_chars=settings.BRANDWACHE_MAX_TEXT_CHARS)
        content.collect(message)
    except RecursionError:
        raise IntakeRejected(gettext("The e-mail is nested too deeply to be read.")) from None
    text, html = content.text_and_html()
    split = split_reply(text)
    new_text = split.text
    if content.truncated:
        note = gettext(
            "[The text was shortened to %(limit)s characters; the complete message is kept "
            "in the original.]"
        ) % {"limit": number_format(content.max_chars, force_grouping=True)}
        new_text = f"{new_text}\n\n{note}".strip()
    return ParsedMessage(
        channel=channel,
        sender=IdentityRef(Identity.Kind.EMAIL, address, name),
        subject=header_text(message.get("Subject"))[:300],
        text=new_text,
        quoted_text=split.quoted_text,
        signature=split.signature,
        html=html,
        sent_at=parse_date(message.get("Date")),
        message_id=parse_message_id(message.get("Message-ID")),
        in_reply_to=parse_message_id(message.get("In-Reply-To")),
        references=parse_references(message.get("References")),
        attachments=content.attachments,
    )


def _sender(message: Message) -> tuple[str, str]:
    for header in SENDER_HEADERS:
        name, address = parse_address(message.get(header))
        if address:
            return name, address
    return "", ""


@dataclass
class _Content:
    """Body texts and attachments gathered while walking the MIME tree."""

    max_chars: int
    plain: list[str] = field(default_factory=list)
    html: list[str] = field(default_factory=list)
    attachments: list[ParsedAttachment] = field(default_factory=list)
    truncated: bool = False

    def collect(self, part: Message) -> None:
        content_type = part.get_content_type()
        if part.get_content_maintype() == "message":
            # A forwarded mail or a delivery report: kept whole, as an attachment.
            self.attachments.append(_attachment(part))
            return
        if part.is_multipart():
            children = [child for child in part.get_payload() if isinstance(child, Message)]
            if content_type == "multipart/alternative" and len(children) > 1:
                self._collect_alternative(children)
            else:
                for child in children:
                    self.collect(child)
            return
        if part.get_content_maintype() == "multipart":
            # The boundary never showed up: what is there is best read as text.
            self.plain.append(self._decode(part, self.max_chars))
        elif _is_attachment(part):
            self.attachments.append(_attachment(part))
        elif content_type == "text/html":
            self.html.append(self._decode(part, self.max_chars * HTML_FACTOR))
        else:
            self.plain.append(_unflow(part, self._decode(part, self.max_chars)))

    def _collect_alternative(self, children: list[Message]) -> None:
        """Each alternative says the same; take plain text from one and HTML from another."""
        versions = []
        for child in children:
            version = _Content(max_chars=self.max_chars)
            version.collect(child)
            versions.append(version)
            self.attachments.extend(version.attachments)
        with_plain = [version for version in versions if version.plain]
        with_html = [version for version in versions if version.html]
        if with_plain:
            self.plain.extend(with_plain[0].plain)
            self.truncated |= with_plain[0].truncated
        if with_html:
            self.html.extend(with_html[-1].html)
            self.truncated |= with_html[-1].truncated and not with_plain

    def _decode(self, part: Message, limit: int) -> str:
        data = _payload_bytes(part)
        cut = len(data) > limit * _BYTES_PER_CHAR
        if cut:
            data = data[: limit * _BYTES_PER_CHAR]
        text = decode_bytes(data, part.get_content_charset(), final=not cut)
        text = clean_text(text.replace("\r\n", "\n").replace("\r", "\n"))
        if cut or len(text) > limit:
            self.truncated = True
            text = text[:limit]
        return text

    def text_and_html(self) -> tuple[str, str]:
        html = ""
        if self.html:
            html = sanitise_html("\n".join(self.html))
        text = "\n\n".join(part.strip("\n") for part in self.plain if part.strip())
        if not text and html:
            text = html_to_text(html, sanitised=True)
        if len(text) > self.max_chars:
            self.truncated = True
            text = text[: self.max_chars]
        return text, html


def _payload_bytes(part: Message) -> bytes:
    try:
        data = part.get_payload(decode=True)
    except (ValueError, LookupError, TypeError):
        data = None
    if isinstance(data, bytes):
        return data
    raw = part.get_payload()
    return raw.encode("utf-8", "surrogateescape") if isinstance(raw, str) else b""


def _is_attachment(part: Message) -> bool:
    disposition = str(part.get("Content-Disposition") or "").split(";")[0].strip().lower()
    if disposition == "attachment":
        return True
    if part.get_content_type() in {"text/plain", "text/html"}:
        return disposition != "inline" and bool(_filename(part))
    # Images and files shown inline count as attachments too.
    return True


def _attachment(part: Message) -> ParsedAttachment:
    content_type = part.get_content_type()
    if part.is_multipart():
        # A forwarded mail (message/rfc822) or a report part: the enclosed message(s) as bytes.
        content = b"\n".join(_message_bytes(inner) for inner in part.get_payload())
    else:
        content = _payload_bytes(part)
    filename = _filename(part) or _default_filename(part, content_type)
    return ParsedAttachment(filename=filename, content_type=content_type, content=content)


def _message_bytes(message: object) -> bytes:
    if not isinstance(message, Message):
        return b""
    try:
        return message.as_bytes(policy=POLICY)
    except (ValueError, LookupError, TypeError, UnicodeError):
        return _payload_bytes(message)


def _filename(part: Message) -> str:
    try:
        raw = part.get_filename() or part.get_param("name") or ""
    except (ValueError, LookupError, TypeError, UnicodeError):
        return ""
    if isinstance(raw, tuple):  # an RFC 2231 value compat32 could not collapse
        raw = raw[2] or ""
    name = decode_words(repair_surrogates(str(raw)).strip().strip('"'))
    return clean_filename(name, default="")


def _default_filename(part: Message, content_type: str) -> str:
    if content_type == "message/rfc822":
        inner = part.get_payload(0) if part.is_multipart() and part.get_payload() else None
        subject = header_text(inner.get("Subject")) if inner else ""
        # The subject is no path: its slashes stay in the name, as underscores.
        subject = clean_filename(re.sub(r"[/\\]", "_", subject), default="")
        return f"{subject}.eml" if subject else "message.eml"
    extension = mimetypes.guess_extension(content_type) or ".bin"
    stem = "image" if part.get_content_maintype() == "image" else "attachment"
    return f"{stem}{extension}"


def _unflow(part: Message, text: str) -> str:
    """Join the soft line breaks of format=flowed text (RFC 3676) back into paragraphs."""
    if str(part.get_param("format") or "").lower() != "flowed":
        return text
    delete_space = str(part.get_param("delsp") or "").lower() == "yes"
    lines: list[str] = []
    carry: str | None = None
    carry_depth = 0
    for line in text.split("\n"):
        depth = len(line) - len(line.lstrip(">"))
        content = line[depth:].removeprefix(" ")  # space-stuffing
        if carry is not None and depth != carry_depth:
            lines.append(_quote_prefix(carry_depth) + carry)
            carry = None
        if carry is not None:
            content = carry + content
        if content.endswith(" ") and content != "-- ":
            carry, carry_depth = (content[:-1] if delete_space else content), depth
            continue
        lines.append(_quote_prefix(depth) + content)
        carry = None
    if carry is not None:
        lines.append(_quote_prefix(carry_depth) + carry)
    return "\n".join(lines)


def _quote_prefix(depth: int) -> str:
    return ">" * depth + " " if depth else ""
