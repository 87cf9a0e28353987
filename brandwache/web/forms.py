"""Forms of the agent interface; each case form feeds exactly one action in `cases.actions`."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.validators import validate_email
from django.db.models import Q, QuerySet
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from brandwache.cases.categories import category_choices, category_label
from brandwache.cases.models import Case, Team
from brandwache.cases.threading import REFERENCE_PATTERN
from brandwache.contacts.identities import normalise_identity
from brandwache.contacts.models import Identity
from brandwache.intake.channels.base import get_channel
from brandwache.intake.subjects import normalise_subject
from brandwache.people import person_name

MANUAL_CHANNELS = ("phone", "letter", "fax")

MAX_TEXT = 100_000


def agent_users() -> QuerySet[AbstractBaseUser]:
    """Active users who hold the agent role (directly, through a group, or as superuser)."""
    perm = {"permissions__codename": "view_case", "permissions__content_type__app_label": "cases"}
    group_perm = {f"groups__{key}": value for key, value in perm.items()}
    user_perm = {f"user_{key}": value for key, value in perm.items()}
    User = get_user_model()
    return (
        User.objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(**group_perm) | Q(**user_perm))
        .distinct()
        .order_by(User.USERNAME_FIELD)
    )


class AgentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: AbstractBaseUser) -> str:  # type: ignore[override]
        return person_name(obj)


class RetryForm(forms.Form):
    message = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Reply to the customer"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    # Shown only after the warning that a reply reads impersonal (see the playbook app).
    send_anyway = forms.BooleanField(label=_("Send anyway"), required=False)


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Internal note"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class AssignForm(forms.Form):
    owner = AgentChoiceField(
        label=_("Owner"), queryset=agent_users(), required=False, empty_label=_("nobody")
    )
    team = forms.ModelChoiceField(
        label=_("Team"), queryset=Team.objects.all(), required=False, empty_label=_("no team")
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Case.Status.choices)


class PriorityForm(forms.Form):
    priority = forms.ChoiceField(label=_("Priority"), choices=Case.Priority.choices)


class SubjectForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=300)

    def clean_subject(self) -> str:
        # A line break typed or pasted in becomes a space; the action does the same.
        subject = normalise_subject(self.cleaned_data["subject"])
        if not subject:
            raise forms.ValidationError(_("A case needs a subject."))
        return subject


class CategoryForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), required=False)

    def __init__(self, *args: object, current: str = "", **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        choices = [("", _("(none)")), *category_choices()]
        # A stored key that is no longer configured stays choosable, so saving keeps it.
        if current and current not in dict(choices):
            choices.append((current, category_label(current)))
        self.fields["category"].choices = choices  # type: ignore[attr-defined]


def clean_reference(value: str) -> str:
    value = value.strip().upper()
    if value and not REFERENCE_PATTERN.fullmatch(value):
        raise forms.ValidationError(
            _("A case reference looks like %(example)s."), params={"example": "BW-2026-00042"}
        )
    return value


class MergeForm(forms.Form):
    target = forms.CharField(
        label=_("Merge this case into"),
        max_length=20,
        widget=forms.TextInput(attrs={"placeholder": "BW-2026-00042"}),
    )

    def clean_target(self) -> str:
        return clean_reference(self.cleaned_data["target"])


class IdentityForm(forms.Form):
    """A further e-mail address, phone number, address or handle for a contact."""

    kind = forms.ChoiceField(label=_("Kind"), choices=Identity.Kind.choices)
    value = forms.CharField(label=_("Value"), max_length=320)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        value = str(data.get("value", ""))
        if data.get("kind") == Identity.Kind.EMAIL and value:
            try:
                validate_email(value)
            except forms.ValidationError:
                self.add_error("value", _("Enter a valid e-mail address."))
        elif data.get("kind") and value and not normalise_identity(str(data["kind"]), value):
            self.add_error("value", _("Enter a phone number with digits."))
        return data


class ContactLookupForm(forms.Form):
    """The other contact of a merge, named by one of its identities."""

    identity = forms.CharField(
        label=_("E-mail address, phone number or handle of the other contact"),
        max_length=320,
    )


class ContactMergeForm(forms.Form):
    """The confirmed merge: the other contact's id, as shown on the confirmation page."""

    duplicate = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


SCAN_SIGNATURES = {
    b"%PDF-": "application/pdf",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
    b"II*\x00": "image/tiff",
    b"MM\x00*": "image/tiff",
    b"GIF87a": "image/gif",
    b"GIF89a": "image/gif",
}


@dataclass(frozen=True)
class Scan:
    filename: str
    content_type: str  # as read from the file's first bytes, never from its name
    content: bytes


def sniff_scan_type(head: bytes) -> str | None:
    """The content type a scan really has, read from its first bytes (never from its name)."""
    for signature, content_type in SCAN_SIGNATURES.items():
        if head.startswith(signature):
            return content_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


class NewEntryForm(forms.Form):
    """A phone call, letter or fax written down by an agent."""

    KINDS = [(key, get_channel(key).label) for key in MANUAL_CHANNELS]

    # A fresh id per form shown: submitting the same form twice records one entry.
    entry_id = forms.UUIDField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("Kind"), choices=KINDS, widget=forms.RadioSelect)
    occurred_at = forms.DateTimeField(
        label=_("Time of the call or letter"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=50, required=False)
    email = forms.EmailField(label=_("E-mail"), max_length=320, required=False)
    postal = forms.CharField(
        label=_("Postal address"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    subject = forms.CharField(label=_("Subject"), max_length=300, required=False)
    text = forms.CharField(
        label=_("What the customer said or wrote"),
        max_length=MAX_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    case_reference = forms.CharField(
        label=_("Existing case (optional)"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "BW-2026-00042"}),
    )
    scan = forms.FileField(
        label=_("Scan (PDF or image, optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/*"}),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if not self.is_bound:
            self.initial.setdefault("entry_id", uuid.uuid4())
            self.initial.setdefault("kind", "phone")
            self.initial.setdefault(
                "occurred_at", timezone.localtime().replace(second=0, microsecond=0)
            )

    def clean_case_reference(self) -> str:
        return clean_reference(self.cleaned_data["case_reference"])

    def clean_subject(self) -> str:
        # One line, like every channel's subject: a line break would break every reply.
        return normalise_subject(self.cleaned_data["subject"])

    def clean_occurred_at(self) -> datetime:
        value = self.cleaned_data["occurred_at"]
        if value > timezone.now() + timedelta(minutes=5):
            raise forms.ValidationError(_("The time lies in the future."))
        return value

    def clean_scan(self) -> Scan | None:
        scan = self.cleaned_data.get("scan")
        if not scan:
            return None
        limit = settings.BRANDWACHE_MAX_ATTACHMENT_BYTES
        if scan.size > limit:
            raise forms.ValidationError(
                _("The scan is %(size)s; at most %(limit)s are accepted."),
                params={"size": filesizeformat(scan.size), "limit": filesizeformat(limit)},
            )
        content = scan.read()
        content_type = sniff_scan_type(content[:16])
        if content_type is None:
            raise forms.ValidationError(_("Only PDF files and images can be attached as a scan."))
        return Scan(filename=scan.name or "scan", content_type=content_type, content=content)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not any(data.get(name) for name in ("phone", "email", "postal")):
            raise forms.ValidationError(
                _("Enter at least one way to reach the customer: phone, e-mail or address.")
            )
        if not data.get("text") and not data.get("scan"):
            raise forms.ValidationError(_("Enter what the customer said, or attach a scan."))
        return data
