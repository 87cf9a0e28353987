"""Outbound e-mail with the headers that make the customer's answer thread back."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage

from brandwache.cases.models import Message


def build_email(message: Message) -> EmailMessage:
    headers = {"Message-ID": f"<{message.message_id}>"}
    if message.in_reply_to:
        headers["In-Reply-To"] = f"<{message.in_reply_to}>"
    if message.references:
        headers["References"] = " ".join(f"<{ref}>" for ref in message.references.split())
    return EmailMessage(
        subject=message.subject,
        body=message.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.recipient],
        headers=headers,
    )
