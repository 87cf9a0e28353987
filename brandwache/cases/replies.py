"""Replies to the customer: written on the case, queued, and sent by the outbox.

Each is atomic like the other case actions (`brandwache.cases.actions`), writes its
event to the timeline, and queues the mail only after the transaction commits;
`brandwache.cases.delivery` sends it.
"""

from __future__ import annotations

from email.utils import make_msgid

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brandwache.cases.actions import CaseActionError, User, _event, _set_status
from brandwache.cases.models import Case, CaseEvent, Message
from brandwache.cases.threading import normalise_message_id
from brandwache.intake.subjects import normalise_subject


def record_reply(
    case: Case, actor: User, text: str, *, subject: str = "", ip: str | None = None
) -> Message:
    """Write a reply to the customer; it is mailed after the transaction commits."""
    text = text.strip()
    if not text:
        raise CaseActionError(_("A reply needs some text."))
    recipient = case.contact.primary_email() if case.contact else None
    if not recipient:
        raise CaseActionError(
            _("This contact has no e-mail address; record the answer as a phone note or letter.")
        )
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        message = queue_email(case, recipient=recipient, text=text, subject=subject, author=actor)
        _event(case, CaseEvent.Kind.REPLY_SENT, actor, message=message, ip=ip)
        now = timezone.now()
        if case.first_response_at is None:
            case.first_response_at = now
        case.last_message_at = now
        case.save(update_fields=["first_response_at", "last_message_at", "updated_at"])
        if case.status == Case.Status.NEW:
            _set_status(case, Case.Status.OPEN, actor, ip=ip)
    return message


def queue_email(
    case: Case,
    *,
    recipient: str,
    text: str,
    subject: str = "",
    author: User | None = None,
) -> Message:
    """An outbound e-mail on the case, threaded under the customer's last message.

    Only the message: the caller writes its event inside the same transaction.
    It is mailed by `deliver_message` after that transaction commits.
    """
    from brandwache.cases.tasks import deliver_message

    last_inbound = (
        case.messages.filter(direction=Message.Direction.INBOUND)
        .exclude(message_id="")
        .order_by("-created_at", "-id")
        .first()
    )
    references = last_inbound.references.split() if last_inbound else []
    if last_inbound:
        references.append(last_inbound.message_id)
    subject = subject or _reply_subject(case, last_inbound)
    message = Message.objects.create(
        case=case,
        direction=Message.Direction.OUTBOUND,
        channel="email",
        contact=case.contact,
        sender=settings.DEFAULT_FROM_EMAIL,
        recipient=recipient,
        author=author,
        subject=subject[:300],
        text=text,
        message_id=normalise_message_id(
            make_msgid(idstring=case.reference, domain=settings.BRANDWACHE_MESSAGE_ID_DOMAIN)
        ),
        in_reply_to=last_inbound.message_id if last_inbound else "",
        references=" ".join(references[-20:]),
        sent_at=timezone.now(),
        delivery=Message.Delivery.QUEUED,
    )
    message_pk = message.pk
    transaction.on_commit(lambda: deliver_message.enqueue(message_pk))
    return message


def retry_delivery(case: Case, actor: User, message_id: int, *, ip: str | None = None) -> Message:
    """Queue a reply once more, with all its attempts, whose delivery failed or is stuck (no
    worker took it up within the task lease); only one of two clicks wins."""
    from brandwache.cases.delivery import retryable
    from brandwache.cases.tasks import deliver_message

    now = timezone.now()
    with transaction.atomic():
        mine = Message.objects.filter(
            pk=message_id, case=case, direction=Message.Direction.OUTBOUND
        )
        before = mine.values("delivery", "delivery_error").first()
        queued = mine.filter(retryable(now)).update(
            delivery=Message.Delivery.QUEUED,
            delivery_error="",
            delivery_attempts=0,
            delivery_due_at=now,
            delivery_claimed_until=None,
        )
        if not queued or before is None:
            raise CaseActionError(
                _("There is no failed or stuck delivery of this message to retry.")
            )
        message = Message.objects.get(pk=message_id)
        _event(
            case,
            CaseEvent.Kind.DELIVERY_RETRIED,
            actor,
            message=message,
            ip=ip,
            was=before["delivery"],
            error=before["delivery_error"][:500],
        )
        transaction.on_commit(lambda: deliver_message.enqueue(message_id))
    return message


def _reply_subject(case: Case, last_inbound: Message | None) -> str:
    """The customer's last subject, or the case's once an agent has changed it since."""
    base = last_inbound.subject if last_inbound else ""
    renamed = case.events.filter(kind=CaseEvent.Kind.SUBJECT_CHANGED)
    if last_inbound is not None:
        renamed = renamed.filter(created_at__gt=last_inbound.created_at)
    if not base or renamed.exists():
        base = case.subject
    base = normalise_subject(base)
    if case.reference not in base:
        base = f"{base} [{case.reference}]".strip()
    return base if base.lower().startswith(("re:", "aw:")) else f"Re: {base}"
