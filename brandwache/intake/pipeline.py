"""Intake: store the raw payload first, then parse it and put it on a case.

`receive` never loses a payload: it is committed before any parsing. `process`
turns it into a message or records why it could not; `reprocess` tries again.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext

from brandwache.batchmemo import one_batch
from brandwache.cases.models import Message
from brandwache.intake.channels.base import Channel, IntakeRejected, get_channel
from brandwache.intake.models import RawMessage

log = logging.getLogger(__name__)
# Metadata of a payload kept apart: the raw message whose id it shares.
SAME_ID_AS = "same_message_id_as"


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
    """Store the payload unchanged; the same (channel, external id) is stored once.

    A payload under a known id that says something else (an e-mail with the Message-ID
    of an earlier one but other content) is no duplicate: it is stored under a key of its
    own, flagged, and not put on a case until someone processes it again.
    """
    channel = get_channel(channel_key)
    metadata = metadata or {}
    # Channels fall back to a hash of the payload when it names no id of its own.
    key = (external_id or channel.external_id(payload, metadata))[:255]
    existing = _stored(channel_key, key)
    if existing is None:
        return _store(channel, key, payload, metadata)
    fingerprint = channel.content_fingerprint(payload)
    if fingerprint is None or fingerprint == _stored_fingerprint(channel, existing.pk):
        return existing, False
    variant = _stored(channel_key, variant_key(key, fingerprint))
    if variant is not None:
        return variant, False
    flagged = {**metadata, SAME_ID_AS: existing.pk}
    return _store(channel, variant_key(key, fingerprint), payload, flagged, flag=True)


def variant_key(key: str, fingerprint: str) -> str:
    """The key of a payload that came under a known id with other content (no id has spaces)."""
    return f"{key[:231]} sha256:{fingerprint[:16]}"


def _stored(channel_key: str, key: str) -> RawMessage | None:
    return RawMessage.objects.defer("payload").filter(channel=channel_key, external_id=key).first()


def _stored_fingerprint(channel: Channel, pk: int) -> str | None:
    payload = RawMessage.objects.filter(pk=pk).values_list("payload", flat=True).get()
    return channel.content_fingerprint(bytes(payload))


def _store(
    channel: Channel, key: str, payload: bytes, metadata: dict[str, object], *, flag: bool = False
) -> tuple[RawMessage, bool]:
    status, error = RawMessage.Status.PENDING, ""
    if flag:
        status = RawMessage.Status.FAILED
        error = gettext(
            "Same Message-ID as an earlier message (#%(id)s) but different content; not put on "
            "a case automatically. Check and process it again if it is genuine."
        ) % {"id": metadata[SAME_ID_AS]}
    try:
        with transaction.atomic():
            raw = RawMessage.objects.create(
                channel=channel.key,
                external_id=key,
                payload=payload,
                content_type=channel.content_type,
                size=len(payload),
                metadata=metadata,
                status=status,
                error=error,
            )
    except IntegrityError:
        return RawMessage.objects.get(channel=channel.key, external_id=key), False
    if flag:
        log.warning(
            "raw message %s has the id of raw message %s but other content",
            raw.pk,
            metadata[SAME_ID_AS],
        )
    return raw, True


def already_stored(channel_key: str, items: Sequence[tuple[str, bytes]]) -> set[int]:
    """The indexes of the `(external id, payload)` pairs that `receive` would find stored
    and done with (processed or failed), same content included: one query for the lot,
    and stored payloads read back only where the content has to be compared."""
    channel = get_channel(channel_key)
    wanted = [(key, channel.content_fingerprint(payload)) for key, payload in items]
    candidates = {key for key, _print in wanted}
    candidates |= {variant_key(key, print_) for key, print_ in wanted if print_ is not None}
    stored = dict(
        RawMessage.objects.filter(channel=channel_key, external_id__in=candidates)
        .exclude(status=RawMessage.Status.PENDING)
        .values_list("external_id", "pk")
    )

    def settled(key: str, print_: str | None) -> bool:
        return print_ is None or variant_key(key, print_) in stored

    compare = {stored[key] for key, print_ in wanted if key in stored and not settled(key, print_)}
    stored_prints = {
        pk: channel.content_fingerprint(bytes(payload))
        for pk, payload in RawMessage.objects.filter(pk__in=compare)
        .values_list("pk", "payload")
        .iterator(chunk_size=20)
    }
    return {
        index
        for index, (key, print_) in enumerate(wanted)
        if key in stored and (settled(key, print_) or stored_prints[stored[key]] == print_)
    }


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
            mark_attempt(raw, RawMessage.Status.PROCESSED, "")
        return message
    except IntakeRejected as rejected:
        mark_attempt(raw, RawMessage.Status.FAILED, rejected.reason)
    except Exception as error:
        log.exception("processing raw message %s failed", raw.pk)
        mark_attempt(
            raw, RawMessage.Status.FAILED, f"Unexpected error: {type(error).__name__}: {error}"
        )
    return None


def _ip(raw: RawMessage) -> str | None:
    value = raw.metadata.get("ip") if isinstance(raw.metadata, dict) else None
    return str(value) if value else None


def mark_attempt(raw: RawMessage, status: str, error: str) -> None:
    """Record the outcome of one attempt (also for raw items that other apps process)."""
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
    processed in its own transaction (one commit for the batch's raw store, not one each),
    with the routing rules, SLA policies and calendar read once for the batch."""
    with transaction.atomic():
        received = [
            receive(channel_key, item.payload, metadata=item.metadata, external_id=item.external_id)
            for item in items
        ]
    with one_batch():
        return [_process_received(raw, created, actor) for raw, created in received]


def _process_received(
    raw: RawMessage, created: bool, actor: AbstractBaseUser | None
) -> IntakeResult:
    if created and raw.status == RawMessage.Status.PENDING:
        message = _process_unrecorded(raw, actor)
    elif not created and raw.status == RawMessage.Status.PENDING:
        message = process(raw, actor=actor)
    else:
        message = Message.objects.filter(raw=raw).first()
    return IntakeResult(raw=raw, message=message, created=created)


def reprocess(raw: RawMessage, *, actor: AbstractBaseUser | None = None) -> Message | None:
    if raw.status == RawMessage.Status.PROCESSED:
        return Message.objects.filter(raw=raw).first()
    return process(raw, actor=actor)
