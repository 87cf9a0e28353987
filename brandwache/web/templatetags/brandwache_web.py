"""Small display helpers for the agent templates; all return plain text (autoescaped)."""

from __future__ import annotations

import html

from django import template
from django.contrib.auth.models import AbstractBaseUser
from django.utils.html import strip_tags

from brandwache.cases import categories
from brandwache.cases.models import Case, CaseEvent
from brandwache.contacts.models import Contact
from brandwache.people import person_name
from brandwache.statuslinks import hide_status_links
from brandwache.web import timeline

register = template.Library()


@register.filter
def channel_label(key: str) -> str:
    return timeline.channel_label(key)


@register.filter
def status_label(value: str) -> str:
    return timeline.choice_label(Case.Status, value)


@register.filter
def priority_label(value: str) -> str:
    return timeline.choice_label(Case.Priority, value)


@register.filter
def category_label(key: str) -> str:
    return categories.category_label(key)


@register.filter
def contact_label(contact: Contact | None) -> str:
    """The contact's name, else its first identity; identities must be prefetched."""
    if contact is None:
        return ""
    if contact.display_name:
        return contact.display_name
    identities = sorted(contact.identities.all(), key=lambda identity: identity.pk)
    return identities[0].label or identities[0].value if identities else f"#{contact.pk}"


@register.filter
def person(user: AbstractBaseUser | None) -> str:
    return person_name(user) if user is not None else ""


@register.filter
def describe(event: CaseEvent) -> str:
    return timeline.describe(event)


@register.filter
def shows_message(event: CaseEvent) -> bool:
    return timeline.shows_message(event)


@register.filter
def skipped_attachments(event: CaseEvent) -> list[dict[str, object]]:
    return timeline.skipped_attachments(event)


@register.filter
def unverified_identities(event: CaseEvent) -> list[str]:
    return timeline.unverified_identities(event)


@register.filter
def html_as_text(value: str) -> str:
    """Sanitised HTML reduced to its text; the template escapes it again on output."""
    return html.unescape(strip_tags(value))


@register.filter
def without_status_links(value: str) -> str:
    """A message text with the customer's status link shortened (see `statuslinks`)."""
    return hide_status_links(value)
