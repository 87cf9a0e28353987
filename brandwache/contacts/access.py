"""Permission-checked access to contacts; views never fetch contacts themselves.

A contact is visible to an agent when one of the cases `visible_cases` allows
is the contact's case or holds a message of the contact; team leads and
superusers (`cases.view_all_cases`) see every contact. A contact merged into a
visible one is visible too (its address redirects there). Any other contact is
"not found", exactly like one that does not exist, so its existence is not
revealed.
"""

from __future__ import annotations

import operator
from functools import reduce

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from brandwache.cases.access import is_agent, sees_all_cases, visible_cases
from brandwache.cases.models import Message
from brandwache.contacts.actions import resolve_contact
from brandwache.contacts.identities import normalise_identity
from brandwache.contacts.models import Contact, Identity

# What an agent may type to name another contact; a postal address is too long to type exactly.
LOOKUP_KINDS = (Identity.Kind.EMAIL, Identity.Kind.PHONE, Identity.Kind.SOCIAL)


def _require_agent(user: AbstractBaseUser | AnonymousUser) -> None:
    if not may_open_contacts(user):
        raise PermissionDenied


def may_open_contacts(user: AbstractBaseUser | AnonymousUser) -> bool:
    return is_agent(user) and user.has_perm("contacts.view_contact")


def visible_contacts(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Contact]:
    """The contacts this user may see: the case scoping rule applied to contacts."""
    if not may_open_contacts(user):
        return Contact.objects.none()
    if sees_all_cases(user):
        return Contact.objects.all()
    cases = visible_cases(user)
    on_visible_cases = Q(pk__in=cases.values("contact")) | Q(
        pk__in=Message.objects.filter(case__in=cases).values("contact")
    )
    return Contact.objects.filter(
        on_visible_cases | Q(merged_into__in=Contact.objects.filter(on_visible_cases))
    )


def may_see_contact(user: AbstractBaseUser | AnonymousUser, contact: Contact) -> bool:
    return visible_contacts(user).filter(pk=contact.pk).exists()


def contact_for_user(
    user: AbstractBaseUser | AnonymousUser, contact_id: int, *, write: bool = False
) -> Contact:
    """The contact with this id, or the one it was merged into; write needs `cases.change_case`.

    A contact the user may not see is not found (404), never forbidden: a 403 would confirm
    that it exists. Callers compare the returned contact's pk with the id asked for to notice
    a merged contact.
    """
    _require_agent(user)
    contact = Contact.objects.select_related("merged_into").filter(pk=contact_id).first()
    if contact is None:
        raise Http404("No such contact.")
    contact = resolve_contact(contact)
    if not may_see_contact(user, contact):
        raise Http404("No such contact.")
    if write and not user.has_perm("cases.change_case"):
        raise PermissionDenied
    return contact


def contacts_with_identity(user: AbstractBaseUser | AnonymousUser, typed: str) -> list[Contact]:
    """The visible contacts (merged ones resolved) having an e-mail, phone or handle as typed."""
    _require_agent(user)
    wanted = [(kind, normalise_identity(kind, typed)) for kind in LOOKUP_KINDS]
    matches = [Q(kind=kind, value=value) for kind, value in wanted if value]
    if not matches:
        return []
    identities = Identity.objects.filter(reduce(operator.or_, matches)).select_related("contact")
    found: dict[int, Contact] = {}
    for identity in identities:
        contact = resolve_contact(identity.contact)
        found.setdefault(contact.pk, contact)
    visible = set(visible_contacts(user).filter(pk__in=found).values_list("pk", flat=True))
    return sorted((c for pk, c in found.items() if pk in visible), key=lambda c: c.pk)
