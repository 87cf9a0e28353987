from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """The six digits the authenticator app shows right now."""

    otp_token = forms.CharField(
        label=_("Code from the authenticator app"),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
                "size": 8,
            }
        ),
    )

    def clean_otp_token(self) -> str:
        token = "".join(self.cleaned_data["otp_token"].split())
        if len(token) != 6 or not token.isascii() or not token.isdigit():
            raise forms.ValidationError(_("Enter the six digits the app shows."))
        return token


class RemoveForm(forms.Form):
    """Switching two-factor login off asks for the password again."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
