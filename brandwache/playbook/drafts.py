"""The playbook's verdict on one reply draft of one case: what the panel, the reply form and
the reviews of sent replies all show."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import gettext as _

from brandwache.cases.models import Case, Message
from brandwache.playbook.complaints import ComplaintStatus, complaint_status
from brandwache.playbook.detectors import Finding, PersonalCheck, check_personal, check_playbook
from brandwache.playbook.standards import standard_texts


@dataclass(frozen=True)
class DraftReport:
    text: str
    complaint: ComplaintStatus
    playbook: dict[str, Finding]
    personal: PersonalCheck
    contact_name: str

    @property
    def is_empty(self) -> bool:
        return not self.text.strip()

    def warnings(self) -> list[str]:
        """Why the reply reads impersonal, in words for the agent; empty when it is personal."""
        if self.is_empty or not self.personal.impersonal:
            return []
        if self.personal.standard.found:
            return [
                _(
                    "This reply is a standard text sent unchanged (“%(text)s”). Adapt it to "
                    "what the customer wrote."
                )
                % {"text": self.personal.standard.evidence}
            ]
        if self.contact_name:
            first = _("It does not greet %(name)s by name.") % {"name": self.contact_name}
        else:
            first = _("It does not greet the customer by name.")
        return [
            first,
            _(
                "It takes up nothing the customer wrote: no amount, date, product or detail "
                "of their message."
            ),
        ]

    def as_dict(self) -> dict[str, object]:
        return {
            "complaint": self.complaint.is_complaint,
            "playbook": {name: found.as_dict() for name, found in self.playbook.items()},
            "personal": self.personal.as_dict(),
            "warnings": self.warnings(),
        }


def latest_customer_message(case: Case, before: Message | None = None) -> Message | None:
    messages = case.messages.filter(direction=Message.Direction.INBOUND)
    if before is not None:
        messages = messages.filter(pk__lt=before.pk)
    return messages.order_by("-created_at", "-pk").first()


def customer_text(case: Case, before: Message | None = None) -> str:
    message = latest_customer_message(case, before)
    if message is None:
        return ""
    return "\n".join(part for part in (message.subject, message.text) if part)


def contact_name(case: Case) -> str:
    return case.contact.display_name if case.contact else ""


def check_draft(
    case: Case,
    text: str,
    user: AbstractBaseUser | None,
    *,
    before: Message | None = None,
    complaint: ComplaintStatus | None = None,
) -> DraftReport:
    """All checks of a draft; `before` is the sent reply when a sent one is reviewed."""
    name = contact_name(case)
    return DraftReport(
        text=text,
        complaint=complaint or complaint_status(case),
        playbook=check_playbook(text),
        personal=check_personal(
            text,
            name=name,
            customer_text=customer_text(case, before),
            standard_texts=standard_texts(case, user),
        ),
        contact_name=name,
    )


def hold_back(case: Case, text: str, user: AbstractBaseUser | None) -> DraftReport | None:
    """The report of a reply to hold back with a warning, or None to send it.

    A case whose contact has no e-mail address is not held: the reply action refuses it
    with its own reason.
    """
    if not (case.contact and case.contact.primary_email()):
        return None
    report = check_draft(case, text, user)
    return report if report.warnings() else None
