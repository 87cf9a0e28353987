"""Every write to contacts goes through these functions."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction

from brandwache.contacts.identities import normalise_identity
from brandwache.contacts.models import Contact, Identity


@dataclass(frozen=True)
class IdentityRef:
    """An identity as a channel saw it: kind, value as written, and a name if known."""

    kind: str
    value: str
    name: str = ""


def resolve_contact(contact: Contact) -> Contact:
    while contact.merged_into_id is not None:
        contact = contact.merged_into  # type: ignore[assignment]
    return contact


def find_or_create_contact(ref: IdentityRef) -> tuple[Contact, Identity]:
    """The contact behind an identity, created on first sight."""
    value = normalise_identity(ref.kind, ref.value)
    if not value:
        raise ValueError("an identity needs a value")
    identity = Identity.objects.select_related("contact").filter(kind=ref.kind, value=value).first()
    if identity is None:
        try:
            with transaction.atomic():
                contact = Contact.objects.create(display_name=ref.name[:200])
                identity = Identity.objects.create(
                    contact=contact, kind=ref.kind, value=value, label=ref.value[:320]
                )
        except IntegrityError:
            # Another process created the same identity a moment ago.
            identity = Identity.objects.select_related("contact").get(kind=ref.kind, value=value)
    contact = resolve_contact(identity.contact)
    if ref.name and not contact.display_name:
        Contact.objects.filter(pk=contact.pk, display_name="").update(display_name=ref.name[:200])
        contact.display_name = ref.name[:200]
    return contact, identity


def add_identity(contact: Contact, ref: IdentityRef) -> Identity:
    value = normalise_identity(ref.kind, ref.value)
    identity, _created = Identity.objects.get_or_create(
        kind=ref.kind, value=value, defaults={"contact": contact, "label": ref.value[:320]}
    )
    return identity


@transaction.atomic
def merge_contacts(primary: Contact, duplicate: Contact) -> Contact:
    """Move the duplicate's identities to the primary; the duplicate points to it."""
    primary = resolve_contact(primary)
    duplicate = resolve_contact(duplicate)
    if primary.pk == duplicate.pk:
        return primary
    Identity.objects.filter(contact=duplicate).update(contact=primary)
    Contact.objects.filter(merged_into=duplicate).update(merged_into=primary)
    duplicate.merged_into = primary
    duplicate.save(update_fields=["merged_into", "updated_at"])
    if not primary.display_name and duplicate.display_name:
        primary.display_name = duplicate.display_name
        primary.save(update_fields=["display_name", "updated_at"])
    from brandwache.cases.models import Case, Message

    Case.objects.filter(contact=duplicate).update(contact=primary)
    Message.objects.filter(contact=duplicate).update(contact=primary)
    return primary
