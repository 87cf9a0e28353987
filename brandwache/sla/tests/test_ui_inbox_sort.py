"""The inbox sorted by due time: earliest first, cases without a running clock last, paged."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from brandwache.cases import actions
from brandwache.cases.models import Case
from brandwache.sla.tests.helpers import local, open_case
from brandwache.sla.timesource import pinned
from brandwache.web.views import inbox as inbox_view

pytestmark = pytest.mark.django_db


def references(client, **params: str) -> list[str]:
    response = client.get(reverse("web:inbox"), params)
    assert response.status_code == 200
    return re.findall(
        r'<td class="nowrap"><a href="/cases/(BW-\d{4}-\d+)/">', response.content.decode()
    )


@pytest.fixture
def cases(agent) -> list[Case]:
    """In due order: 14:00, three due at 15:00 (opened together), 16:00, then a paused one."""
    paused = open_case(local(23, 8))
    with pinned(local(23, 8, 30)):
        actions.change_status(paused, agent, Case.Status.WAITING_CUSTOMER)
    late = open_case(local(23, 11))
    same = [open_case(local(23, 10)) for _ in range(3)]
    first = open_case(local(23, 9))
    return [first, *sorted(same, key=lambda case: case.pk), late, paused]


def test_sort_by_due_time_lists_the_earliest_deadline_first_and_no_deadline_last(
    agent_client, cases
) -> None:
    assert Case.objects.get(pk=cases[-1].pk).sla_due_at is None

    assert references(agent_client, sort="due") == [case.reference for case in cases]


def test_paging_by_due_time_repeats_and_skips_no_case_among_equal_deadlines(
    agent_client, cases, monkeypatch
) -> None:
    monkeypatch.setattr(inbox_view, "PER_PAGE", 2)

    pages = [references(agent_client, sort="due", page=str(number)) for number in (1, 2, 3)]

    assert pages == [
        [cases[0].reference, cases[1].reference],
        [cases[2].reference, cases[3].reference],  # two of the three due at 15:00
        [cases[4].reference, cases[5].reference],
    ]
    last = agent_client.get(reverse("web:inbox"), {"sort": "due", "page": "3"})
    assert 'rel="next"' not in last.content.decode()


def test_sort_by_due_time_keeps_the_other_filters(agent_client, agent, cases) -> None:
    with pinned(local(23, 12)):
        actions.assign_case(cases[3], agent, owner=agent, team=None)
        actions.assign_case(cases[0], agent, owner=agent, team=None)

    assert references(agent_client, sort="due", owner="me") == [
        cases[0].reference,
        cases[3].reference,
    ]


def test_the_sort_is_offered_in_the_inbox_form(agent_client) -> None:
    page = agent_client.get(reverse("web:inbox"), {"sort": "due"}).content.decode()

    assert '<option value="due" selected>Fälligkeit, früheste zuerst</option>' in page
