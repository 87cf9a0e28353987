"""The public complaint form: one submission is one JSON payload."""

from __future__ import annotations

from typing import ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from brandwache.contacts.actions import IdentityRef
from brandwache.contacts.models import Identity
from brandwache.intake.channels.base import Channel, IntakeRejected, ParsedMessage, register
from brandwache.intake.channels.formpayload import decode_attachments, decode_payload, text_field


class WebFormChannel(Channel):
    key: ClassVar[str] = "webform"
    label = _("Web form")
    content_type: ClassVar[str] = "application/json"
    sender_verified: ClassVar[bool] = False  # nobody checked that the address is theirs

    def external_id(self, payload: bytes, metadata: dict[str, object]) -> str:
        # The form carries a submission id, so a double click is one complaint.
        submission = metadata.get("submission_id")
        return f"submission:{submission}" if submission else super().external_id(payload, metadata)

    def parse(self, payload: bytes, metadata: dict[str, object]) -> ParsedMessage:
        data = decode_payload(payload)
        email = text_field(data, "email")
        text = text_field(data, "text")
        if not text:
            raise IntakeRejected("The form was sent without a description of the problem.")
        if not email:
            raise IntakeRejected("The form was sent without an e-mail address.")
        try:
            validate_email(email)
        except ValidationError:
            raise IntakeRejected(f"{email!r} is not a valid e-mail address.") from None
        name = text_field(data, "name")
        extra = []
        if text_field(data, "phone"):
            extra.append(IdentityRef(Identity.Kind.PHONE, text_field(data, "phone"), name))
        return ParsedMessage(
            channel=self.key,
            sender=IdentityRef(Identity.Kind.EMAIL, email, name),
            extra_identities=extra,
            subject=text_field(data, "subject"),
            text=text,
            category=text_field(data, "category"),
            language=text_field(data, "language"),
            attachments=decode_attachments(data),
        )


register(WebFormChannel())
