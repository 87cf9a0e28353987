"""Searches ignore case in every alphabet: "ZÜRICH" finds "Zürich" on SQLite as on PostgreSQL."""

from __future__ import annotations

import sys

import pytest
from django.db import connection
from hypothesis import given, settings
from hypothesis import strategies as st

from brandwache import textsearch
from brandwache.contacts.models import Contact
from brandwache.web import inbox_query
from brandwache.web.tests.conftest import email_case
from brandwache.web.tests.test_inbox_search import inbox

on_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="PostgreSQL 15's UPPER() maps ß to itself; casefold() arrived in PostgreSQL 18",
)


@pytest.fixture(params=["rare", "common"])
def way(request, monkeypatch) -> str:
    """Each search both ways: a rare term looked up first, a common one checked case by case."""
    if request.param == "common":
        monkeypatch.setattr(inbox_query, "FEW_MATCHES", 0)
    return request.param


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["ZÜRICH", "zürich", "Zürich", "ÜRI"])
def test_a_search_in_capitals_finds_umlauts_in_every_field(agent_client, way, query):
    in_subject = email_case("Bitte um Rückruf.", sender="a@example.ch", subject="Zürich HB")
    in_text = email_case("Der Zug nach Zürich fiel aus.", sender="b@example.ch")
    in_name = email_case("Grüezi", sender="c@example.ch", name="Anna von Zürich")
    email_case("Der Zug nach Bern fiel aus.", sender="d@example.ch", name="Beat Bern")
    found = inbox(agent_client, q=query)
    assert sorted(found) == sorted([in_subject.reference, in_text.reference, in_name.reference])


@pytest.mark.django_db
def test_capitals_of_other_alphabets_are_found_too(agent_client, way):
    greek = email_case("Παράπονο για την κράτηση", sender="e@example.gr")
    email_case("Nichts", sender="f@example.ch")
    assert inbox(agent_client, q="Κράτηση") == [greek.reference]
    assert inbox(agent_client, q="ΚΡΆΤΗΣΗ") == [greek.reference]


@on_sqlite
@pytest.mark.django_db
def test_sharp_s_and_ligatures_are_found_as_they_are_spelt_out(agent_client, way):
    street = email_case("Ich wohne an der Bahnhofstraße 4.", sender="g@example.ch")
    ligature = email_case("Die ﬁnanzielle Lage", sender="h@example.ch")
    assert inbox(agent_client, q="BAHNHOFSTRASSE") == [street.reference]
    assert inbox(agent_client, q="straße") == [street.reference]
    assert inbox(agent_client, q="FINANZ") == [ligature.reference]


def test_the_letters_folding_makes_from_other_characters_are_all_known():
    made = {
        letter
        for code in range(0x80, sys.maxunicode + 1)
        for letter in chr(code).casefold()
        if letter.isascii()
    }
    assert made == set(textsearch.FOLDED_FROM_OTHERS)


ALPHABET = st.sampled_from(list("aAsSkKzZüÜßẞſﬁﬆİi%_\\ -0") + ["\u212a", "\u0307", "ǰ"])


@settings(max_examples=300, deadline=None)
@given(text=st.text(ALPHABET, max_size=12), query=st.text(ALPHABET, min_size=1, max_size=4))
def test_the_like_filter_before_the_fold_never_drops_a_match(text, query):
    """The anchor is in every text whose fold contains the term, as LIKE sees it in C."""
    folded = query.casefold()
    if folded not in text.casefold():
        return
    found = textsearch.anchor(folded)
    # SQLite's LIKE: ASCII letters in either case, everything else as it is.
    assert found.lower() in "".join(c.lower() if c.isascii() else c for c in text)


@pytest.mark.django_db
def test_the_database_agrees_with_python_on_tricky_texts():
    texts = [
        "Straße",
        "STRASSE",
        "ſtraſſe",
        "\u212aelvin",
        "ﬁnanz",
        "İstanbul",
        "100% sicher",
        "a_b\\c",
        "Zürich",
        "ZÜRICH",
        "zu\u0308rich",
    ]
    contacts = {Contact.objects.create(display_name=text).pk: text for text in texts}
    queries = ["strasse", "SS", "kelvin", "FINANZ", "istan", "i\u0307", "0%", "_b\\", "züri", "Ü"]
    if connection.vendor == "sqlite":
        for query in queries:
            found = set(
                Contact.objects.filter(display_name__icontains=query).values_list("pk", flat=True)
            )
            wanted = {pk for pk, text in contacts.items() if query.casefold() in text.casefold()}
            assert found == wanted, query
    else:
        zurich = Contact.objects.filter(display_name__icontains="züri").count()
        assert zurich == 2  # "Zürich" and "ZÜRICH"; the decomposed ü is another spelling
