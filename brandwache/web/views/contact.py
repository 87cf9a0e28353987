"""The contact page (identities, the cases the agent may see) and its two forms:
merging another contact into this one, and adding an identity."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from brandwache.audit.actions import record_audit
from brandwache.audit.models import AuditEntry
from brandwache.cases.access import visible_cases
from brandwache.contacts.access import contact_for_user, contacts_with_identity, may_see_contact
from brandwache.contacts.actions import (
    ContactActionError,
    IdentityRef,
    IdentityTakenError,
    add_identity_recorded,
    merge_contacts_recorded,
)
from brandwache.contacts.models import Contact, Identity
from brandwache.web.forms import ContactLookupForm, ContactMergeForm, IdentityForm
from brandwache.web.paging import peek_page
from brandwache.web.views.common import (
    acting_user,
    agent_required,
    client_ip,
    flash_form_errors,
)


def identities_of(contact: Contact) -> list[Identity]:
    return list(contact.identities.order_by("kind", "pk"))


@agent_required
def contact_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contact = contact_for_user(request.user, pk)
    if contact.pk != pk:
        return redirect(contact)  # merged: its identities and cases are there now
    record_audit(
        acting_user(request), AuditEntry.Action.CONTACT_VIEWED, contact, ip=client_ip(request)
    )
    cases = (
        visible_cases(request.user)
        .filter(contact=contact, merged_into__isnull=True)
        .select_related("owner", "team")
        .order_by("-created_at", "-pk")
    )
    can_write = request.user.has_perm("cases.change_case")
    context: dict[str, object] = {
        "contact": contact,
        "identities": identities_of(contact),
        "page": peek_page(cases, request.GET.get("page")),
        "can_write": can_write,
        "nav": "inbox",
    }
    if can_write:
        context |= {"identity_form": IdentityForm(), "lookup_form": ContactLookupForm()}
    return render(request, "web/contact.html", context)


def _writable(request: HttpRequest, pk: int) -> Contact | HttpResponse:
    """The contact to change, or a redirect when it was merged since the page was loaded."""
    contact = contact_for_user(request.user, pk, write=True)
    if contact.pk != pk:
        messages.error(
            request, _("The contact was merged into this one meanwhile; nothing was changed.")
        )
        return redirect(contact)
    return contact


@require_POST
@agent_required
def merge(request: HttpRequest, pk: int) -> HttpResponse:
    """Without `duplicate`: find the other contact and ask to confirm; with it: merge."""
    contact = _writable(request, pk)
    if isinstance(contact, HttpResponse):
        return contact
    if "duplicate" in request.POST:
        return _merge_confirmed(request, contact)
    form = ContactLookupForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect(contact)
    typed = form.cleaned_data["identity"]
    found = contacts_with_identity(request.user, typed)
    candidates = [other for other in found if other.pk != contact.pk]
    if not candidates:
        if found:
            messages.error(request, _("%(value)s belongs to this contact.") % {"value": typed})
        else:
            messages.error(
                request,
                _("No contact has the e-mail address, phone number or handle %(value)s.")
                % {"value": typed},
            )
        return redirect(contact)
    return render(
        request,
        "web/contact_merge.html",
        {
            "contact": contact,
            "identities": identities_of(contact),
            "candidates": [(other, identities_of(other)) for other in candidates],
            "nav": "inbox",
        },
    )


def _merge_confirmed(request: HttpRequest, contact: Contact) -> HttpResponse:
    form = ContactMergeForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect(contact)
    duplicate_id = form.cleaned_data["duplicate"]
    duplicate = contact_for_user(request.user, duplicate_id, write=True)
    name = str(duplicate)
    try:
        if duplicate.pk != duplicate_id:
            raise ContactActionError(
                _("The other contact was merged by someone else meanwhile; reload the page.")
            )
        merged = merge_contacts_recorded(
            contact, duplicate, acting_user(request), ip=client_ip(request)
        )
    except ContactActionError as error:
        messages.error(request, str(error))
        return redirect(contact)
    messages.success(request, _("“%(name)s” was merged into this contact.") % {"name": name})
    return redirect(merged)


@require_POST
@agent_required
def add_identity(request: HttpRequest, pk: int) -> HttpResponse:
    contact = _writable(request, pk)
    if isinstance(contact, HttpResponse):
        return contact
    form = IdentityForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect(contact)
    ref = IdentityRef(form.cleaned_data["kind"], form.cleaned_data["value"])
    try:
        identity = add_identity_recorded(contact, ref, acting_user(request), ip=client_ip(request))
    except IdentityTakenError as error:
        if may_see_contact(request.user, error.owner):
            messages.error(request, str(error))
        else:
            # Naming a contact of another team would show their customer to this agent.
            messages.error(
                request,
                _(
                    "%(value)s belongs to another contact already. If both are the same "
                    "person, a team lead can merge the two."
                )
                % {"value": ref.value.strip()},
            )
        return redirect(contact)
    except ContactActionError as error:
        messages.error(request, str(error))
        return redirect(contact)
    messages.success(
        request,
        _("%(kind)s %(value)s added.")
        % {"kind": identity.get_kind_display(), "value": identity.label or identity.value},
    )
    return redirect(contact)
