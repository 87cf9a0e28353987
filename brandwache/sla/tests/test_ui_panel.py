"""The SLA panel on the case page: each clock, who holds the case, and the clock history."""

from __future__ import annotations

import re

import pytest

from brandwache.cases import actions
from brandwache.cases.models import Case
from brandwache.intake.pipeline import ingest
from brandwache.routing.models import TopicOwner
from brandwache.sla.models import SlaPolicy
from brandwache.sla.passes import run_pass
from brandwache.sla.tests.helpers import local, open_case
from brandwache.sla.timesource import pinned
from conftest import make_user

pytestmark = pytest.mark.django_db


def panel(client, case: Case, at) -> str:
    with pinned(at):
        page = client.get(case.get_absolute_url()).content.decode()
    start = page.index('<section class="card sla-panel"')
    return page[start : page.index("</section>", start)]


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def owned_case(agent, team) -> Case:
    TopicOwner.objects.create(
        category="billing", pate=make_user("paul", "Agents"), deputy=make_user("dora", "Agents")
    )
    case = open_case(local(23, 9), category="billing")
    with pinned(local(23, 9)):
        return actions.assign_case(case, agent, owner=agent, team=team)


def customer_writes_back(case: Case, at) -> None:
    payload = (
        f"From: Petra Muster <petra@example.ch>\r\nSubject: Re: Rechnung [{case.reference}]\r\n"
        f"Message-ID: <panel-{case.pk}@example.ch>\r\n\r\nHier die Belege.\r\n"
    ).encode()
    with pinned(at):
        ingest("email", payload)


def test_it_shows_each_running_clock_with_due_time_and_time_left(agent_client, owned_case):
    html = text(panel(agent_client, owned_case, local(23, 10)))

    assert "Erste Antwort Läuft" in html
    assert "Richtlinie Standard · Ziel 5 Std." in html
    assert "Fällig 23.11.2026 14:00 Verbleibend noch 4 Std." in html
    assert "Lösung Läuft" in html and "Ziel 45 Std." in html


def test_it_names_the_owner_the_pate_and_the_deputy(agent_client, owned_case):
    html = text(panel(agent_client, owned_case, local(23, 10)))

    assert "Zuständig anna Pate paul Stellvertretung dora" in html


def test_a_paused_clock_shows_since_when_and_what_is_left(agent_client, agent, owned_case):
    with pinned(local(23, 10)):
        actions.change_status(owned_case, agent, Case.Status.WAITING_CUSTOMER)

    html = text(panel(agent_client, owned_case, local(23, 15)))

    assert "Erste Antwort Pausiert" in html
    assert "Verbleibend ab Fortsetzung noch 4 Std. Pausiert seit 23.11.2026 10:00" in html


def test_the_history_lists_every_step_with_time_and_actor(
    agent_client, agent, owned_case, django_capture_on_commit_callbacks
):
    with pinned(local(23, 10)):
        actions.change_status(owned_case, agent, Case.Status.WAITING_CUSTOMER)
    customer_writes_back(owned_case, local(23, 11))  # due 15:00 now
    with django_capture_on_commit_callbacks(execute=True):
        run_pass(now=local(23, 15, 30))

    html = panel(agent_client, owned_case, local(23, 15, 40))
    lines = [text(item) for item in re.findall(r'<li class="sla-event-\w+">(.*?)</li>', html, re.S)]
    first = [line for line in lines if "Erste Antwort:" in line]

    assert first == [
        "23.11.2026 09:00 Erste Antwort: Gestartet Standard, Ziel 5 Std. automatisch",
        "23.11.2026 10:00 Erste Antwort: Pausiert Wartet auf Kundschaft anna",
        "23.11.2026 11:00 Erste Antwort: Fortgesetzt die Kundschaft hat geantwortet "
        "· 1 Std. pausiert automatisch",
        "23.11.2026 15:30 Erste Antwort: Frist verpasst an anna automatisch",
        "23.11.2026 15:30 Erste Antwort: Eskaliert Stufe 1 · an dora automatisch",
    ]
    assert "Erste Antwort Überfällig" in text(html)
    assert "überfällig seit 40 Min." in text(html)
    assert "Eskalationsstufe 1" in text(html)


def test_a_case_without_a_promise_says_so(agent_client):
    SlaPolicy.objects.update(active=False)
    case = open_case(local(23, 9))

    assert "Für diesen Fall gilt kein Service-Level-Versprechen." in panel(
        agent_client, case, local(23, 10)
    )


def test_the_colleague_of_another_team_sees_no_panel_of_a_case_they_may_not_see(
    client, colleague, owned_case
):
    client.force_login(colleague)

    assert client.get(owned_case.get_absolute_url()).status_code == 404
