"""The SLA badge and countdown of a case: on time, due soon, overdue, paused, met."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from brandwache.cases import actions, replies
from brandwache.cases.models import Case
from brandwache.sla.display import Badge, CaseSla, annotate_cases
from brandwache.sla.models import SlaPolicy
from brandwache.sla.passes import run_pass
from brandwache.sla.tests.helpers import local, open_case
from brandwache.sla.timesource import pinned

pytestmark = pytest.mark.django_db
MONDAY_9 = local(23, 9)  # first response due 14:00 (five business hours)


def sla_at(case: Case, now: datetime) -> CaseSla | None:
    case = Case.objects.get(pk=case.pk)
    annotate_cases([case], now)
    return case.sla  # type: ignore[attr-defined]


def badge_and_text(case: Case, now: datetime) -> tuple[str, str]:
    sla = sla_at(case, now)
    assert sla is not None and sla.countdown is not None
    return sla.badge, sla.countdown.text


def test_a_fresh_case_is_on_time_with_the_business_time_left() -> None:
    case = open_case(MONDAY_9)

    assert badge_and_text(case, local(23, 10, 10)) == (Badge.ON_TIME, "noch 3 Std. 50 Min.")


def test_within_the_last_business_hour_it_is_due_soon() -> None:
    case = open_case(MONDAY_9)

    assert badge_and_text(case, local(23, 13, 30)) == (Badge.DUE_SOON, "noch 30 Min.")


def test_past_the_deadline_it_is_overdue_before_the_worker_has_noticed() -> None:
    case = open_case(MONDAY_9)

    assert badge_and_text(case, local(23, 14, 35)) == (Badge.OVERDUE, "überfällig seit 35 Min.")


def test_overdue_time_counts_business_hours_only(django_capture_on_commit_callbacks) -> None:
    case = open_case(MONDAY_9)
    with django_capture_on_commit_callbacks(execute=True):
        run_pass(now=local(23, 14, 30))  # the worker marks the breach

    # Monday 14:00 to 17:00 and Tuesday 08:00 to 08:35; the night does not count.
    assert badge_and_text(case, local(24, 8, 35)) == (
        Badge.OVERDUE,
        "überfällig seit 3 Std. 35 Min.",
    )


def test_over_the_weekend_the_countdown_stands_still() -> None:
    case = open_case(local(20, 16))  # Friday 16:00: due Monday 12:00

    friday = sla_at(case, local(20, 16, 30))
    saturday = sla_at(case, local(21, 11))

    assert friday.countdown.text == "noch 4 Std. 30 Min."
    assert friday.countdown.runs_for == 30 * 60  # until the desk closes at 17:00
    assert friday.due_at == local(23, 12)
    assert (saturday.badge, saturday.countdown.text) == (Badge.ON_TIME, "noch 4 Std.")
    assert saturday.countdown.runs_for == 0


def test_waiting_for_the_customer_shows_paused_with_the_time_that_will_be_left(agent) -> None:
    case = open_case(MONDAY_9)
    with pinned(local(23, 10)):
        actions.change_status(case, agent, Case.Status.WAITING_CUSTOMER)

    sla = sla_at(case, local(23, 15))

    assert (sla.badge, sla.countdown.text, sla.countdown.runs_for) == (
        Badge.PAUSED,
        "noch 4 Std.",
        0,
    )
    assert sla.pace.paused_at == local(23, 10)


def test_a_resolved_case_shows_met(agent) -> None:
    case = open_case(MONDAY_9)
    with pinned(local(23, 10)):
        replies.record_reply(case, agent, "Wir haben die Gutschrift veranlasst.")
        case.refresh_from_db()
        actions.change_status(case, agent, Case.Status.RESOLVED)

    sla = sla_at(case, local(23, 11))

    assert (sla.badge, sla.countdown) == (Badge.MET, None)


def test_a_promise_kept_only_after_its_deadline_shows_met_late(
    agent, django_capture_on_commit_callbacks
) -> None:
    case = open_case(MONDAY_9)
    with django_capture_on_commit_callbacks(execute=True):
        run_pass(now=local(23, 14, 30))
    with pinned(local(23, 15)):
        replies.record_reply(case, agent, "Entschuldigen Sie die Verspätung.")
        case.refresh_from_db()
        actions.change_status(case, agent, Case.Status.RESOLVED)

    assert sla_at(case, local(23, 16)).badge == Badge.MET_LATE


def test_a_case_without_a_promise_has_no_badge(agent) -> None:
    case = open_case(MONDAY_9)
    with pinned(local(23, 9, 5)):
        actions.merge_cases(case, open_case(MONDAY_9), agent)

    assert sla_at(case, local(23, 10)) is None


def test_the_inbox_shows_badge_countdown_and_due_time_per_row(agent_client) -> None:
    open_case(MONDAY_9)
    open_case(local(23, 12))  # due 17:00

    with pinned(local(23, 13, 30)):
        page = agent_client.get(reverse("web:inbox")).content.decode()

    cells = re.findall(
        r'<span class="badge sla sla-(\w+)">([^<]+)</span> (<span [^>]+>)([^<]+)<', page
    )
    assert [(badge, label, text) for badge, label, _tag, text in cells] == [
        ("on_time", "Im Zeitplan", "noch 3 Std. 30 Min."),
        ("due_soon", "Bald fällig", "noch 30 Min."),
    ]
    due_soon_tag = cells[1][2]
    assert 'data-seconds="1800"' in due_soon_tag and 'data-runs-for="12600"' in due_soon_tag
    assert 'title="fällig 23.11.2026 14:00"' in due_soon_tag
    assert "sla/countdown.js" in page


def test_the_badges_cost_the_same_queries_for_two_cases_or_ten(agent_client) -> None:
    def queries() -> int:
        with pinned(local(23, 13)), CaptureQueriesContext(connection) as captured:
            agent_client.get(reverse("web:inbox"))
        return len(captured)

    for _ in range(2):
        open_case(MONDAY_9)
    few = queries()
    for _ in range(8):
        open_case(MONDAY_9)

    assert queries() == few


def test_an_inbox_row_without_a_promise_shows_a_dash(agent_client) -> None:
    SlaPolicy.objects.update(active=False)
    open_case(MONDAY_9)

    page = agent_client.get(reverse("web:inbox")).content.decode()

    assert '<td class="nowrap"><span class="muted">–</span></td>' in page
