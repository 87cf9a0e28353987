"""SLA pieces of the agent pages: the badge, the case panel, the nav entry, the countdown script.

`{% sla_badge case.sla %}` shows what `display.annotate_cases` set on a case;
`{% sla_panel case %}` is the case page's panel; `{% sla_nav %}` the top-bar
links (with the number of cases breaching soon); `{% sla_countdown_script %}`
the optional script that keeps the countdowns current between page loads.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from brandwache.cases.access import is_agent, visible_cases
from brandwache.cases.models import Case
from brandwache.routing.paten import responsible_people
from brandwache.sla.display import DUE_SOON, Calendars, CaseSla, Countdown
from brandwache.sla.history import clock_views, history
from brandwache.sla.soon import breaching_soon
from brandwache.sla.timesource import current_time
from brandwache.sla.views import REPORT_PERMISSION

register = template.Library()
NAV_COUNT_LIMIT = 99
NO_BADGE = mark_safe('<span class="muted">–</span>')  # noqa: S308  (a constant)


@register.simple_tag
def sla_badge(sla: CaseSla | None) -> SafeString:
    """The badge and countdown of an inbox row; built in Python, it runs fifty times a page."""
    if sla is None:
        return NO_BADGE
    badge = format_html('<span class="badge sla sla-{}">{}</span>', sla.badge.value, sla.label)
    if sla.countdown is None:
        return badge
    return format_html("{} {}", badge, sla_countdown(sla.countdown, sla.due_at))


@register.simple_tag
def sla_countdown(countdown: Countdown, due: datetime | None = None) -> SafeString:
    """The countdown text with what the script needs to keep it current."""
    title = ""
    if due is not None:
        when = date_format(timezone.localtime(due), "SHORT_DATETIME_FORMAT")
        title = format_html(' title="{}"', gettext("due %(due)s") % {"due": when})
    return format_html(
        '<span class="sla-countdown{}" data-seconds="{}" data-runs-for="{}"{}>{}</span>',
        " overdue" if countdown.overdue else "",
        countdown.seconds,
        countdown.runs_for,
        title,
        countdown.text,
    )


@register.inclusion_tag("sla/case_panel.html")
def sla_panel(case: Case) -> dict[str, Any]:
    now = current_time()
    clocks = clock_views(case, now)
    return {
        "case": case,
        "clocks": clocks,
        "history": history(case) if clocks else [],
        "responsible": responsible_people(case, at=now),
    }


@register.inclusion_tag("sla/nav.html", takes_context=True)
def sla_nav(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not is_agent(user):
        return {"show": False}
    calendars = Calendars.for_request(request)
    soon = breaching_soon(visible_cases(user), current_time(), DUE_SOON, calendars)
    # Counting stops past NAV_COUNT_LIMIT, so a desk far behind pays no more on every page.
    found = soon.values("pk")[: NAV_COUNT_LIMIT + 1].count()
    return {
        "show": True,
        "soon": found,
        "over": found > NAV_COUNT_LIMIT,
        "limit": NAV_COUNT_LIMIT,
        "can_report": user.has_perm(REPORT_PERMISSION),
        "nav": context.get("nav"),
    }


@register.inclusion_tag("sla/countdown_script.html")
def sla_countdown_script() -> dict[str, str]:
    """The script with the countdown's phrases (the same as the server's) as data attributes."""
    return {
        "left": gettext("%(time)s left"),
        "over": gettext("overdue for %(time)s"),
        "hm": gettext("%(hours)d h %(minutes)d min"),
        "h": gettext("%(hours)d h"),
        "m": gettext("%(minutes)d min"),
    }
