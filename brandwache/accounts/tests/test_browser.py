"""The two-step login in a real headless Chromium: password, then the authenticator's code."""

from __future__ import annotations

import pytest

from brandwache.accounts.tests.conftest import authenticator_for, code_of
from conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_agent_with_an_authenticator_logs_in_in_two_steps(live_server, browser, agent):
    device = authenticator_for(agent)
    page = browser.new_page(locale="de-CH")
    page.goto(f"{live_server.url}/")
    page.wait_for_url("**/login/**")

    page.get_by_label("Benutzername").fill(agent.username)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url("**/login/code/")

    wrong = f"{(int(code_of(device)) + 500_000) % 1_000_000:06d}"
    page.get_by_label("Code aus der Authenticator-App").fill(wrong)
    page.get_by_role("button", name="Bestätigen").click()
    page.get_by_role("alert").or_(page.locator(".errorlist")).first.wait_for()
    assert "Dieser Code stimmt nicht" in page.content()

    # django-otp pauses code checks for a second after a wrong one; the real code then works
    device.refresh_from_db()
    device.throttle_reset()
    page.get_by_label("Code aus der Authenticator-App").fill(code_of(device))
    page.get_by_role("button", name="Bestätigen").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_role("button", name="Abmelden").is_visible()
