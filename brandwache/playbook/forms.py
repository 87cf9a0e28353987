"""Forms of the playbook panel."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from brandwache.playbook.models import GoodwillGesture

MAX_DRAFT = 100_000


class DraftForm(forms.Form):
    """The reply draft sent for checking while the agent types."""

    text = forms.CharField(max_length=MAX_DRAFT, required=False, strip=False)


class GestureForm(forms.Form):
    kind = forms.ChoiceField(label=_("Gesture"), choices=GoodwillGesture.Kind.choices)
    value = forms.DecimalField(
        label=_("Value (optional)"),
        required=False,
        min_value=Decimal(0),
        max_digits=9,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.05", "inputmode": "decimal"}),
    )
    currency = forms.ChoiceField(
        label=_("Currency"), choices=GoodwillGesture.Currency.choices, initial="CHF"
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        max_length=500,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. flowers sent with a card")}),
    )


class ComplaintMarkForm(forms.Form):
    is_complaint = forms.TypedChoiceField(
        choices=[("yes", _("complaint")), ("no", _("no complaint"))],
        coerce=lambda value: value == "yes",
    )
