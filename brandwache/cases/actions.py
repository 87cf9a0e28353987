"""Every state change of a case goes through one of these functions.

Each is atomic, writes its event to the timeline, and queues side effects
(mail to the customer) only after the transaction commits.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brandwache.cases.models import (
    Attachment,
    Case,
    CaseEvent,
    Message,
    ReferenceCounter,
    Team,
    new_status_token,
)
from brandwache.cases.signals import event_recorded
from brandwache.cases.threading import (
    find_case_for,
    normalise_message_id,
    resolve_case,
    same_customer,
)
from brandwache.contacts.actions import add_identity, find_or_create_contact
from brandwache.contacts.models import Contact
from brandwache.intake.channels.base import ParsedAttachment, ParsedMessage, get_channel
from brandwache.intake.filenames import clean_filename
from brandwache.intake.models import RawMessage
from brandwache.intake.subjects import normalise_subject

User = AbstractBaseUser


class CaseActionError(Exception):
    """An action that cannot be carried out as asked; the message says why."""


def allocate_reference(now: datetime | None = None) -> str:
    """The next reference of the year; one row per year, counted up in a single statement."""
    year = timezone.localtime(now or timezone.now()).year
    table = ReferenceCounter._meta.db_table
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET last_number = last_number + 1 WHERE year = %s "  # noqa: S608
            "RETURNING last_number",
            [year],
        )
        row = cursor.fetchone()
        if row is None:
            ReferenceCounter.objects.get_or_create(year=year)
            return allocate_reference(now)
    return f"BW-{year}-{row[0]:05d}"


def _event(
    case: Case,
    kind: str,
    actor: User | None = None,
    *,
    message: Message | None = None,
    body: str = "",
    ip: str | None = None,
    **data: object,
) -> CaseEvent:
    event = CaseEvent.objects.create(
        case=case, kind=kind, actor=actor, message=message, body=body, data=data, ip_address=ip
    )
    event_recorded.send(sender=CaseEvent, event=event, case=case)
    return event


def open_case(
    *,
    subject: str,
    channel: str,
    contact: Contact | None,
    actor: User | None = None,
    priority: str = Case.Priority.NORMAL,
    category: str = "",
    ip: str | None = None,
    last_message_at: datetime | None = None,
) -> Case:
    with transaction.atomic(savepoint=False):
        case = Case.objects.create(
            reference=allocate_reference(),
            subject=normalise_subject(subject)[:300],
            channel=channel,
            contact=contact,
            priority=priority,
            category=category[:100],
            last_message_at=last_message_at,
        )
        _event(case, CaseEvent.Kind.CREATED, actor, ip=ip, channel=channel)
    return case


def store_attachment(message: Message, attachment: ParsedAttachment) -> Attachment:
    """Store a file of a message; its name is cleaned here whichever channel brought it."""
    digest = hashlib.sha256(attachment.content).hexdigest()
    record = Attachment(
        message=message,
        filename=clean_filename(attachment.filename),
        content_type=attachment.content_type[:100],
        size=len(attachment.content),
        sha256=digest,
    )
    path = f"attachments/{digest[:2]}/{digest}"
    # Content-addressed: the same file attached twice is stored once.
    if not default_storage.exists(path):
        path = default_storage.save(path, ContentFile(attachment.content))
    record.file.name = path
    record.save()
    return record


def _store_attachments(
    message: Message, attachments: Sequence[ParsedAttachment]
) -> list[dict[str, object]]:
    skipped: list[dict[str, object]] = []
    for attachment in attachments:
        if len(attachment.content) > settings.BRANDWACHE_MAX_ATTACHMENT_BYTES:
            name = clean_filename(attachment.filename)
            skipped.append({"filename": name, "size": len(attachment.content)})
            continue
        store_attachment(message, attachment)
    return skipped


def record_inbound_message(
    parsed: ParsedMessage,
    raw: RawMessage | None,
    *,
    actor: User | None = None,
    ip: str | None = None,
) -> Message:
    """Join the message to its case (or open one) and put it on the timeline."""
    received = parsed.sent_at or timezone.now()
    # Every channel's subject passes here: on one line, it can never break a reply's header.
    subject = normalise_subject(parsed.subject)
    sender_verified = get_channel(parsed.channel).sender_verified
    unverified: list[dict[str, str]] = []
    with transaction.atomic(savepoint=False):
        contact = None
        if parsed.sender is not None:
            contact, _identity = find_or_create_contact(parsed.sender)
            # Whoever fills in the public form with a known customer's address must not
            # give that customer a phone number of their choosing: only a new contact
            # takes what such a message names, others keep it on the message's event.
            known = not sender_verified and Case.objects.filter(contact=contact).exists()
            for extra in parsed.extra_identities:
                if known:
                    unverified.append({"kind": extra.kind, "value": extra.value[:200]})
                else:
                    add_identity(contact, extra)
        threading = find_case_for(
            in_reply_to=parsed.in_reply_to,
            references=parsed.references,
            subject=parsed.subject,
            explicit_reference=parsed.case_reference,
            contact_id=contact.pk if contact else None,
            sender_verified=sender_verified,
        )
        case, related, why = threading.case, threading.related, threading.why
        if case is not None and case.status == Case.Status.CLOSED:
            # A closed case stays closed; the follow-up opens a new one next to it.
            case, related, why = None, case, "closed"
        if case is None:
            case = open_case(
                subject=subject or parsed.text[:80],
                channel=parsed.channel,
                contact=contact,
                actor=actor,
                category=parsed.category,
                ip=ip,
                last_message_at=received,
            )
            if related is not None:
                _link_related(case, related, why, ip=ip)
        else:
            _join_case(case, contact, received)
        message = Message.objects.create(
            case=case,
            raw=raw,
            direction=parsed.direction,
            channel=parsed.channel,
            contact=contact,
            sender=(parsed.sender.value if parsed.sender else "")[:320],
            author=actor,
            subject=subject[:300],
            text=parsed.text,
            quoted_text=parsed.quoted_text,
            signature=parsed.signature,
            html=parsed.html,
            message_id=normalise_message_id(parsed.message_id)[:255],
            in_reply_to=normalise_message_id(parsed.in_reply_to)[:255],
            references=" ".join(parsed.references),
            sent_at=received,
        )
        skipped = _store_attachments(message, parsed.attachments)
        extra: dict[str, object] = {"channel": parsed.channel}
        if skipped:
            extra["skipped_attachments"] = skipped
        if unverified:
            extra["unverified_identities"] = unverified
        _event(case, CaseEvent.Kind.MESSAGE_RECEIVED, actor, message=message, ip=ip, **extra)
        waiting = case.status in {Case.Status.RESOLVED, Case.Status.WAITING_CUSTOMER}
        if waiting and parsed.direction == Message.Direction.INBOUND:
            _set_status(case, Case.Status.OPEN, None, ip=None, reason="customer replied")
    return message


def _link_related(case: Case, related: Case, why: str, *, ip: str | None) -> None:
    """Point both cases at each other on their timelines; an agent decides about a merge."""
    _event(case, CaseEvent.Kind.RELATED, None, ip=ip, related=related.reference, why=why)
    _event(
        related, CaseEvent.Kind.RELATED, None, ip=ip, related=case.reference, why=why, newer=True
    )


def _join_case(case: Case, contact: Contact | None, received: datetime) -> None:
    if contact is not None and case.contact_id is None:
        case.contact = contact
    case.last_message_at = max(filter(None, [case.last_message_at, received]))
    case.save(update_fields=["contact", "last_message_at", "updated_at"])


def add_note(case: Case, actor: User, text: str, *, ip: str | None = None) -> CaseEvent:
    text = text.strip()
    if not text:
        raise CaseActionError(_("A note needs some text."))
    with transaction.atomic():
        return _event(case, CaseEvent.Kind.NOTE, actor, body=text, ip=ip)


def assign_case(
    case: Case,
    actor: User | None,
    *,
    owner: User | None,
    team: Team | None,
    ip: str | None = None,
    reason: str = "",
    **details: object,
) -> Case:
    """`reason` and `details` say why the system assigned (e.g. which routing rule)."""
    with transaction.atomic():
        before = {"owner": case.owner_id, "team": case.team_id}
        Case.objects.filter(pk=case.pk).update(owner=owner, team=team, updated_at=timezone.now())
        case.owner, case.team = owner, team
        extra = {"reason": reason, **details} if reason else details
        _event(
            case,
            CaseEvent.Kind.ASSIGNED,
            actor,
            ip=ip,
            before=before,
            owner=owner.get_username() if owner else None,
            team=team.name if team else None,
            **extra,
        )
    return case


def _set_status(
    case: Case, status: str, actor: User | None, *, ip: str | None, reason: str = ""
) -> bool:
    """Conditional update: only the first of two concurrent changes wins."""
    old = case.status
    if old == status:
        return False
    now = timezone.now()
    fields: dict[str, object] = {"status": status, "updated_at": now}
    if status == Case.Status.RESOLVED:
        fields["resolved_at"] = now
    if status == Case.Status.CLOSED:
        fields["closed_at"] = now
    changed = Case.objects.filter(pk=case.pk, status=old).update(**fields)
    if not changed:
        raise CaseActionError(_("The case was changed by someone else meanwhile; reload it."))
    for name, value in fields.items():
        setattr(case, name, value)
    _event(case, CaseEvent.Kind.STATUS_CHANGED, actor, ip=ip, old=old, new=status, reason=reason)
    return True


def change_status(case: Case, actor: User, status: str, *, ip: str | None = None) -> Case:
    if status not in Case.Status.values:
        raise CaseActionError(_("Unknown status %(status)s.") % {"status": repr(status)})
    if case.merged_into_id is not None:
        raise CaseActionError(_("A merged case cannot change its status."))
    with transaction.atomic():
        _set_status(case, status, actor, ip=ip)
    return case


def change_priority(
    case: Case, actor: User | None, priority: str, *, ip: str | None = None, reason: str = ""
) -> Case:
    if priority not in Case.Priority.values:
        raise CaseActionError(_("Unknown priority %(priority)s.") % {"priority": repr(priority)})
    with transaction.atomic():
        old = case.priority
        if old != priority:
            Case.objects.filter(pk=case.pk).update(priority=priority, updated_at=timezone.now())
            case.priority = priority
            extra = {"reason": reason} if reason else {}
            _event(
                case, CaseEvent.Kind.PRIORITY_CHANGED, actor, ip=ip, old=old, new=priority, **extra
            )
    return case


def change_category(
    case: Case, actor: User | None, category: str, *, ip: str | None = None, reason: str = ""
) -> Case:
    category = category.strip()[:100]
    with transaction.atomic():
        old = case.category
        if old != category:
            Case.objects.filter(pk=case.pk).update(category=category, updated_at=timezone.now())
            case.category = category
            extra = {"reason": reason} if reason else {}
            _event(
                case, CaseEvent.Kind.CATEGORY_CHANGED, actor, ip=ip, old=old, new=category, **extra
            )
    return case


def change_subject(case: Case, actor: User, subject: str, *, ip: str | None = None) -> Case:
    """Rename the case; the next reply's subject follows. Only one of two renames wins."""
    subject = normalise_subject(subject)[:300]
    if not subject:
        raise CaseActionError(_("A case needs a subject."))
    if case.merged_into_id is not None:
        raise CaseActionError(_("A merged case cannot change its subject."))
    old = case.subject
    if old == subject:
        return case
    with transaction.atomic():
        changed = Case.objects.filter(pk=case.pk, subject=old).update(
            subject=subject, updated_at=timezone.now()
        )
        if not changed:
            raise CaseActionError(_("The case was changed by someone else meanwhile; reload it."))
        case.subject = subject
        _event(case, CaseEvent.Kind.SUBJECT_CHANGED, actor, ip=ip, old=old, new=subject)
    return case


def merge_cases(source: Case, target: Case, actor: User, *, ip: str | None = None) -> Case:
    """Move everything of `source` onto `target`; `source` stays as a closed pointer."""
    source, target = resolve_case(source), resolve_case(target)
    if source.pk == target.pk:
        raise CaseActionError(_("A case cannot be merged into itself."))
    if source.contact_id and target.contact_id and not same_customer(target, source.contact_id):
        # Each customer's status page shows the answers of their case: a merge would show
        # one customer what was written to another.
        raise CaseActionError(
            _(
                "These cases belong to different customers. If they are the same person, "
                "merge the contacts first; otherwise leave the cases apart."
            )
        )
    with transaction.atomic():
        moved = Message.objects.filter(case=source).update(case=target)
        CaseEvent.objects.filter(case=source).update(case=target)
        Case.objects.filter(merged_into=source).update(merged_into=target)
        Case.objects.filter(pk=source.pk).update(
            merged_into=target, status=Case.Status.CLOSED, closed_at=timezone.now()
        )
        source.merged_into, source.status = target, Case.Status.CLOSED
        latest = max(filter(None, [source.last_message_at, target.last_message_at]), default=None)
        Case.objects.filter(pk=target.pk).update(last_message_at=latest, updated_at=timezone.now())
        target.last_message_at = latest
        if target.contact_id is None and source.contact_id is not None:
            Case.objects.filter(pk=target.pk).update(contact=source.contact_id)
        _event(
            target,
            CaseEvent.Kind.MERGED,
            actor,
            ip=ip,
            merged_reference=source.reference,
            messages_moved=moved,
        )
        _event(source, CaseEvent.Kind.MERGED, actor, ip=ip, into=target.reference)
    return target


def record_view(case: Case, actor: User, *, ip: str | None = None, **what: object) -> None:
    """Audit who looked at a case (or one of its files); not shown on the timeline."""
    _event(case, CaseEvent.Kind.VIEWED, actor, ip=ip, **what)


def record_event(
    case: Case,
    kind: str,
    actor: User | None = None,
    *,
    message: Message | None = None,
    body: str = "",
    ip: str | None = None,
    **data: object,
) -> CaseEvent:
    """Put something another app did on the case's timeline (escalation, customer update, ...)."""
    if kind not in CaseEvent.Kind.values:
        raise CaseActionError(_("Unknown event kind %(kind)s.") % {"kind": repr(kind)})
    # One statement's worth of work: no savepoint needed inside a caller's transaction.
    with transaction.atomic(savepoint=False):
        return _event(case, kind, actor, message=message, body=body, ip=ip, **data)


def renew_status_link(case: Case, *, recipient: str, ip: str | None = None) -> Case:
    """A new secret status link for the case (the old one stops working), for `recipient`."""
    with transaction.atomic():
        token = new_status_token()
        now = timezone.now()
        Case.objects.filter(pk=case.pk).update(status_token=token, status_token_issued_at=now)
        case.status_token, case.status_token_issued_at = token, now
        _event(case, CaseEvent.Kind.STATUS_LINK_SENT, None, ip=ip, recipient=recipient)
    return case


def record_confirmation_sent(message: Message, *, recipient: str, language: str) -> CaseEvent:
    """Note on the timeline that the customer got the automatic receipt for `message`."""
    with transaction.atomic():
        return _event(
            message.case,
            CaseEvent.Kind.CONFIRMATION_SENT,
            message=message,
            recipient=recipient,
            language=language,
        )
