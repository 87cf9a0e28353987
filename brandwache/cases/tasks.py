"""Background work of the cases app, run by the task worker (immediately in tests)."""

from __future__ import annotations

import logging

from django.tasks import task

from brandwache.cases.mail import build_email
from brandwache.cases.models import Message

log = logging.getLogger(__name__)


@task()
def deliver_message(message_id: int) -> str:
    """Send a queued outbound message once; a failure is recorded on the message."""
    claimed = Message.objects.filter(pk=message_id, delivery=Message.Delivery.QUEUED).update(
        delivery=Message.Delivery.SENT
    )
    if not claimed:
        return "already handled"
    message = Message.objects.get(pk=message_id)
    try:
        build_email(message).send(fail_silently=False)
    except Exception as error:  # the mail server's reason goes onto the case
        log.warning("delivery of message %s failed: %s", message_id, error)
        Message.objects.filter(pk=message_id).update(
            delivery=Message.Delivery.FAILED, delivery_error=str(error)[:2000]
        )
        raise
    return "sent"
