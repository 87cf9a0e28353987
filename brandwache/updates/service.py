"""Deciding, at one moment of one case, whether and how the customer hears of it.

Runs inside the transaction of the case action that caused the moment (through
`cases.signals.event_recorded`), so the update's message and its
`CUSTOMER_UPDATE` event commit or roll back with it; the mail itself leaves
only after the commit, through the task queue.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from brandwache.cases.actions import record_event
from brandwache.cases.models import Case, CaseEvent, Message
from brandwache.cases.replies import queue_email
from brandwache.contacts.actions import resolve_contact
from brandwache.contacts.models import Contact, Identity
from brandwache.placeholders import PlaceholderError
from brandwache.public.tasks import customer_language
from brandwache.updates.compose import Composed, compose, template_for
from brandwache.updates.inbound import (
    first_inbound,
    from_machine,
    machine_address,
    stated_language,
)
from brandwache.updates.models import Moment, UpdateLog
from brandwache.updates.moments import moment_for

log = logging.getLogger(__name__)

Reason = UpdateLog.Reason
# A receipt for a message older than this would only confuse (an imported archive, say).
RECEIPT_MAX_AGE = timedelta(days=2)
MANUAL_CHANNELS = ("phone", "letter", "fax")
# Complaints found in public posts (the listening app), not sent to the organisation.
FOUND_IN_PUBLIC = ("listening",)
IDENTITY_CHANNELS = {Identity.Kind.PHONE: "phone", Identity.Kind.POSTAL: "letter"}


_paused: ContextVar[bool] = ContextVar("customer_updates_paused", default=False)


@contextmanager
def paused() -> Iterator[None]:
    """No updates for what happens inside the block: data that is no real customer's (demo)."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


class Skip(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def on_event_recorded(sender: object, *, event: CaseEvent, case: Case, **kwargs: object) -> None:
    """Receiver of `event_recorded`: one decision per moment; never breaks the action."""
    if not settings.BRANDWACHE_CUSTOMER_UPDATES or _paused.get():
        return
    moment = moment_for(event, case)
    if moment is None:
        return
    try:
        with transaction.atomic():
            decide(case, moment, event)
    except Exception:
        log.exception("customer update for case %s (%s) failed", case.reference, moment)
        UpdateLog.objects.create(
            case=case,
            trigger=event,
            moment=moment,
            outcome=UpdateLog.Outcome.SKIPPED,
            reason=Reason.ERROR,
        )


def recently_updated(case: Case, now: datetime) -> bool:
    """An update, or the web form's receipt, went out within the interval."""
    minutes = settings.BRANDWACHE_UPDATE_MIN_INTERVAL
    if minutes <= 0:
        return False
    since = now - timedelta(minutes=minutes)
    kinds = [CaseEvent.Kind.CUSTOMER_UPDATE, CaseEvent.Kind.CONFIRMATION_SENT]
    if CaseEvent.objects.filter(case=case, kind__in=kinds, created_at__gte=since).exists():
        return True
    # The form's receipt is sent after its submission commits: not yet an event.
    forms = case.messages.filter(channel="webform", direction=Message.Direction.INBOUND)
    return forms.filter(created_at__gte=since).exists()


def _check_sender(moment: str, first: Message, now: datetime) -> None:
    if moment != Moment.RECEIVED:
        if from_machine(first):  # a case a machine opened gets no mail from us either
            raise Skip(Reason.AUTOMATIC_SENDER)
        return
    if first.channel == "webform":
        raise Skip(Reason.FORM_RECEIPT)  # its receipt carries the status link already
    if first.channel in FOUND_IN_PUBLIC:
        # Nobody wrote to us: a receipt would be a form letter to a stranger. The first
        # answer is the agent's personal contact, which the first-response clock asks for.
        raise Skip(Reason.PUBLIC_POST)
    old = first.sent_at is not None and first.sent_at < now - RECEIPT_MAX_AGE
    if old and first.channel == "email":  # an imported archive; a letter may be old
        raise Skip(Reason.OLD_MESSAGE)
    if from_machine(first):
        raise Skip(Reason.AUTOMATIC_SENDER)


def manual_channel(contact: Contact, first: Message, last: Message | None) -> str | None:
    """How an agent reaches a customer without e-mail: the way they came, else what we have."""
    for message in (last, first):
        if message is not None and message.channel in MANUAL_CHANNELS:
            return message.channel
    kinds = set(contact.identities.values_list("kind", flat=True))
    for kind, channel in IDENTITY_CHANNELS.items():
        if kind in kinds:
            return channel
    return None


def decide(case: Case, moment: str, event: CaseEvent, now: datetime | None = None) -> UpdateLog:
    """Send the update, note it as due by hand, or record why not. The case row is locked
    already: every action that causes a moment has written it in this transaction."""
    now = now or timezone.now()
    record = UpdateLog(case=case, trigger=event, moment=moment)
    try:
        return _decide(record, case, moment, event, now)
    except Skip as skip:
        record.outcome, record.reason = UpdateLog.Outcome.SKIPPED, skip.reason
        record.save()
        return record


def _decide(
    record: UpdateLog, case: Case, moment: str, event: CaseEvent, now: datetime
) -> UpdateLog:
    if case.contact is None:
        raise Skip(Reason.NO_CONTACT)
    contact = resolve_contact(case.contact)
    # At "received" the event's message is the case's first inbound one.
    first = event.message if moment == Moment.RECEIVED else first_inbound(case.pk)
    if first is None:
        raise Skip(Reason.STILL_OPENING)  # e.g. routed while its first message is stored
    _check_sender(moment, first, now)
    if moment != Moment.RESOLVED and recently_updated(case, now):
        raise Skip(Reason.FREQUENCY)
    recipient = contact.primary_email()
    if recipient and machine_address(recipient):
        raise Skip(Reason.AUTOMATIC_SENDER)
    if not recipient and moment == Moment.RECEIVED and first.channel == "phone":
        raise Skip(Reason.TOLD_IN_CALL)
    if moment == Moment.RECEIVED and case.owner_id is not None:
        # Routed to a person as it was opened: the first word names them right away.
        moment = record.moment = Moment.ASSIGNED
    composed = _compose(case, moment, first, now)
    record.language = composed.language
    if recipient:
        return _send(record, case, recipient, composed)
    channel = manual_channel(contact, first, _last_inbound(case))
    if channel is None:
        raise Skip(Reason.UNREACHABLE)
    record.outcome, record.channel, record.text = UpdateLog.Outcome.DUE, channel, composed.body
    record.save()
    return record


def _compose(case: Case, moment: str, first: Message, now: datetime) -> Composed:
    language = customer_language(stated_language(case.pk, first) or settings.LANGUAGE_CODE)
    template = template_for(moment, language)
    if template is None:
        raise Skip(Reason.NO_TEMPLATE)
    try:
        return compose(template, case, now)
    except PlaceholderError:
        log.warning("update text %s cannot be filled in", template.pk, exc_info=True)
        raise Skip(Reason.TEMPLATE_ERROR) from None


def _send(record: UpdateLog, case: Case, recipient: str, composed: Composed) -> UpdateLog:
    message = queue_email(case, recipient=recipient, subject=composed.subject, text=composed.body)
    record_event(
        case,
        CaseEvent.Kind.CUSTOMER_UPDATE,
        message=message,
        moment=record.moment,
        language=composed.language,
        channel="email",
        message_id=message.message_id,
    )
    record.outcome, record.channel, record.message = UpdateLog.Outcome.SENT, "email", message
    record.save()
    return record


def _last_inbound(case: Case) -> Message | None:
    return (
        Message.objects.filter(case=case, direction=Message.Direction.INBOUND)
        .order_by("-created_at", "-id")
        .first()
    )
