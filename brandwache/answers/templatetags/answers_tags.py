"""The "Suggested answers" panel on the case page: the best articles and text modules for
the latest customer message, each with an Insert button for the reply."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from brandwache.answers import index
from brandwache.answers.models import Article, TextModule
from brandwache.cases.models import Case

register = template.Library()

PREVIEW_CHARS = 180
KINDS = ("article", "module")


def _rows(suggestions: list[index.Suggestion]) -> list[dict[str, object]]:
    """The panel's rows; items deactivated or deleted since the index was built are left out."""
    pks = {kind: [s.item.pk for s in suggestions if s.item.kind == kind] for kind in KINDS}
    articles = dict(
        Article.objects.filter(pk__in=pks["article"], active=True).values_list("pk", "visibility")
    )
    modules = set(
        TextModule.objects.filter(pk__in=pks["module"], active=True).values_list("pk", flat=True)
    )
    existing = {"article": set(articles), "module": modules}
    internal = {pk for pk, visibility in articles.items() if visibility == "internal"}
    rows = []
    for s in suggestions:
        item = s.item
        if item.pk not in existing[item.kind]:
            continue
        rows.append(
            {
                "item": f"{item.kind}:{item.pk}",
                "title": item.title,
                "kind_label": _("Article") if item.kind == "article" else _("Text module"),
                "language": item.language,
                "internal": item.kind == "article" and item.pk in internal,
                "preview": Truncator(" ".join(item.body.split())).chars(PREVIEW_CHARS),
                "score": s.score,
                "score_value": f"{s.score:.4f}",
                "rank": s.rank,
            }
        )
    return rows


@register.inclusion_tag("answers/suggestions.html", takes_context=True)
def suggested_answers(context: dict[str, Any], case: Case) -> dict[str, Any]:
    message = index.latest_customer_message(case)
    suggestions = index.suggest(index.message_text(message)) if message else []
    return {
        "case": case,
        "message": message,
        "suggestions": _rows(suggestions),
        "can_write": context.get("can_write", False),
        "csrf_token": context.get("csrf_token"),
    }
