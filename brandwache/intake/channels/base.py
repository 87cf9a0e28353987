"""What every channel implements, and the registry that finds them by key.

A channel turns a raw payload into a `ParsedMessage`. It never writes to the
database itself: the intake pipeline stores the raw payload first, asks the
channel to parse it, and hands the result to the case actions.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import ClassVar

from django.utils.functional import Promise

from brandwache.contacts.actions import IdentityRef


class IntakeRejected(Exception):
    """The payload cannot become a message; `reason` says why, for the intake problems view."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class ParsedAttachment:
    filename: str
    content_type: str
    content: bytes


@dataclass
class ParsedMessage:
    """A message in the shape every channel delivers it to the case actions."""

    channel: str
    sender: IdentityRef | None
    subject: str = ""
    text: str = ""
    quoted_text: str = ""
    signature: str = ""
    html: str = ""
    sent_at: datetime | None = None
    message_id: str = ""
    in_reply_to: str = ""
    references: list[str] = field(default_factory=list)
    attachments: list[ParsedAttachment] = field(default_factory=list)
    extra_identities: list[IdentityRef] = field(default_factory=list)
    category: str = ""
    language: str = ""
    # A case the sender named explicitly (a reference in the subject, the agent's choice).
    case_reference: str = ""
    direction: str = "in"


class Channel:
    """Base class of every channel plug-in; subclasses set `key` and implement `parse`."""

    key: ClassVar[str]
    label: ClassVar[str | Promise]
    content_type: ClassVar[str] = "application/octet-stream"
    # False where anyone can give someone else's address and see the result at once (the
    # public form): such messages never join an existing case, they only point to it.
    sender_verified: ClassVar[bool] = True

    def external_id(self, payload: bytes, metadata: dict[str, object]) -> str:
        """The idempotency key; by default a hash of the payload itself."""
        return "sha256:" + hashlib.sha256(payload).hexdigest()

    def content_fingerprint(self, payload: bytes) -> str | None:
        """What the payload says, as a hash, for a channel whose external id is not a hash of
        the bytes: a second payload under a known id is the same message only when this
        matches; otherwise it is kept apart and flagged (see `pipeline.receive`).
        None, the default: the external id alone decides."""
        return None

    def parse(self, payload: bytes, metadata: dict[str, object]) -> ParsedMessage:
        raise NotImplementedError


_registry: dict[str, Channel] = {}


def register(channel: Channel) -> Channel:
    if channel.key in _registry:
        raise ValueError(f"channel {channel.key!r} is registered twice")
    _registry[channel.key] = channel
    return channel


def get_channel(key: str) -> Channel:
    try:
        return _registry[key]
    except KeyError:
        raise LookupError(f"no channel {key!r}; known: {', '.join(sorted(_registry))}") from None


def all_channels() -> Iterable[Channel]:
    return list(_registry.values())
