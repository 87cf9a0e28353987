"""In a real headless Chromium: the panel follows the agent's draft as they type."""

from __future__ import annotations

import os

import pytest

from brandwache.playbook.tests.conftest import receive, triage_as
from conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_panel_updates_while_the_agent_types_a_reply(live_server, browser, agent, team):
    message = receive(team=team)
    triage_as(message, "complaint")
    case = message.case
    page = browser.new_page(locale="de-CH")
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Benutzername").fill(agent.username)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.goto(f"{live_server.url}{case.get_absolute_url()}")

    assert page.locator("#playbook").get_by_text("Laut Triage eine Beschwerde").count() == 1
    panel = page.locator("#reply-checks")
    box = page.get_by_label("Antwort an die Kundin oder den Kunden")
    box.press_sequentially("Guten Tag\n\nWegen der Systemumstellung hat es gedauert.", delay=5)
    panel.locator('li.gap[data-check="apology"]').wait_for()
    panel.locator('li.gap[data-check="excuse"]').wait_for()

    box.fill(
        "Grüezi Frau Muster\n\nEs tut mir leid. Die CHF 49.90 buchen wir bis Freitag zurück. "
        "Sie hören morgen von mir."
    )
    for check in ("apology", "concrete_action", "excuse", "next_step", "greeting_by_name"):
        panel.locator(f'li.ok[data-check="{check}"]').wait_for()
    assert "Es tut mir leid" in panel.locator('[data-check="apology"]').inner_text()
    if os.environ.get("PLAYBOOK_SCREENSHOT"):
        page.screenshot(path=os.environ["PLAYBOOK_SCREENSHOT"], full_page=True)
