"""The placeholders of text modules: salutation, dates in business days, the rendered reply."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from brandwache import placeholders
from brandwache.answers.models import Article, TextModule
from brandwache.answers.tests.conftest import mail_case
from brandwache.answers.variables import (
    business_days_ahead,
    reply_text,
    salutation,
    text_variables,
)
from brandwache.sla.calendar import BusinessCalendar

OFFICE = {day: [["08:00", "17:00"]] for day in ("mon", "tue", "wed", "thu", "fri")}
ZURICH = BusinessCalendar.weekly("Europe/Zurich", OFFICE, country="CH", subdivision="ZH")
CHRISTMAS_EVE = datetime(2026, 12, 24, 9, 0, tzinfo=UTC)  # a Thursday


def test_the_salutation_uses_a_form_of_address_found_in_the_case():
    texts = ["Herr Aebi ruft an und möchte einen Rückruf."]
    assert salutation("Daniel Aebi", "de", texts) == "Guten Tag Herr Aebi"
    assert salutation("Daniel Aebi", "en", texts) == "Dear Mr Aebi"
    assert salutation("Frau Hildegard Pichler", "de") == "Guten Tag Frau Pichler"
    assert salutation("Frau Hildegard Pichler", "en") == "Dear Ms Pichler"


def test_without_a_form_of_address_the_full_name_is_used():
    assert salutation("Sabine Wyss", "de", ["Mein Koffer ist weg."]) == "Guten Tag Sabine Wyss"
    assert salutation("Sabine Wyss", "en") == "Dear Sabine Wyss"
    assert salutation("", "de") == "Guten Tag"
    assert salutation("x@example.ch", "en") == "Hello"


def test_business_days_skip_weekends_and_public_holidays():
    # Christmas (Fri) and St Stephen's Day (Sat, a weekend anyway) are closed in Zurich.
    assert business_days_ahead(ZURICH, date(2026, 12, 24), 1) == date(2026, 12, 28)
    assert business_days_ahead(ZURICH, date(2026, 12, 24), 3) == date(2026, 12, 30)
    assert business_days_ahead(None, date(2026, 12, 24), 1) == date(2026, 12, 25)


@pytest.mark.django_db
def test_the_variables_of_a_case_in_german_and_english(agent):
    agent.first_name, agent.last_name = "Anna", "Keller"
    agent.save()
    case = mail_case(
        "Verspätung",
        "Guten Tag\r\n\r\nDer Zug war zu spät.",
        sender="Frau Eva Muster <eva@example.ch>",
    )
    german = text_variables(case, agent, "de", now=CHRISTMAS_EVE, calendar=ZURICH)
    assert german["salutation"] == "Guten Tag Frau Muster"
    assert german["case_reference"] == case.reference
    assert german["agent_name"] == "Anna Keller"
    assert german["today"] == "Donnerstag, 24. Dezember 2026"
    assert german["in_1_business_days"] == "Montag, 28. Dezember 2026"
    english = text_variables(case, agent, "en", now=CHRISTMAS_EVE, calendar=ZURICH)
    assert english["salutation"] == "Dear Ms Muster"
    assert english["in_3_business_days"] == "Wednesday, 30 December 2026"


@pytest.mark.django_db
def test_a_module_is_rendered_and_an_article_framed_personally(agent):
    case = mail_case("Frage", "Hallo", sender="Eva Muster <eva@example.ch>")
    variables = text_variables(case, agent, "de", now=CHRISTMAS_EVE, calendar=ZURICH)
    module = TextModule(
        body="{salutation}\n\nIhr Fall {case_reference} ist bis {in_2_business_days} erledigt.",
        language="de",
    )
    assert reply_text(module, variables) == (
        f"Guten Tag Eva Muster\n\nIhr Fall {case.reference} ist bis Dienstag, "
        "29. Dezember 2026 erledigt."
    )
    article = Article(body="Velos brauchen eine Tageskarte.", language="de")
    text = reply_text(article, variables)
    assert text.startswith("Guten Tag Eva Muster\n\nVelos brauchen eine Tageskarte.")
    assert text.endswith("Freundliche Grüße\nanna")


@pytest.mark.django_db
def test_an_unknown_placeholder_is_refused_with_its_name(agent):
    case = mail_case("Frage", "Hallo")
    variables = text_variables(case, agent, "de", now=CHRISTMAS_EVE, calendar=ZURICH)
    with pytest.raises(placeholders.PlaceholderError) as refused:
        reply_text(TextModule(body="Ihr Passwort: {password}", language="de"), variables)
    assert refused.value.unknown == ("password",)
