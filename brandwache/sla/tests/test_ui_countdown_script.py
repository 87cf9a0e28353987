"""The countdown script in a real Chromium, with the page's clock moved on instead of waiting."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

from brandwache.sla.display import Countdown

pytestmark = pytest.mark.browser

SCRIPT = Path(__file__).resolve().parent.parent / "static" / "sla" / "countdown.js"
ORIGIN = "http://brandwache.test"
PAGE = Template(
    "{% load sla_tags %}<!doctype html><html><body>"
    "{% for name, countdown in countdowns %}<p id='{{ name }}'>"
    "{% sla_countdown countdown %}</p>{% endfor %}"
    "{% sla_countdown_script %}</body></html>"
)


def page_html() -> str:
    countdowns = [
        ("running", Countdown(left=timedelta(minutes=30), runs_for=3600)),
        ("due_now", Countdown(left=timedelta(minutes=1), runs_for=3600)),
        ("closing", Countdown(left=timedelta(hours=2), runs_for=60)),  # closes in a minute
        ("closed", Countdown(left=timedelta(hours=4), runs_for=0)),
    ]
    with translation.override("de"):
        return PAGE.render(Context({"countdowns": countdowns}))


def test_the_countdowns_move_only_while_the_desk_is_open(browser) -> None:
    html = page_html()
    page = browser.new_page()
    page.route(
        f"{ORIGIN}/",
        lambda route: route.fulfill(body=html, content_type="text/html; charset=utf-8"),
    )
    page.route(
        f"{ORIGIN}/static/sla/countdown.js",
        lambda route: route.fulfill(body=SCRIPT.read_text(), content_type="text/javascript"),
    )
    page.clock.install()
    page.goto(f"{ORIGIN}/")
    assert page.text_content("#running span") == "noch 30 Min."

    page.clock.run_for(2 * 60 * 1000)

    assert page.text_content("#running span") == "noch 28 Min."
    assert page.text_content("#due_now span") == "überfällig seit 1 Min."
    assert "overdue" in (page.get_attribute("#due_now span", "class") or "")
    assert page.text_content("#closing span") == "noch 1 Std. 59 Min."
    assert page.text_content("#closed span") == "noch 4 Std."
    page.close()
