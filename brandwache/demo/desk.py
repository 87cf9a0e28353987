"""What a demo scenario can do: receive on any channel and act as the staff would.

Every inbound message goes through the real intake (`ingest`) as the bytes or
JSON its channel receives; every step of the staff goes through the case
actions. Each step is given a moment in the past (see `clock.py`).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Max
from django.utils import timezone

from brandwache.cases import actions, replies
from brandwache.cases.models import Case, Message, Team
from brandwache.demo.clock import happened_at
from brandwache.intake.channels.base import ParsedAttachment
from brandwache.intake.channels.formpayload import encode_payload
from brandwache.intake.pipeline import SAME_ID_AS, ingest

# Fixed, so the same scenario gets the same submission and entry ids on every run.
DEMO_NAMESPACE = uuid.UUID("6f1c3a52-0d9e-4b8e-9a57-3e2b1c7d4f10")
DESK_ADDRESS = "kundendienst@example.ch"
# "Today" in the stories lies between these hours, local time (see `Desk.anchor`).
OFFICE_OPENS = 10
OFFICE_CLOSES = time(19, 30)


class AlreadyLoaded(Exception):
    """The scenario's messages are in the database already; it is skipped."""


class DemoError(RuntimeError):
    """A demo message did not go through intake; the demo data is out of date."""


def email_bytes(
    *,
    sender: tuple[str, str],
    subject: str,
    text: str,
    when: datetime,
    message_id: str,
    reply_to: Message | None = None,
    attachments: Sequence[ParsedAttachment] = (),
) -> bytes:
    """An RFC 5322 message as a mail client would send it to the desk."""
    mail = EmailMessage(policy=SMTP)
    name, address = sender
    user, domain = address.split("@")
    mail["From"] = Address(display_name=name, username=user, domain=domain)
    mail["To"] = Address(display_name="Kundendienst", addr_spec=DESK_ADDRESS)
    mail["Subject"] = subject
    mail["Date"] = format_datetime(when)
    mail["Message-ID"] = f"<{message_id}>"
    if reply_to is not None:
        mail["In-Reply-To"] = f"<{reply_to.message_id}>"
        thread = [*reply_to.references.split(), reply_to.message_id]
        mail["References"] = " ".join(f"<{ref}>" for ref in thread)
    mail.set_content(text)
    for item in attachments:
        maintype, subtype = item.content_type.split("/")
        mail.add_attachment(
            item.content, maintype=maintype, subtype=subtype, filename=item.filename
        )
    return mail.as_bytes()


def quoted(message: Message, author: str) -> str:
    """The way a mail client quotes a message below the answer."""
    sent = timezone.localtime(message.sent_at)
    lines = [f"> {line}" if line else ">" for line in message.text.splitlines()]
    return f"Am {sent:%d.%m.%Y} um {sent:%H:%M} schrieb {author}:\n" + "\n".join(lines)


@dataclass
class Desk:
    now: datetime
    staff: dict[str, AbstractBaseUser]
    teams: dict[str, Team]
    # Cases the running scenario touched; their clocks are settled at its end.
    touched: set[int] = field(default_factory=set)

    # -- when -----------------------------------------------------------------
    @property
    def anchor(self) -> datetime:
        """The latest office-hours moment up to now: "today" in the stories.

        Loaded at night, the newest messages would otherwise arrive at 3 a.m.
        """
        local = timezone.localtime(self.now)
        if local.hour < OFFICE_OPENS:
            previous = local.date() - timedelta(days=1)
            return datetime.combine(previous, OFFICE_CLOSES, tzinfo=local.tzinfo)
        closing = datetime.combine(local.date(), OFFICE_CLOSES, tzinfo=local.tzinfo)
        return min(local, closing)

    def day(self, days_ago: int, clock: str) -> datetime:
        """`clock` local time, `days_ago` days before "today" (never in the future)."""
        anchor = self.anchor
        hour, minute = (int(part) for part in clock.split(":"))
        moment = datetime.combine(
            anchor.date() - timedelta(days=days_ago), time(hour, minute), tzinfo=anchor.tzinfo
        )
        return min(moment, anchor - timedelta(minutes=1))

    def ago(self, *, hours: int = 0, minutes: int = 0) -> datetime:
        return self.anchor - timedelta(hours=hours, minutes=minutes)

    # -- inbound --------------------------------------------------------------
    def _ingest(
        self,
        channel: str,
        payload: bytes,
        when: datetime,
        metadata: dict[str, object] | None = None,
        actor: AbstractBaseUser | None = None,
    ) -> Message:
        with happened_at(when):
            result = ingest(channel, payload, metadata=metadata, actor=actor)
        # A story told again on another day has other dates in its mails: the same
        # Message-ID with other content, which intake keeps aside. Both mean "loaded".
        if not result.created or SAME_ID_AS in result.raw.metadata:
            raise AlreadyLoaded(str(result.raw))
        if result.message is None:
            raise DemoError(f"{result.raw}: {result.error}")
        self.touched.add(result.message.case_id)
        return Message.objects.select_related("case").get(pk=result.message.pk)

    def email(
        self,
        key: str,
        *,
        sender: tuple[str, str],
        subject: str,
        text: str,
        when: datetime,
        reply_to: Message | None = None,
        attachments: Sequence[ParsedAttachment] = (),
    ) -> Message:
        domain = sender[1].split("@")[1]
        payload = email_bytes(
            sender=sender,
            subject=subject,
            text=text,
            when=when,
            message_id=f"{key}.demo@mail.{domain}",
            reply_to=reply_to,
            attachments=attachments,
        )
        return self._ingest("email", payload, when)

    def webform(
        self,
        key: str,
        *,
        when: datetime,
        name: str,
        email: str,
        subject: str,
        text: str,
        category: str,
        phone: str = "",
        language: str = "de",
        attachments: Sequence[ParsedAttachment] = (),
    ) -> Message:
        """A submission of the public complaint form, in the form's own JSON shape."""
        data = {
            "name": name,
            "email": email,
            "phone": phone,
            "subject": subject,
            "text": text,
            "category": category,
            "language": language,
        }
        payload = encode_payload(data, attachments)
        submission = str(uuid.uuid5(DEMO_NAMESPACE, f"webform:{key}"))
        metadata = {"submission_id": submission, "ip": "198.51.100.23"}
        return self._ingest("webform", payload, when, metadata)

    def entry(
        self,
        channel: str,
        key: str,
        *,
        when: datetime,
        agent: str,
        name: str,
        text: str,
        subject: str = "",
        phone: str = "",
        email: str = "",
        postal: str = "",
        category: str = "",
        case: Case | None = None,
        attachments: Sequence[ParsedAttachment] = (),
    ) -> Message:
        """A phone call, letter or fax as an agent records it on the new-entry page."""
        data = {
            "name": name,
            "email": email,
            "phone": phone,
            "postal": postal,
            "subject": subject,
            "text": text,
            "occurred_at": when.isoformat(),
            "case_reference": case.reference if case else "",
            "category": category,
        }
        payload = encode_payload(data, attachments)
        user = self.staff[agent]
        metadata = {
            "entry_id": str(uuid.uuid5(DEMO_NAMESPACE, f"{channel}:{key}")),
            "user": user.get_username(),
            "ip": "192.0.2.10",
        }
        return self._ingest(channel, payload, when, metadata, actor=user)

    # -- what the staff do ----------------------------------------------------
    def _fresh(self, case: Case) -> Case:
        self.touched.add(case.pk)
        return Case.objects.get(pk=case.pk)

    def reply(self, case: Case, agent: str, text: str, when: datetime) -> Message:
        with happened_at(when):
            message = replies.record_reply(self._fresh(case), self.staff[agent], text)
            # Demo only: the reply counts as sent, so no mail goes to invented addresses;
            # the delivery task queued on commit then finds nothing left to send.
            Message.objects.filter(pk=message.pk).update(delivery=Message.Delivery.SENT)
        return Message.objects.get(pk=message.pk)

    def note(self, case: Case, who: str, text: str, when: datetime) -> None:
        with happened_at(when):
            actions.add_note(self._fresh(case), self.staff[who], text)

    def assign(
        self,
        case: Case,
        who: str,
        when: datetime,
        *,
        owner: str | None = None,
        team: str | None = None,
    ) -> None:
        with happened_at(when):
            actions.assign_case(
                self._fresh(case),
                self.staff[who],
                owner=self.staff[owner] if owner else None,
                team=self.teams[team] if team else None,
            )

    def status(self, case: Case, who: str, status: str, when: datetime) -> None:
        with happened_at(when):
            actions.change_status(self._fresh(case), self.staff[who], status)

    def priority(self, case: Case, who: str, priority: str, when: datetime) -> None:
        with happened_at(when):
            actions.change_priority(self._fresh(case), self.staff[who], priority)

    def merge(self, source: Case, target: Case, who: str, when: datetime) -> Case:
        with happened_at(when):
            return actions.merge_cases(self._fresh(source), self._fresh(target), self.staff[who])

    def categorise(self, case: Case, category: str) -> None:
        """The category triage would set on a case, right after the message came in."""
        case = self._fresh(case)
        # Not `last_message_at`: a mail's Date header has whole seconds, and the category
        # must not seem to be set before the message that gave it was received.
        latest = case.events.aggregate(at=Max("created_at"))["at"]
        with happened_at(latest or case.created_at):
            actions.change_category(case, None, category)
