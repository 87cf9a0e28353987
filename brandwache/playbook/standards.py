"""The standard texts a reply is compared with, as the customer would read them.

Providers are functions `(case, user) -> texts`. The built-in one reads the knowledge base
(`brandwache.answers`, when installed): every active text module and every article or module
an agent inserted on this case, rendered with the case's placeholders. Another source (a
mail-merge tool, a CRM's templates) registers its own provider with `register`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from django.apps import apps
from django.contrib.auth.models import AbstractBaseUser

from brandwache.cases.models import Case

log = logging.getLogger(__name__)

type Provider = Callable[[Case, AbstractBaseUser | None], Iterable[str]]

_providers: list[Provider] = []

# Enough for any real set of text modules; keeps a check fast on a huge import.
MAX_MODULES = 500


def register(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def unregister(provider: Provider) -> None:
    if provider in _providers:
        _providers.remove(provider)


def knowledge_base_texts(case: Case, user: AbstractBaseUser | None) -> list[str]:
    """Text modules and the articles chosen on this case, placeholders filled in."""
    if user is None or not apps.is_installed("brandwache.answers"):
        return []
    from brandwache.answers.models import SuggestionChoice, TextModule
    from brandwache.answers.variables import reply_text, text_variables
    from brandwache.placeholders import PlaceholderError

    items: dict[str, object] = {}
    for choice in SuggestionChoice.objects.filter(case=case).select_related("article", "module"):
        item = choice.article or choice.module
        items[choice.item_key] = item
    for module in TextModule.objects.filter(active=True).order_by("pk")[:MAX_MODULES]:
        items.setdefault(f"module:{module.pk}", module)
    variables: dict[str, dict[str, str]] = {}
    texts = []
    for item in items.values():
        language = str(getattr(item, "language", "de"))
        if language not in variables:
            variables[language] = text_variables(case, user, language)
        try:
            texts.append(reply_text(item, variables[language]))  # type: ignore[arg-type]
        except PlaceholderError:
            continue  # a module with a broken placeholder cannot have been sent unchanged
    return texts


register(knowledge_base_texts)


def standard_texts(case: Case, user: AbstractBaseUser | None) -> list[str]:
    """Every provider's texts. A failing provider is logged and skipped: the comparison is
    advice, and a broken text source must not stop agents from answering."""
    texts: list[str] = []
    for provider in _providers:
        try:
            texts.extend(provider(case, user))
        except Exception:
            log.exception("Standard texts from %s failed; compared without them.", provider)
    return texts
