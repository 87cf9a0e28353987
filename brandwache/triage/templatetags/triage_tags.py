"""The triage panel on the case page: what the analysis found in the latest customer message."""

from __future__ import annotations

from typing import Any

from django import template

from brandwache.cases.categories import category_label
from brandwache.cases.models import Case
from brandwache.triage.corrections import allowed_values, effective_labels, urgency_set
from brandwache.triage.models import LABEL_NAMES, URGENCY_KINDS, VALUE_NAMES, Triage

register = template.Library()


def value_name(label: str, value: str) -> str:
    if label == "category":
        return category_label(value) or "–"
    if label == "language":
        return value.upper() if value and value != "und" else "?"
    return str(VALUE_NAMES.get(value, value)) if value else "–"


@register.inclusion_tag("triage/case_panel.html", takes_context=True)
def triage_panel(context: dict[str, Any], case: Case) -> dict[str, Any]:
    triage = (
        Triage.objects.filter(case=case)
        .select_related("message")
        .prefetch_related("corrections")
        .order_by("-created_at", "-pk")
        .first()
    )
    rows = []
    urgency_form = None
    if triage is not None:
        current = effective_labels(triage)
        for label in ("relevance", "sentiment", "kind", "category"):
            predicted, confidence = triage.label(label)
            rows.append(
                {
                    "label": label,
                    "name": LABEL_NAMES[label],
                    "value": current[label],
                    "shown": value_name(label, current[label]),
                    "corrected": current[label] != predicted
                    or any(c.label == label for c in triage.corrections.all()),
                    "confidence": round(confidence * 100),
                    "choices": [(v, value_name(label, v)) for v in allowed_values(label)],
                }
            )
        # The signals as they stand, one checkbox each: ticking and unticking corrects the set.
        signals = urgency_set(current["urgency"])
        urgency_form = {
            "name": LABEL_NAMES["urgency"],
            "corrected": any(c.label == "urgency" for c in triage.corrections.all()),
            "choices": [(k, VALUE_NAMES[k], k in signals) for k in URGENCY_KINDS],
        }
    return {
        "triage": triage,
        "rows": rows,
        "urgency_form": urgency_form,
        "language": value_name("language", triage.language) if triage else "",
        "urgency": [
            {"name": VALUE_NAMES.get(str(item.get("kind")), item.get("kind")), **item}
            for item in (triage.urgency if triage else [])
        ],
        "can_write": context.get("can_write", False),
        "csrf_token": context.get("csrf_token"),
    }
