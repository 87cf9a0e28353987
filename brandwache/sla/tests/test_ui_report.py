"""The SLA report: met and breached promises per policy, team, owner, Pate and ISO week.

The known set, decided over two weeks (counted by hand below):

| case | policy   | team        | owner | promise            | decided            |
|------|----------|-------------|-------|--------------------|--------------------|
| C    | Dringend | –           | –     | first response met | Fri 20.11. 09:30   |
| C    | Dringend | –           | –     | resolution met     | Fri 20.11. 09:45   |
| D    | Standard | –           | –     | first resp. breach | Fri 20.11. 14:30   |
| A    | Standard | Billing     | anna  | first response met | Mon 23.11. 10:00   |
| A    | Standard | Billing     | anna  | resolution met     | Mon 23.11. 11:00   |
| B    | Standard | Rail travel | beat  | first resp. breach | Mon 23.11. 14:30   |

B's late answer at 15:00 is no second outcome: the promise was already breached.
"""

from __future__ import annotations

import csv
from datetime import date
from io import StringIO

import pytest
from django.urls import reverse

from brandwache.cases import actions, replies
from brandwache.cases.models import Case
from brandwache.routing.models import TopicOwner
from brandwache.sla.passes import run_pass
from brandwache.sla.report import ReportFilter, build_report, default_start
from brandwache.sla.tests.helpers import local, open_case
from brandwache.sla.timesource import pinned
from conftest import make_user

pytestmark = pytest.mark.django_db
TWO_WEEKS = {"start": "2026-11-16", "end": "2026-11-29"}


def reply_and_resolve(case: Case, agent, replied, resolved) -> None:
    with pinned(replied):
        replies.record_reply(case, agent, "Wir haben die Gutschrift veranlasst.")
    case.refresh_from_db()
    with pinned(resolved):
        actions.change_status(case, agent, Case.Status.RESOLVED)


@pytest.fixture
def decided(agent, colleague, team, other_team, django_capture_on_commit_callbacks) -> None:
    TopicOwner.objects.create(
        category="billing", pate=make_user("paul", "Agents"), deputy=make_user("dora", "Agents")
    )
    c = open_case(local(20, 9))
    with pinned(local(20, 9)):
        actions.change_priority(c, agent, Case.Priority.URGENT)
    c.refresh_from_db()
    reply_and_resolve(c, agent, local(20, 9, 30), local(20, 9, 45))
    open_case(local(20, 9))  # D, never answered
    with django_capture_on_commit_callbacks(execute=True):
        run_pass(now=local(20, 14, 30))

    a = open_case(local(23, 9), category="billing")
    b = open_case(local(23, 9), sender="hans.beispiel@example.ch")
    with pinned(local(23, 9)):
        a = actions.assign_case(a, agent, owner=agent, team=team)
        b = actions.assign_case(b, agent, owner=colleague, team=other_team)
    reply_and_resolve(a, agent, local(23, 10), local(23, 11))
    with django_capture_on_commit_callbacks(execute=True):
        run_pass(now=local(23, 14, 30))
    with pinned(local(23, 15)):
        replies.record_reply(b, colleague, "Entschuldigen Sie die Verspätung.")


def table(by: str, start=date(2026, 11, 16), end=date(2026, 11, 29), kind="") -> list[tuple]:
    report = build_report(ReportFilter(start=start, end=end, kind=kind, by=by))
    rows = [(row.label, row.met, row.breached) for row in report.rows]
    return [*rows, (report.total.label, report.total.met, report.total.breached)]


def test_per_policy(decided) -> None:
    assert table("policy") == [("Dringend", 2, 0), ("Standard", 2, 2), ("Total", 4, 2)]


def test_per_team(decided) -> None:
    assert table("team") == [
        ("Billing", 2, 0),
        ("Rail travel", 0, 1),
        ("Kein Team", 2, 1),
        ("Total", 4, 2),
    ]


def test_per_owner_and_per_pate(decided) -> None:
    assert table("owner") == [("anna", 2, 0), ("beat", 0, 1), ("Niemand", 2, 1), ("Total", 4, 2)]
    assert table("pate") == [("paul", 2, 0), ("Niemand", 2, 2), ("Total", 4, 2)]


def test_per_iso_week(decided) -> None:
    assert table("week") == [
        ("2026-W47 (16.11.–22.11.)", 2, 1),
        ("2026-W48 (23.11.–29.11.)", 2, 1),
        ("Total", 4, 2),
    ]


def test_filtered_by_clock_and_by_date(decided) -> None:
    assert table("policy", kind="first_response") == [
        ("Dringend", 1, 0),
        ("Standard", 1, 2),
        ("Total", 2, 2),
    ]
    friday = date(2026, 11, 20)
    assert table("policy", start=friday, end=friday) == [
        ("Dringend", 2, 0),
        ("Standard", 0, 1),
        ("Total", 2, 1),
    ]


def test_compliance_is_the_share_met(decided) -> None:
    report = build_report(ReportFilter(date(2026, 11, 16), date(2026, 11, 29), by="policy"))

    assert [row.compliance for row in report.rows] == [100.0, 50.0]
    assert round(report.total.compliance, 1) == 66.7


def test_by_default_it_covers_eight_whole_weeks() -> None:
    assert default_start(date(2026, 11, 25)) == date(2026, 10, 5)  # a Monday, 7 weeks before


def test_the_page_shows_the_table_to_a_lead(client, lead, decided) -> None:
    client.force_login(lead)
    with pinned(local(25, 12)):
        response = client.get(reverse("sla:report"), {**TWO_WEEKS, "by": "policy"})

    page = response.content.decode()
    assert response.status_code == 200
    assert '<th scope="row">Standard</th>' in page
    assert '<td class="number">50,0 %</td>' in page
    assert '<td class="number">66,7 %</td>' in page


def test_the_default_range_includes_recent_weeks(client, lead, decided) -> None:
    client.force_login(lead)
    with pinned(local(25, 12)):
        page = client.get(reverse("sla:report")).content.decode()

    assert 'value="2026-10-05"' in page and 'value="2026-11-25"' in page
    assert '<th scope="row">Dringend</th>' in page


def test_a_start_after_the_end_is_refused_with_a_message(client, lead) -> None:
    client.force_login(lead)
    response = client.get(reverse("sla:report"), {"start": "2026-11-20", "end": "2026-11-01"})

    assert "Das Startdatum liegt nach dem Enddatum." in response.content.decode()


def test_the_csv_has_the_same_numbers_and_no_customer_data(client, lead, decided) -> None:
    client.force_login(lead)
    response = client.get(reverse("sla:report_csv"), {**TWO_WEEKS, "by": "team"})

    body = response.content.decode()
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert list(csv.reader(StringIO(body))) == [
        ["Team", "Eingehalten", "Verpasst", "Total", "Einhaltung (%)"],
        ["Billing", "2", "0", "2", "100.0"],
        ["Rail travel", "0", "1", "1", "0.0"],
        ["Kein Team", "2", "1", "3", "66.7"],
        ["Total", "4", "2", "6", "66.7"],
    ]
    for case in Case.objects.all():
        assert case.reference not in body and case.subject not in body
    for private in ("Petra", "Muster", "petra@example.ch", "hans.beispiel", "Rechnung"):
        assert private not in body


@pytest.mark.parametrize("name", ["sla:report", "sla:report_csv"])
def test_only_users_who_see_all_cases_get_the_report(client, agent, outsider, lead, name):
    url = reverse(name)
    assert client.get(url).status_code == 302  # to the login page
    for user, status in ((outsider, 403), (agent, 403), (lead, 200)):
        client.force_login(user)
        assert client.get(url).status_code == status, user


def test_the_report_link_is_in_the_navigation_of_leads_only(client, agent, lead) -> None:
    client.force_login(agent)
    assert reverse("sla:report") not in client.get(reverse("web:inbox")).content.decode()
    client.force_login(lead)
    assert reverse("sla:report") in client.get(reverse("web:inbox")).content.decode()
