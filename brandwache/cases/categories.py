"""The case categories, one list for the public form and the agents, from `BRANDWACHE_CATEGORIES`.

Each entry is a key (`billing`) or a key with its own label (`rail=Bahnreisen`).
Known keys get a translated label; an unknown key without a label shows as written,
and so does a stored key that is no longer configured.
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
    """The configured categories as (key, label), in the configured order."""
    choices: list[tuple[str, str | Promise]] = []
    seen: set[str] = set()
    for entry in settings.BRANDWACHE_CATEGORIES:
        key, _sep, label = str(entry).partition("=")
        key = key.strip()[:100]
        if key and key not in seen:
            seen.add(key)
            choices.append((key, label.strip() or KNOWN_LABELS.get(key, key)))
    return choices


def category_label(key: str) -> str:
    """The label of a stored category key; a key nobody configured is shown as it is."""
    if not key:
        return ""
    for choice, label in category_choices():
        if choice == key:
            return str(label)
    return str(KNOWN_LABELS.get(key, key))
