"""Filling in an update text for one case, in the customer's language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from brandwache.cases.models import Case
from brandwache.people import person_name
from brandwache.placeholders import render
from brandwache.public.tasks import customer_language, status_url
from brandwache.updates.models import UpdateTemplate


@dataclass(frozen=True)
class Composed:
    subject: str
    body: str
    language: str


def template_for(moment: str, language: str) -> UpdateTemplate | None:
    """The active text in the customer's language, else the German one."""
    found = {
        template.language: template
        for template in UpdateTemplate.objects.filter(
            moment=moment, active=True, language__in={language, settings.LANGUAGE_CODE}
        )
    }
    return found.get(language) or found.get(settings.LANGUAGE_CODE)


def variables(case: Case, language: str, now: datetime | None = None) -> dict[str, str]:
    """Every placeholder of `models.VARIABLES`, worded in `language`."""
    name = case.contact.display_name.strip() if case.contact else ""
    with translation.override(language):
        greeting = gettext("Hello %(name)s") % {"name": name} if name else gettext("Hello")
        agent = person_name(case.owner) or gettext("Your customer service")
        date = formats.date_format(timezone.localdate(now or timezone.now()), "DATE_FORMAT")
        subject = case.subject or gettext("your message")
    return {
        "greeting": greeting,
        "contact_name": name,
        "case_reference": case.reference,
        "case_subject": subject,
        "agent_name": agent,
        "status_url": status_url(case),
        "organisation": settings.BRANDWACHE_ORGANISATION_NAME,
        "date": date,
    }


def compose(template: UpdateTemplate, case: Case, now: datetime | None = None) -> Composed:
    language = customer_language(template.language)
    values = variables(case, language, now)
    subject = " ".join(render(template.subject, values).split())
    if case.reference not in subject:
        subject = f"{subject} [{case.reference}]".strip()  # the customer's answer finds the case
    return Composed(subject=subject, body=render(template.body, values).strip(), language=language)
