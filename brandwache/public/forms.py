"""The public complaint form: what a customer fills in, checked before anything is stored."""

from __future__ import annotations

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from brandwache.cases.categories import category_choices
from brandwache.intake.channels.formpayload import encode_payload
from brandwache.intake.filenames import clean_filename
from brandwache.public.attachments import ACCEPT, CheckedFile, check_content

DESCRIPTION_MAX_CHARS = 20_000
# Room left in the stored payload for the text fields next to the attachments.
PAYLOAD_TEXT_MARGIN_BYTES = 256 * 1024

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_PHONE = re.compile(r"^\+?[\d\s()./-]+$")


def no_control_characters(value: str) -> None:
    if _CONTROL.search(value) or "\n" in value:
        raise ValidationError(_("Please use a single line without special characters."))


def plausible_phone(value: str) -> None:
    if not _PHONE.match(value) or sum(char.isdigit() for char in value) < 6:
        raise ValidationError(_("Please enter a phone number, for example +41 44 123 45 67."))


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that accepts several files and cleans to a list."""

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(**kwargs)  # type: ignore[arg-type]

    def clean(self, data: object, initial: object = None) -> list[UploadedFile]:
        items = data if isinstance(data, list | tuple) else [data]
        single = super().clean
        return [single(item, initial) for item in items if item]


class ComplaintForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        max_length=120,
        validators=[no_control_characters],
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("We send the confirmation and our answer to this address."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone (optional)"),
        max_length=40,
        required=False,
        validators=[plausible_phone],
        help_text=_("Only if you would like us to call you back."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    category = forms.ChoiceField(label=_("Topic (optional)"), required=False)
    subject = forms.CharField(
        label=_("Subject"),
        max_length=200,
        validators=[no_control_characters],
        help_text=_("A few words, for example “Invoice charged twice”."),
    )
    text = forms.CharField(
        label=_("What happened?"),
        max_length=DESCRIPTION_MAX_CHARS,
        help_text=_("Please describe what went wrong and what you expect from us."),
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    attachments = MultipleFileField(label=_("Attachments (optional)"), required=False)
    # Spam trap: hidden from people, filled in by form-filling robots.
    website = forms.CharField(
        label=_("Please leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    # Made when the form is shown, so sending it twice is one complaint.
    submission_id = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("label_suffix", "")  # labels stand above their fields
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["category"].choices = [("", _("Please choose")), *category_choices()]
        self.fields["attachments"].help_text = _(
            "Photos, PDF or text files: up to %(count)d files of at most %(size)s each."
        ) % {
            "count": settings.BRANDWACHE_WEBFORM_MAX_ATTACHMENTS,
            "size": filesizeformat(settings.BRANDWACHE_MAX_ATTACHMENT_BYTES),
        }
        self.fields["submission_id"].error_messages = {
            "required": _("The form was incomplete. Please check your entries and send it again."),
            "invalid": _("The form was incomplete. Please check your entries and send it again."),
        }

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website", "").strip())

    def clean_attachments(self) -> list[CheckedFile]:
        uploads: list[UploadedFile] = self.cleaned_data.get("attachments") or []
        limit = settings.BRANDWACHE_WEBFORM_MAX_ATTACHMENTS
        if len(uploads) > limit:
            raise ValidationError(
                ngettext(
                    "Please attach at most %(count)d file.",
                    "Please attach at most %(count)d files.",
                    limit,
                )
                % {"count": limit}
            )
        errors: list[str] = []
        per_file = settings.BRANDWACHE_MAX_ATTACHMENT_BYTES
        for upload in uploads:
            if upload.size and upload.size > per_file:
                errors.append(
                    _("“%(name)s” is %(size)s; each file may be at most %(limit)s.")
                    % {
                        "name": clean_filename(upload.name or ""),
                        "size": filesizeformat(upload.size),
                        "limit": filesizeformat(per_file),
                    }
                )
        total = sum(upload.size or 0 for upload in uploads)
        total_limit = max(0, settings.BRANDWACHE_MAX_MESSAGE_BYTES - PAYLOAD_TEXT_MARGIN_BYTES)
        total_limit = total_limit * 3 // 4  # attachments are stored base64-encoded
        if not errors and total > total_limit:
            errors.append(
                _("The attachments are %(size)s together; at most %(limit)s are possible.")
                % {"size": filesizeformat(total), "limit": filesizeformat(total_limit)}
            )
        if errors:
            raise ValidationError(errors)
        checked: list[CheckedFile] = []
        for upload in uploads:
            content = b"".join(upload.chunks())
            result = check_content(upload.name or "", content)
            if result is None:
                errors.append(
                    _("“%(name)s” is not a photo, PDF or text file.")
                    % {"name": clean_filename(upload.name or "")}
                )
            else:
                checked.append(result)
        if errors:
            raise ValidationError(errors)
        return checked

    def payload(self, language: str) -> bytes:
        """The submission in the shape the web form channel stores and parses."""
        data = self.cleaned_data
        fields = {name: data[name] for name in ("name", "email", "phone", "subject", "text")}
        fields |= {"category": data["category"], "language": language}
        return encode_payload(fields, data["attachments"])
