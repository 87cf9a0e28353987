"""The "breaching soon" view: due within N business hours or overdue, earliest first."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from brandwache.cases import actions
from brandwache.cases.models import Case
from brandwache.sla.display import Calendars
from brandwache.sla.models import BusinessCalendar, SlaPolicy
from brandwache.sla.soon import breaching_soon
from brandwache.sla.templatetags import sla_tags
from brandwache.sla.tests.helpers import local, open_case
from brandwache.sla.timesource import pinned

pytestmark = pytest.mark.django_db
WEEK = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def listed(client, at, **params: str) -> list[str]:
    with pinned(at):
        response = client.get(reverse("sla:soon"), params)
    assert response.status_code == 200
    return re.findall(
        r'<td class="nowrap"><a href="/cases/(BW-\d{4}-\d+)/">', response.content.decode()
    )


@pytest.fixture
def monday(agent, other_team) -> dict[str, Case]:
    """At Monday 13:30: one case overdue, one due at 14:00, one at 15:00, others not listed."""
    cases = {
        "overdue": open_case(local(20, 16)),  # first response due Monday 12:00
        "due_14": open_case(local(23, 9)),
        "due_15": open_case(local(23, 10)),
        "due_later": open_case(local(23, 13)),
        "paused": open_case(local(23, 8)),
        "resolved": open_case(local(23, 8, 30)),
        "other_team": open_case(local(23, 8, 45)),
    }
    with pinned(local(23, 9)):
        actions.change_status(cases["paused"], agent, Case.Status.WAITING_CUSTOMER)
        actions.change_status(cases["resolved"], agent, Case.Status.RESOLVED)
        actions.assign_case(cases["other_team"], None, owner=None, team=other_team)
    return cases


def test_it_lists_overdue_cases_and_those_due_within_the_hour_earliest_first(
    agent_client, monday
) -> None:
    assert listed(agent_client, local(23, 13, 30)) == [
        monday["overdue"].reference,
        monday["due_14"].reference,
    ]


def test_more_business_hours_can_be_asked_for(agent_client, monday) -> None:
    assert listed(agent_client, local(23, 13, 30), hours="2") == [
        monday["overdue"].reference,
        monday["due_14"].reference,
        monday["due_15"].reference,
    ]


def test_a_lead_also_sees_other_teams_cases(client, lead, monday) -> None:
    client.force_login(lead)

    assert monday["other_team"].reference in listed(client, local(23, 13, 30))


def test_the_hours_are_business_hours(agent_client) -> None:
    monday_8_15 = open_case(local(20, 12, 15))  # five business hours: Monday 08:15
    open_case(local(20, 14))  # Monday 10:00

    # Friday 16:30: one business hour ends Monday at 08:30.
    assert listed(agent_client, local(20, 16, 30)) == [monday_8_15.reference]


def test_nonsense_hours_fall_back_to_one_hour(agent_client, monday) -> None:
    assert listed(agent_client, local(23, 13, 30), hours="x") == listed(
        agent_client, local(23, 13, 30), hours="9999"
    )
    assert len(listed(agent_client, local(23, 13, 30), hours="-1")) == 2


def test_the_navigation_shows_the_number_of_cases_breaching_soon(agent_client, monday) -> None:
    with pinned(local(23, 13, 30)):
        page = agent_client.get(reverse("web:inbox")).content.decode()

    link = re.search(r'<a href="/sla/soon/"[^>]*>Bald fällig <span class="badge sla-count"', page)
    assert link is not None
    assert re.search(
        r'title="2 Fälle innerhalb einer Stunde fällig oder überfällig">2</span>', page
    )


def test_each_calendar_sets_its_own_horizon(agent) -> None:
    """A policy on a round-the-clock calendar is due soon by its own hours, not the office's."""
    always = BusinessCalendar.objects.create(
        name="Rund um die Uhr",
        time_zone="Europe/Zurich",
        working_hours={day: [["00:00", "24:00"]] for day in WEEK},
    )
    SlaPolicy.objects.create(
        name="Notfall", order=1, priorities=["high"], calendar=always, first_response_minutes=120
    )
    office = open_case(local(20, 12, 15))  # Standard: due Monday 08:15
    night = open_case(local(20, 16))
    with pinned(local(20, 16)):
        actions.change_priority(night, agent, Case.Priority.HIGH)  # due Friday 18:00
    tomorrow = open_case(local(20, 16, 10))
    with pinned(local(20, 16, 10)):
        actions.change_priority(tomorrow, agent, Case.Priority.HIGH)  # due Friday 18:10
    cases = Case.objects.filter(pk__in=[office.pk, night.pk, tomorrow.pk])

    # Friday 16:05, one hour: the office horizon is Monday 08:05, the other 17:05 today.
    soon = breaching_soon(cases, local(20, 16, 5), timedelta(hours=1), Calendars())
    assert list(soon) == []
    # Friday 17:05: Monday 09:00 for the office (closed now), 18:05 for the other policy.
    soon = breaching_soon(cases, local(20, 17, 5), timedelta(hours=1), Calendars())
    assert list(soon) == [night, office]


def test_the_navigation_stops_counting_past_its_limit(agent_client, monday, monkeypatch) -> None:
    monkeypatch.setattr(sla_tags, "NAV_COUNT_LIMIT", 1)

    with pinned(local(23, 13, 30)):
        page = agent_client.get(reverse("web:inbox")).content.decode()

    title = "Mehr als 1 Fälle innerhalb einer Stunde fällig oder überfällig"
    assert f'title="{title}">1+</span>' in page
