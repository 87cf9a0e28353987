"""In a real headless Chromium: Insert puts the filled-in text into the reply box."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from brandwache.answers.demo import load_knowledge_base
from brandwache.answers.models import SuggestionChoice
from brandwache.answers.tests.conftest import mail_case
from conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_insert_fills_the_reply_box_for_editing(live_server, browser, agent):
    load_knowledge_base()
    case = mail_case(
        "Velo",
        "Grüezi, wir möchten am Sonntag mit zwei Velos nach Chur. Brauchen wir eine "
        "Reservation?\r\n\r\nHerzliche Grüsse\r\nLea Bachmann",
        sender="Lea Bachmann <lea.bachmann@example.ch>",
    )
    page = browser.new_page(locale="de-CH")
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Benutzername").fill(agent.username)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}{case.get_absolute_url()}")

    panel = page.locator("#suggested-answers")
    assert "Velo und E-Bike im Zug mitnehmen" in panel.locator("li").first.inner_text()
    reply = page.locator("#id_text")
    reply.fill("Vorweg: ")
    panel.get_by_role("button", name="Einfügen").first.click()
    # Not wait_for_function: the page's Content-Security-Policy forbids evaluating strings.
    expect(reply).to_have_value(re.compile("Velo-Tageskarte"))

    text = reply.input_value()
    assert text.startswith("Vorweg:\n\nGuten Tag Lea Bachmann\n\nFür Ihr Velo")
    assert page.url.endswith(case.get_absolute_url())  # stayed on the case page
    assert panel.get_by_role("status").inner_text().startswith("Der Text steht")
    assert SuggestionChoice.objects.get().article.slug == "velo-mitnahme"
