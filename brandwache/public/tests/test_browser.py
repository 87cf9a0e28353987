"""The form as a person uses it, in a real headless Chromium."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.core import mail
from django.core.cache import cache

from brandwache.cases.models import Case
from brandwache.public.tests.conftest import PNG

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    # The cache table is not emptied between transactional tests.
    yield
    cache.clear()


def test_a_customer_fills_in_the_form_and_follows_the_status_link_from_the_mail(
    live_server, browser, tmp_path, settings
):
    settings.BRANDWACHE_SITE_URL = live_server.url
    photo = tmp_path / "beleg.png"
    photo.write_bytes(PNG)
    page = browser.new_page(locale="de-CH", viewport={"width": 390, "height": 844})
    page.goto(f"{live_server.url}/beschwerde/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    trap = page.get_by_label("Dieses Feld bitte leer lassen").bounding_box()
    assert trap is not None and trap["x"] + trap["width"] < 0  # off screen, out of sight
    page.get_by_label("Ihr Name").fill("Petra Muster")
    page.get_by_label("E-Mail-Adresse").fill("petra@example.ch")
    page.get_by_label("Thema (freiwillig)").select_option("billing")
    page.get_by_label("Betreff").fill("Rechnung doppelt belastet")
    page.get_by_label("Was ist passiert?").fill("Die Rechnung 4711 wurde zweimal abgebucht.")
    page.get_by_label("Anhänge (freiwillig)").set_input_files(str(photo))
    page.get_by_role("button", name="Beschwerde senden").click()
    page.wait_for_url("**/beschwerde/danke/**")
    case = Case.objects.get()
    assert case.reference in page.inner_text("main")
    assert case.messages.get().attachments.count() == 1
    assert "/status/" not in page.content()  # the link goes only to the mailbox
    link = re.search(r"http\S+/status/\S+/", mail.outbox[0].body)
    assert link is not None and case.status_token in link.group(0)
    page.goto(link.group(0))
    assert "Eingegangen" in page.inner_text("main")


def test_the_language_switch_turns_the_form_english(live_server, browser):
    page = browser.new_page(locale="de-CH")
    page.goto(f"{live_server.url}/beschwerde/")
    page.get_by_role("button", name="English").click()
    page.wait_for_url("**/complaint/")
    assert page.get_by_role("button", name="Send complaint").is_visible()
    assert page.locator("html").get_attribute("lang") == "en"


def test_a_submission_too_large_to_read_loses_nothing_typed(live_server, browser, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 3_000
    page = browser.new_page(locale="de-CH")
    page.goto(f"{live_server.url}/beschwerde/")
    long_text = "Die Rechnung 4711 wurde zweimal abgebucht. " * 100
    page.get_by_label("Ihr Name").fill("Petra Muster")
    page.get_by_label("E-Mail-Adresse").fill("petra@example.ch")
    page.get_by_label("Betreff").fill("Rechnung doppelt belastet")
    page.get_by_label("Was ist passiert?").fill(long_text)
    page.get_by_role("button", name="Beschwerde senden").click()
    page.wait_for_load_state()
    assert "zu groß" in page.inner_text("main")
    assert page.get_by_label("Was ist passiert?").input_value() == long_text
    assert page.get_by_label("E-Mail-Adresse").input_value() == "petra@example.ch"
    assert page.get_by_text("aus diesem Browser wieder eingefüllt").is_visible()
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
    page.get_by_role("button", name="Beschwerde senden").click()
    page.wait_for_url("**/beschwerde/danke/**")
    assert Case.objects.get().messages.get().text.strip() == long_text.strip()
    page.goto(f"{live_server.url}/beschwerde/")  # sent: the draft is gone
    assert page.get_by_label("Was ist passiert?").input_value() == ""
