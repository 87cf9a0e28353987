"""Intake: store the raw payload first, then parse it and put it on a case.

`receive` never loses a payload: it is committed before any parsing. `process`
turns it into a message or records why it could not; `reprocess` tries again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from brandwache.cases.models import Message
from brandwache.intake.channels.base import IntakeRejected, get_channel
from brandwache.intake.models import RawMessage

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IntakeResult:
    raw: RawMessage
    message: Message | None
    created: bool

    @property
    def duplicate(self) -> bool:
        return not self.created

    @property
    def error(self) -> str:
        return self.raw.error


def receive(
    channel_key: str,
    payload: bytes,
    *,
    metadata: dict[str, object] | None = None,
    external_id: str | None = None,
) -> tuple[RawMessage, bool]:
    """Store the payload unchanged; the same (channel, external id) is stored once."""
    channel = get_channel(channel_key)
    metadata = metadata or {}
    # Channels fall back to a hash of the payload when it names no id of its own.
    key = (external_id or channel.external_id(payload, metadata))[:255]
    existing = (
        RawMessage.objects.defer("payload").filter(channel=channel_key, external_id=key).first()
    )
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            raw = RawMessage.objects.create(
                channel=channel_key,
                external_id=key,
                payload=payload,
                content_type=channel.content_type,
                size=len(payload),
                metadata=metadata,
            )
    except IntegrityError:
        return RawMessage.objects.get(channel=channel_key, external_id=key), False
    return raw, True


def process(raw: RawMessage, *, actor: AbstractBaseUser | None = None) -> Message | None:
    """Parse a stored payload and record it on a case; failures are kept with their reason."""
    existing = Message.objects.filter(raw=raw).first()
    if existing is not None:
        return existing
    return _process_unrecorded(raw, actor)


def _process_unrecorded(raw: RawMessage, actor: AbstractBaseUser | None) -> Message | None:
    from brandwache.cases.actions import record_inbound_message

    payload = bytes(raw.payload)
    try:
        if len(payload) > settings.BRANDWACHE_MAX_MESSAGE_BYTES:
            raise IntakeRejected(
                f"The message is {len(payload):,} bytes; the limit is "
                f"{settings.BRANDWACHE_MAX_MESSAGE_BYTES:,} bytes."
            )
        parsed = get_channel(raw.channel).parse(payload, dict(raw.metadata))
        with transaction.atomic():
            message = record_inbound_message(parsed, raw, actor=actor, ip=_ip(raw))
            _mark(raw, RawMessage.Status.PROCESSED, "")
        return message
    except IntakeRejected as rejected:
        _mark(raw, RawMessage.Status.FAILED, rejected.reason)
    except Exception as error:
        log.exception("processing raw message %s failed", raw.pk)
        _mark(raw, RawMessage.Status.FAILED, f"Unexpected error: {type(error).__name__}: {error}")
    return None


def _ip(raw: RawMessage) -> str | None:
    value = raw.metadata.get("ip") if isinstance(raw.metadata, dict) else None
    return str(value) if value else None


def _mark(raw: RawMessage, status: str, error: str) -> None:
    """Record the outcome of one attempt."""
    now = timezone.now()
    RawMessage.objects.filter(pk=raw.pk).update(
        status=status, error=error[:5000], processed_at=now, attempts=F("attempts") + 1
    )
    raw.status, raw.error, raw.processed_at = status, error[:5000], now
    raw.attempts += 1


def ingest(
    channel_key: str,
    payload: bytes,
    *,
    metadata: dict[str, object] | None = None,
    external_id: str | None = None,
    actor: AbstractBaseUser | None = None,
) -> IntakeResult:
    """Receive and process in one go; a known payload is not processed twice."""
    raw, created = receive(channel_key, payload, metadata=metadata, external_id=external_id)
    return _process_received(raw, created, actor)


@dataclass(frozen=True)
class Incoming:
    payload: bytes
    metadata: dict[str, object]
    external_id: str | None = None


def ingest_many(
    channel_key: str, items: list[Incoming], *, actor: AbstractBaseUser | None = None
) -> list[IntakeResult]:
    """Like `ingest` for a batch: all payloads are committed raw together, then each is
    processed in its own transaction (one commit for the batch's raw store, not one each)."""
    with transaction.atomic():
        received = [
            receive(channel_key, item.payload, metadata=item.metadata, external_id=item.external_id)
            for item in items
        ]
    return [_process_received(raw, created, actor) for raw, created in received]


def _process_received(
    raw: RawMessage, created: bool, actor: AbstractBaseUser | None
) -> IntakeResult:
    if created:
        message = _process_unrecorded(raw, actor)
    elif raw.status == RawMessage.Status.PENDING:
        message = process(raw, actor=actor)
    else:
        message = Message.objects.filter(raw=raw).first()
    return IntakeResult(raw=raw, message=message, created=created)


def reprocess(raw: RawMessage, *, actor: AbstractBaseUser | None = None) -> Message | None:
    if raw.status == RawMessage.Status.PROCESSED:
        return Message.objects.filter(raw=raw).first()
    return process(raw, actor=actor)
