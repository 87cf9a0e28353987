"""Every write to contacts goes through these functions."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from brandwache.contacts.identities import normalise_identity
from brandwache.contacts.models import Contact, Identity


class ContactActionError(Exception):
    """A change to a contact that cannot be carried out as asked; the message says why."""


class IdentityTakenError(ContactActionError):
    """The identity belongs to another contact, `owner`; the message names that contact, so
    a view shows it only to someone who may see that contact."""

    def __init__(self, message: str, owner: Contact) -> None:
        super().__init__(message)
        self.owner = owner


MERGED_MEANWHILE = gettext_noop(
    "The contact was merged by someone else meanwhile; reload the page."
)


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


def merge_contacts_recorded(
    primary: Contact, duplicate: Contact, actor: AbstractBaseUser | None, *, ip: str | None = None
) -> Contact:
    """`merge_contacts` done by an agent: each case of both contacts records who merged what."""
    from brandwache.cases.models import Case, CaseEvent

    if primary.pk == duplicate.pk:
        raise ContactActionError(_("A contact cannot be merged into itself."))
    with transaction.atomic():
        # Locked and read again: two agents merging the same pair in opposite directions
        # must not leave two contacts pointing at each other.
        pks = sorted([primary.pk, duplicate.pk])
        locked = {c.pk: c for c in Contact.objects.select_for_update().filter(pk__in=pks)}
        primary, duplicate = locked[primary.pk], locked[duplicate.pk]
        if primary.merged_into_id is not None or duplicate.merged_into_id is not None:
            raise ContactActionError(_(MERGED_MEANWHILE))
        # Named before the merge: afterwards the duplicate has no identities left to name it by.
        data = {
            "contact": primary.pk,
            "contact_name": str(primary),
            "merged_contact": duplicate.pk,
            "merged_name": str(duplicate),
        }
        merged = merge_contacts(primary, duplicate)
        case_ids = Case.objects.filter(contact=merged).values_list("pk", flat=True)
        CaseEvent.objects.bulk_create(
            CaseEvent(
                case_id=case_id,
                kind=CaseEvent.Kind.CONTACT_MERGED,
                actor=actor,
                data=data,
                ip_address=ip,
            )
            for case_id in case_ids
        )
    return merged


def add_identity_recorded(
    contact: Contact, ref: IdentityRef, actor: AbstractBaseUser | None, *, ip: str | None = None
) -> Identity:
    """An identity an agent typed in; refused when some contact has it already."""
    from brandwache.cases.models import Case, CaseEvent

    if ref.kind not in Identity.Kind.values:
        raise ContactActionError(_("Unknown kind of contact detail."))
    value = normalise_identity(ref.kind, ref.value)
    if not value:
        raise ContactActionError(_("The contact detail is empty."))
    with transaction.atomic():
        contact = Contact.objects.select_for_update().get(pk=contact.pk)
        if contact.merged_into_id is not None:
            raise ContactActionError(_(MERGED_MEANWHILE))
        existing = Identity.objects.select_related("contact").filter(kind=ref.kind, value=value)
        taken = existing.first()
        # add_identity hands back the other contact's identity if one was created meanwhile.
        identity = taken or add_identity(contact, ref)
        owner = resolve_contact(identity.contact)
        if owner.pk != contact.pk:
            raise IdentityTakenError(
                _(
                    "%(value)s belongs to the contact “%(name)s” already. If both are the same "
                    "person, merge that contact into this one."
                )
                % {"value": ref.value.strip(), "name": owner},
                owner,
            )
        if taken is not None:
            raise ContactActionError(
                _("This contact has %(value)s already.") % {"value": ref.value.strip()}
            )
        CaseEvent.objects.bulk_create(
            CaseEvent(
                case_id=case_id,
                kind=CaseEvent.Kind.IDENTITY_ADDED,
                actor=actor,
                data={"kind": identity.kind, "value": identity.label or identity.value},
                ip_address=ip,
            )
            for case_id in Case.objects.filter(contact=contact).values_list("pk", flat=True)
        )
    return identity
