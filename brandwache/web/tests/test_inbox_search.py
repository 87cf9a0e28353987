"""The inbox search: any part of any searched field, whether the term is rare or common."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.urls import reverse

from brandwache.cases import actions
from brandwache.cases.models import Case
from brandwache.contacts.actions import IdentityRef
from brandwache.contacts.models import Identity
from brandwache.intake.channels.base import ParsedMessage
from brandwache.web import inbox_query
from brandwache.web.tests.conftest import email_case, manual_entry

pytestmark = pytest.mark.django_db

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="trigram indexes exist on PostgreSQL only"
)
TRIGRAM_INDEXES = [
    "message_text_trgm",
    "case_subject_trgm",
    "case_reference_trgm",
    "contact_name_trgm",
    "identity_value_trgm",
    "identity_label_trgm",
]


def inbox(client, **params) -> list[str]:
    response = client.get(reverse("web:inbox"), params)
    assert response.status_code == 200
    return re.findall(
        r'<td class="nowrap"><a href="/cases/(BW-\d{4}-\d+)/">', response.content.decode()
    )


@pytest.fixture(params=["rare", "common"])
def term(request, monkeypatch) -> str:
    """Run a test both ways: a rare term looked up first, a common one checked case by case."""
    if request.param == "common":
        # Every term that matches at all now counts as common.
        monkeypatch.setattr(inbox_query, "FEW_MATCHES", 0)
    return request.param


def social_case(handle: str, text: str) -> Case:
    message = actions.record_inbound_message(
        ParsedMessage(channel="email", sender=IdentityRef(Identity.Kind.SOCIAL, handle), text=text),
        None,
    )
    return message.case


@pytest.fixture
def wanted() -> Case:
    case = email_case(
        "Der Zug stand eine Stunde vor Gleis 7.",
        sender="Frieda.Sommer@Example.CH",
        name="Frieda Sommer",
        subject="Zugausfall in Olten",
    )
    manual_entry(
        email="frieda.sommer@example.ch",
        phone="079 555 12 34",
        text="Nachtrag",
        case_reference=case.reference,
    )
    return case


@pytest.mark.parametrize(
    "query",
    [
        "ugausfal",  # subject
        "zugAUSFALL",  # subject, whatever the case
        "ieda Som",  # contact name
        "sommer@exam",  # e-mail address
        "555 12",  # phone number, written with spaces, stored as digits
        "d eine Stun",  # message text, across words
    ],
)
def test_search_finds_any_part_of_each_field(agent_client, term, wanted, query):
    email_case("Alles gut.", sender="otto@example.org", name="Otto Normal", subject="Lob")
    assert inbox(agent_client, q=query) == [wanted.reference]


def test_search_finds_any_part_of_a_reference(agent_client, term):
    first = email_case(sender="a@example.ch")
    second = email_case(sender="b@example.ch")
    assert inbox(agent_client, q=second.reference[3:]) == [second.reference]
    assert inbox(agent_client, q=first.reference[-3:]) == [first.reference]


def test_search_finds_an_identity_as_it_was_written(agent_client, term):
    # The handle is stored without its "@"; only the written form has it.
    case = social_case("@Frieda_S", "Warum fährt der Zug nicht?")
    social_case("@otto", "Danke!")
    assert Identity.objects.get(value="frieda_s").label == "@Frieda_S"
    assert inbox(agent_client, q="@frieda") == [case.reference]


def test_search_without_any_match_lists_nothing(agent_client, term, wanted):
    assert inbox(agent_client, q="Rückerstattung") == []


def test_a_common_term_lists_each_matching_case_once_in_page_order(agent_client, monkeypatch):
    monkeypatch.setattr(inbox_query, "FEW_MATCHES", 2)
    cases = [email_case(f"Verspätung Nummer {n}", sender=f"k{n}@example.ch") for n in range(3)]
    for case in cases:
        manual_entry(text="Wieder Verspätung", case_reference=case.reference)
    email_case("Pünktlich", sender="p@example.ch")
    assert inbox_query.few_matching_case_ids("Verspätung") is None
    newest_first = [case.reference for case in reversed(cases)]
    assert inbox(agent_client, q="Verspätung") == newest_first


def test_a_rare_term_is_looked_up_once_as_a_list_of_case_ids(wanted):
    email_case(sender="otto@example.org", name="Otto Normal", subject="Lob")
    # The name, the address as stored and as written match: one case, listed once.
    assert inbox_query.few_matching_case_ids("Sommer") == [wanted.pk]
    assert inbox_query.few_matching_case_ids("Rückerstattung") == []


def test_rare_and_common_terms_list_the_same_cases(agent_client, monkeypatch, wanted, agent):
    other = email_case("Gleis 9 war gesperrt.", sender="otto@example.org", name="Otto Normal")
    resolved = email_case("Gleis 7 schon wieder", sender="r@example.ch", subject="Olten")
    actions.change_status(resolved, agent, Case.Status.RESOLVED)
    queries = ["Gleis", "Olten", "example", "BW-", "079", "Sommer", "nichts"]
    found = {query: inbox(agent_client, q=query, status="all") for query in queries}
    monkeypatch.setattr(inbox_query, "FEW_MATCHES", 0)
    assert {query: inbox(agent_client, q=query, status="all") for query in queries} == found
    assert set(found["Gleis"]) == {wanted.reference, other.reference, resolved.reference}


@on_postgres
def test_the_trigram_indexes_exist_after_migrate():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE indexname = ANY(%s)",
            [TRIGRAM_INDEXES],
        )
        definitions = dict(cursor.fetchall())
    assert sorted(definitions) == sorted(TRIGRAM_INDEXES)
    for definition in definitions.values():
        assert "USING gin (upper(" in definition
        assert "gin_trgm_ops" in definition
        assert "fastupdate=off" in definition


@on_postgres
def test_each_part_of_a_rare_search_can_use_its_trigram_index(wanted):
    # With so few rows the planner would scan; forbid scans (and plain index scans,
    # which can stand in for them) to see which indexes fit the search.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    plan = inbox_query.matching_rows("Sommer").explain()
    for name in TRIGRAM_INDEXES:
        assert f"Bitmap Index Scan on {name}" in plan
