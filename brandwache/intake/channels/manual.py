"""Phone calls, letters and faxes, entered by an agent (with an optional scan)."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from django.utils.dateparse import parse_datetime
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from brandwache.contacts.actions import IdentityRef
from brandwache.contacts.models import Identity
from brandwache.intake.channels.base import Channel, IntakeRejected, ParsedMessage, register
from brandwache.intake.channels.formpayload import decode_attachments, decode_payload, text_field

StrOrPromise = str | Promise


class ManualEntryChannel(Channel):
    """Something a customer said or sent on paper, written down by an agent."""

    content_type: ClassVar[str] = "application/json"

    def __init__(self, key: str, label: StrOrPromise) -> None:
        self.key = key  # type: ignore[misc]
        self.label = label  # type: ignore[misc]

    def external_id(self, payload: bytes, metadata: dict[str, object]) -> str:
        entry_id = metadata.get("entry_id")
        return f"entry:{entry_id}" if entry_id else super().external_id(payload, metadata)

    def parse(self, payload: bytes, metadata: dict[str, object]) -> ParsedMessage:
        data = decode_payload(payload)
        text = text_field(data, "text")
        attachments = decode_attachments(data)
        if not text and not attachments:
            raise IntakeRejected("The entry has neither text nor a scan.")
        identities = []
        for kind in (Identity.Kind.EMAIL, Identity.Kind.PHONE, Identity.Kind.POSTAL):
            value = text_field(data, kind)
            if value:
                identities.append(IdentityRef(kind, value, text_field(data, "name")))
        if not identities:
            raise IntakeRejected(
                "The entry names no way to reach the customer (phone, e-mail or address)."
            )
        occurred: datetime | None = None
        if text_field(data, "occurred_at"):
            occurred = parse_datetime(text_field(data, "occurred_at"))
            if occurred is None:
                raise IntakeRejected("The time of the call or letter is not a valid date.")
        return ParsedMessage(
            channel=self.key,
            sender=identities[0],
            extra_identities=identities[1:],
            subject=text_field(data, "subject"),
            text=text,
            sent_at=occurred,
            attachments=attachments,
            case_reference=text_field(data, "case_reference"),
            category=text_field(data, "category"),
        )


PHONE = register(ManualEntryChannel("phone", _("Phone call")))
LETTER = register(ManualEntryChannel("letter", _("Letter")))
FAX = register(ManualEntryChannel("fax", _("Fax")))
