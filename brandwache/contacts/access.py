"""Permission-checked access to contacts; views never fetch contacts themselves.

Contacts are shared by all agents: an agent may open any contact, even one whose
cases all belong to other teams, but sees only the cases `visible_cases` allows.
"""

from __future__ import annotations

import operator
from functools import reduce

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from brandwache.cases.access import is_agent
from brandwache.contacts.actions import resolve_contact
from brandwache.contacts.identities import normalise_identity
from brandwache.contacts.models import Contact, Identity

# What an agent may type to name another contact; a postal address is too long to type exactly.
LOOKUP_KINDS = (Identity.Kind.EMAIL, Identity.Kind.PHONE, Identity.Kind.SOCIAL)


def _require_agent(user: AbstractBaseUser | AnonymousUser) -> None:
    if not (is_agent(user) and user.has_perm("contacts.view_contact")):
        raise PermissionDenied


def contact_for_user(
    user: AbstractBaseUser | AnonymousUser, contact_id: int, *, write: bool = False
) -> Contact:
    """The contact with this id, or the one it was merged into; write needs `cases.change_case`.

    Callers compare the returned contact's pk with the id asked for to notice a merged contact.
    """
    _require_agent(user)
    contact = Contact.objects.select_related("merged_into").filter(pk=contact_id).first()
    if contact is None:
        raise Http404("No such contact.")
    if write and not user.has_perm("cases.change_case"):
        raise PermissionDenied
    return resolve_contact(contact)


def contacts_with_identity(user: AbstractBaseUser | AnonymousUser, typed: str) -> list[Contact]:
    """The contacts (merged ones resolved) having an e-mail, phone or handle as typed."""
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
    return sorted(found.values(), key=lambda contact: contact.pk)
