"""The listening page in a real headless Chromium: reached from the navigation, the chart drawn,
nothing blocked by the Content-Security-Policy."""

from __future__ import annotations

from datetime import timedelta

import pytest

from brandwache.listening.models import Mention, Source
from brandwache.listening.tests.pagedata import mention
from brandwache.organisations.models import Organisation
from brandwache.sla.timesource import current_time
from conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_agent_opens_the_listening_page_and_sees_the_chart(live_server, browser, agent):
    kaufhafen = Organisation.objects.create(slug="kaufhafen", name="Kaufhafen")
    forum = Source.objects.create(name="forum", kind=Source.Kind.JSONL, organisation=kaufhafen)
    now = current_time()
    mention(kaufhafen, forum, "b1", Mention.Label.EXPLICIT_COMPLAINT, at=now - timedelta(days=2))
    mention(kaufhafen, forum, "b2", Mention.Label.IMPLICIT_COMPLAINT, at=now - timedelta(days=1))
    page = browser.new_page(locale="de-CH")
    console: list[str] = []
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    page.goto(f"{live_server.url}/")
    page.wait_for_url("**/login/**")

    page.get_by_label("Benutzername").fill(agent.username)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()

    page.get_by_role("link", name="Social Listening").click()
    page.wait_for_url("**/listening/")
    chart = page.get_by_role("img", name="Beschwerdevolumen")
    chart.wait_for()
    assert chart.bounding_box()["height"] > 100
    drawn = page.locator("svg.volume-chart rect.bar[data-count='1']")
    assert drawn.count() == 2
    boxes = [drawn.nth(n).bounding_box() for n in range(2)]
    assert all(box["height"] > 10 for box in boxes)

    page.get_by_role("combobox", name="Zeitraum").select_option("7")
    page.get_by_role("button", name="Anzeigen").click()
    page.wait_for_url("**/listening/?organisation=kaufhafen&days=7")
    assert page.locator("svg.volume-chart rect.bar").count() == 2 * 28
    page.wait_for_load_state("networkidle")
    assert [line for line in console if "Content Security Policy" in line] == []
