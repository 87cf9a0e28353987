"""No page breaks the Content-Security-Policy, in a real headless Chromium.

Chromium reports every blocked inline script, inline style, event-handler
attribute or foreign source on the console; the test walks the agents' and the
customers' pages and the admin, uses their scripts (the reply checks fill
themselves in as the agent types) and collects what the console says.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from brandwache.intake.pipeline import ingest
from brandwache.web.tests.test_browser import COMPLAINT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def logged_in_context(browser, live_server, user: User):
    """A browser context logged in as the user (no login form: that is tested apart)."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="de-CH")
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return context


def test_no_page_breaks_the_content_security_policy(live_server, browser):
    case = ingest("email", COMPLAINT).message.case
    admin = User.objects.create_superuser("admin", "admin@example.ch", "not-used-here-1")
    context = logged_in_context(browser, live_server, admin)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: console.append(f"pageerror: {error}"))
    # Failed loads are told apart by their responses (the console names no address).
    failed: list[str] = []
    page.on(
        "response", lambda response: failed.append(response.url) if response.status >= 400 else None
    )
    visited = []

    def visit(path: str) -> None:
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None and response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
        visited.append(path)

    visit("/")
    visit(case.get_absolute_url())
    reply = page.get_by_label("Antwort an die Kundin oder den Kunden")
    reply.press_sequentially("Grüezi Herr Meier, es tut mir leid.", delay=5)
    page.locator("#reply-checks li[data-check]").first.wait_for()
    visit("/sla/soon/")
    visit("/sla/report/")
    visit("/faq/")
    visit("/admin/")
    visit(f"/admin/cases/case/{case.pk}/change/")
    visit("/beschwerde/")
    visit(f"/status/{case.status_token}/")
    anonymous = browser.new_context(locale="de-CH").new_page()
    anonymous.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    anonymous.goto(f"{live_server.url}/login/")
    anonymous.wait_for_load_state("networkidle")

    assert len(visited) == 9
    assert [line for line in console if "Content Security Policy" in line] == []
    errors = [line for line in console if line.startswith(("error", "pageerror"))]
    assert [line for line in errors if "Failed to load resource" not in line] == []
    assert [url for url in failed if not url.endswith("/favicon.ico")] == []
