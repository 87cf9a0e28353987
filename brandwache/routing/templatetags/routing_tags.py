"""The Paten panel on the case page: who answers for the case's category, and the hand-over."""

from __future__ import annotations

from typing import Any

from django import template

from brandwache.cases.categories import category_label
from brandwache.cases.models import Case
from brandwache.routing.paten import responsible_people

register = template.Library()


@register.inclusion_tag("routing/case_panel.html", takes_context=True)
def routing_panel(context: template.Context, case: Case) -> dict[str, Any]:
    user = context["request"].user
    responsible = responsible_people(case)
    available = responsible.available
    # The same test as the case page's forms: write access is the change permission on a
    # case the user sees (the page got the case through `case_for_user` already).
    can_write = user.has_perm("cases.change_case") and case.merged_into_id is None
    return {
        "case": case,
        "category": category_label(case.category),
        "responsible": responsible,
        "can_hand_over": can_write and available is not None and case.owner_id != available.pk,
        "csrf_token": context.get("csrf_token"),
    }
