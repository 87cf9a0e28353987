"""Outbound e-mail with the headers that make the customer's answer thread back."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage

from brandwache.cases.models import CaseEvent, Message
from brandwache.intake.subjects import normalise_subject


def build_email(message: Message) -> EmailMessage:
    headers = {"Message-ID": f"<{message.message_id}>"}
    automatic = CaseEvent.objects.filter(message=message, kind=CaseEvent.Kind.CUSTOMER_UPDATE)
    if message.author_id is None and automatic.exists():
        # RFC 3834: the customer's mail program must not answer it automatically.
        headers["Auto-Submitted"] = "auto-generated"
    if message.in_reply_to:
        headers["In-Reply-To"] = f"<{message.in_reply_to}>"
    if message.references:
        headers["References"] = " ".join(f"<{ref}>" for ref in message.references.split())
    return EmailMessage(
        # Subjects are put on one line on intake; this is the last line of defence, since
        # a line break in a header would make the mail refused on every attempt.
        subject=normalise_subject(message.subject),
        body=message.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.recipient],
        headers=headers,
    )
