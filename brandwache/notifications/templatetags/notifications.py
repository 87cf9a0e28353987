"""`{% notification_badge %}`: the link to the user's notifications with the unread count."""

from __future__ import annotations

from typing import Any

from django import template

from brandwache.notifications.actions import unread_count

register = template.Library()


@register.inclusion_tag("notifications/badge.html", takes_context=True)
def notification_badge(context: dict[str, Any]) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"show": False}
    return {"show": True, "unread": unread_count(user), "nav": context.get("nav")}
