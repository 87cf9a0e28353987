"""The category list of the public form, from `BRANDWACHE_COMPLAINT_CATEGORIES`.

Each entry is a key (`billing`) or a key with its own label (`rail=Bahnreisen`).
Known keys get a translated label; an unknown key without a label shows as written.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

KNOWN_LABELS: dict[str, str | Promise] = {
    "billing": _("Invoice or payment"),
    "delivery": _("Delivery or waiting time"),
    "product": _("Product or service quality"),
    "service": _("Customer service or staff"),
    "contract": _("Contract or cancellation"),
    "other": _("Something else"),
}


def category_choices() -> list[tuple[str, str | Promise]]:
    choices: list[tuple[str, str | Promise]] = []
    for entry in settings.BRANDWACHE_COMPLAINT_CATEGORIES:
        key, _sep, label = str(entry).partition("=")
        key = key.strip()[:100]
        if key:
            choices.append((key, label.strip() or KNOWN_LABELS.get(key, key)))
    return choices
