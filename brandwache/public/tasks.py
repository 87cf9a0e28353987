"""The receipt a customer gets by e-mail after sending the public form."""

from __future__ import annotations

import logging
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMessage
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from brandwache.cases.actions import record_confirmation_sent
from brandwache.cases.models import Case, CaseEvent, Message
from brandwache.cases.threading import resolve_case

log = logging.getLogger(__name__)


def customer_language(language: str) -> str:
    known = {code for code, _name in settings.LANGUAGES}
    return language if language in known else settings.LANGUAGE_CODE


def status_url(case: Case) -> str:
    """The case's status link as it goes into a mail to the customer: from now on it works
    for another STATUS_LINK_DAYS (its lifetime counts from the last time it was mailed)."""
    now = timezone.now()
    Case.objects.filter(pk=case.pk).update(status_token_issued_at=now)
    case.status_token_issued_at = now
    path = reverse("public:status", args=[case.status_token])
    return settings.BRANDWACHE_SITE_URL.rstrip("/") + path


def build_confirmation(message: Message, case: Case, language: str) -> EmailMessage:
    language = customer_language(language)
    context = {
        "name": message.contact.display_name if message.contact else "",
        "reference": case.reference,
        "status_url": status_url(case),
    }
    with translation.override(language):
        subject = gettext("Your complaint has been received [%(reference)s]") % context
        body = render_to_string(
            [f"public/email/confirmation.{language}.txt", "public/email/confirmation.de.txt"],
            context,
        )
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.sender],
        headers={
            "Message-ID": make_msgid(
                idstring=case.reference, domain=settings.BRANDWACHE_MESSAGE_ID_DOMAIN
            ),
            # RFC 3834: tells the customer's mail program not to answer automatically.
            "Auto-Submitted": "auto-replied",
        },
    )


@task()
def send_confirmation(message_id: int, language: str) -> str:
    """Mail the receipt for one inbound web form message, once."""
    message = Message.objects.select_related("case", "contact").filter(pk=message_id).first()
    if message is None or not message.sender:
        return "nothing to confirm"
    sent = CaseEvent.objects.filter(kind=CaseEvent.Kind.CONFIRMATION_SENT, message=message)
    if sent.exists():
        return "already sent"
    case = resolve_case(message.case)
    build_confirmation(message, case, language).send(fail_silently=False)
    record_confirmation_sent(
        message, recipient=message.sender, language=customer_language(language)
    )
    log.info("receipt for %s sent", case.reference)
    return "sent"


@task()
def send_status_link(case_id: int, recipient: str, language: str) -> str:
    """Mail a renewed status link to an address of the case's customer."""
    case = Case.objects.filter(pk=case_id).first()
    if case is None:
        return "no such case"
    language = customer_language(language)
    context = {"reference": case.reference, "status_url": status_url(case)}
    with translation.override(language):
        subject = gettext("Your new status link [%(reference)s]") % context
        body = render_to_string(
            [f"public/email/status_link.{language}.txt", "public/email/status_link.de.txt"],
            context,
        )
    EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient],
        headers={
            "Message-ID": make_msgid(
                idstring=case.reference, domain=settings.BRANDWACHE_MESSAGE_ID_DOMAIN
            ),
            "Auto-Submitted": "auto-replied",
        },
    ).send(fail_silently=False)
    return "sent"
