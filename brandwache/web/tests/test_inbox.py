"""The inbox's GET parameters: status, channel, owner, team, q, sort, page."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from brandwache.cases import actions
from brandwache.cases.models import Case
from brandwache.web.tests.conftest import email_case, manual_entry

pytestmark = pytest.mark.django_db


def references(response) -> list[str]:
    assert response.status_code == 200
    return re.findall(
        r'<td class="nowrap"><a href="/cases/(BW-\d{4}-\d+)/">', response.content.decode()
    )


def inbox(client, **params) -> list[str]:
    return references(client.get(reverse("web:inbox"), params))


def test_by_default_it_lists_unresolved_cases_newest_message_first(agent_client, agent):
    older = email_case(sender="a@example.ch", subject="Erste")
    newer = email_case(sender="b@example.ch", subject="Zweite")
    resolved = email_case(sender="c@example.ch", subject="Erledigt")
    actions.change_status(resolved, agent, Case.Status.RESOLVED)
    assert inbox(agent_client) == [newer.reference, older.reference]


def test_status_all_shows_resolved_and_closed_cases_too(agent_client, agent):
    open_case = email_case(sender="a@example.ch")
    closed = email_case(sender="b@example.ch")
    actions.change_status(closed, agent, Case.Status.CLOSED)
    assert set(inbox(agent_client, status="all")) == {open_case.reference, closed.reference}
    assert inbox(agent_client, status="closed") == [closed.reference]
    assert inbox(agent_client, status="new") == [open_case.reference]


def test_an_unknown_status_falls_back_to_the_unresolved_cases(agent_client, agent):
    open_case = email_case(sender="a@example.ch")
    closed = email_case(sender="b@example.ch")
    actions.change_status(closed, agent, Case.Status.CLOSED)
    assert inbox(agent_client, status="bogus") == [open_case.reference]


def test_merged_cases_are_hidden_even_with_status_all(agent_client, agent):
    source = email_case(sender="a@example.ch")
    target = email_case(sender="a@example.ch")
    actions.merge_cases(source, target, agent)
    assert inbox(agent_client, status="all") == [target.reference]


def test_it_filters_by_channel(agent_client):
    mail = email_case()
    call = manual_entry("phone")
    assert inbox(agent_client, channel="phone") == [call.reference]
    assert inbox(agent_client, channel="email") == [mail.reference]


def test_it_filters_by_owner_me_none_or_a_user_name(agent_client, agent, lead):
    mine = email_case(sender="a@example.ch")
    leads = email_case(sender="b@example.ch")
    nobodys = email_case(sender="c@example.ch")
    actions.assign_case(mine, lead, owner=agent, team=None)
    actions.assign_case(leads, lead, owner=lead, team=None)
    assert inbox(agent_client, owner="me") == [mine.reference]
    assert inbox(agent_client, owner="none") == [nobodys.reference]
    assert inbox(agent_client, owner="lena") == [leads.reference]


def test_it_filters_by_team(client, lead, team, other_team):
    billing = email_case(sender="a@example.ch", team=team)
    rail = email_case(sender="b@example.ch", team=other_team)
    loose = email_case(sender="c@example.ch")
    client.force_login(lead)
    assert inbox(client, team=team.pk) == [billing.reference]
    assert inbox(client, team=other_team.pk) == [rail.reference]
    assert inbox(client, team="none") == [loose.reference]


@pytest.mark.parametrize(
    "query",
    ["BW-", "Zugausfall", "Frieda Sommer", "frieda@example.ch", "Gleis 7", "079 555 12 34"],
)
def test_search_finds_a_case_by_reference_subject_name_address_phone_or_message_text(
    agent_client, query
):
    other = email_case(sender="other@example.ch", name="Otto Normal", subject="Rechnung")
    wanted = email_case(
        "Der Zug stand eine Stunde vor Gleis 7.",
        sender="frieda@example.ch",
        name="Frieda Sommer",
        subject="Zugausfall",
    )
    # She calls too; naming her e-mail address adds the phone number to the same contact.
    manual_entry(
        email="frieda@example.ch",
        phone="0795551234",
        text="Nachtrag",
        case_reference=wanted.reference,
    )
    found = inbox(agent_client, q=query)
    if query == "BW-":
        assert set(found) == {wanted.reference, other.reference}
    else:
        assert found == [wanted.reference]


def test_a_case_with_many_matching_messages_is_listed_once(agent_client):
    case = email_case("Verspätung", subject="Pendler")
    for number in range(3):
        manual_entry(text=f"Wieder Verspätung {number}", case_reference=case.reference)
    assert inbox(agent_client, q="Verspätung") == [case.reference]


def test_it_sorts_by_creation_priority_reference_and_oldest_message(agent_client, agent):
    first = email_case(sender="a@example.ch")
    second = email_case(sender="b@example.ch")
    third = email_case(sender="c@example.ch")
    actions.change_priority(second, agent, Case.Priority.URGENT)
    actions.change_priority(first, agent, Case.Priority.LOW)
    # The first case gets the most recent message.
    manual_entry(text="Noch etwas", case_reference=first.reference)
    assert inbox(agent_client) == [first.reference, third.reference, second.reference]
    assert inbox(agent_client, sort="last_message_at") == [
        second.reference,
        third.reference,
        first.reference,
    ]
    assert inbox(agent_client, sort="-created_at") == [
        third.reference,
        second.reference,
        first.reference,
    ]
    assert inbox(agent_client, sort="priority") == [
        second.reference,
        third.reference,
        first.reference,
    ]
    assert inbox(agent_client, sort="reference") == [
        first.reference,
        second.reference,
        third.reference,
    ]


def test_it_pages_through_fifty_cases_at_a_time_keeping_the_filters(agent_client):
    now = timezone.now()
    cases = []
    for number in range(51):
        cases.append(
            email_case(sender=f"kunde{number}@example.ch", sent_at=now - timedelta(hours=number))
        )
    response = agent_client.get(reverse("web:inbox"), {"channel": "email"})
    first_page = references(response)
    assert first_page == [case.reference for case in cases[:50]]
    assert 'href="?channel=email&amp;page=2"' in response.content.decode()
    second = agent_client.get(reverse("web:inbox"), {"channel": "email", "page": 2})
    assert references(second) == [cases[50].reference]
    assert 'rel="next"' not in second.content.decode()
    assert 'href="?channel=email&amp;page=1"' in second.content.decode()


def test_a_page_number_that_is_no_number_shows_the_first_page(agent_client):
    case = email_case()
    assert inbox(agent_client, page="zwei") == [case.reference]
    assert inbox(agent_client, page="99") == []


def test_the_number_of_queries_does_not_grow_with_the_cases_shown(agent_client, team):
    def count_queries() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            agent_client.get(reverse("web:inbox"), {"q": "example"})
        return len(captured)

    for number in range(3):
        email_case(sender=f"a{number}@example.ch", name="", team=team)
    few = count_queries()
    for number in range(12):
        email_case(sender=f"b{number}@example.ch", name="", team=team)
    assert count_queries() == few
    # 12, and 3 for the SLA badges (the page's clocks; the calendars, shared with the nav)
    # plus 1 for the nav's count of cases breaching soon.
    assert few <= 16


def test_contacts_without_a_name_are_shown_by_their_address(agent_client):
    email_case(sender="ohne.name@example.ch", name="")
    assert "ohne.name@example.ch" in agent_client.get(reverse("web:inbox")).content.decode()
