"""An agent's day in a real headless Chromium: log in, open a case, reply, see it."""

from __future__ import annotations

import pytest
from django.core import mail

from brandwache.cases.models import Message
from brandwache.intake.pipeline import ingest
from conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COMPLAINT = (
    "From: Ruedi Meier <ruedi.meier@example.ch>\r\n"
    "To: kundendienst@alpenbahn.example\r\n"
    "Subject: =?utf-8?q?Anschluss_in_Z=C3=BCrich_verpasst?=\r\n"
    "Message-ID: <anschluss-1@example.ch>\r\n"
    "Date: Mon, 23 Nov 2026 07:41:00 +0100\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "\r\n"
    "Der IC hatte 40 Minuten Verspätung, der Anschluss war weg.\r\n"
    "Ich möchte eine Entschädigung.\r\n"
    "\r\n"
    "Freundliche Grüsse\r\n"
    "Ruedi Meier\r\n"
).encode()


def test_an_agent_logs_in_opens_the_case_and_replies(live_server, browser, agent):
    case = ingest("email", COMPLAINT).message.case
    page = browser.new_page(locale="de-CH")
    page.goto(f"{live_server.url}/")
    page.wait_for_url("**/login/**")

    page.get_by_label("Benutzername").fill(agent.username)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()

    page.get_by_role("link", name=case.reference).click()
    page.wait_for_url(f"**/cases/{case.reference}/")
    assert "Der IC hatte 40 Minuten Verspätung" in page.content()

    reply = "Grüezi Herr Meier, es tut uns leid. Die Gutschrift folgt bis Freitag."
    page.get_by_label("Antwort an die Kundin oder den Kunden").fill(reply)
    page.get_by_role("button", name="Antwort senden").click()

    timeline = page.locator("section.timeline")
    timeline.get_by_text("Gutschrift folgt bis Freitag").wait_for()
    assert timeline.get_by_text("Der IC hatte 40 Minuten Verspätung").count() == 1
    sent = Message.objects.get(case=case, direction=Message.Direction.OUTBOUND)
    assert sent.text == reply and sent.author == agent
    assert [m.to for m in mail.outbox] == [["ruedi.meier@example.ch"]]
    assert sent.message_id in mail.outbox[0].extra_headers["Message-ID"]
