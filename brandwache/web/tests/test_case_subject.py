"""The case's subject is changed on the case page, on one line, and recorded on the timeline."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from brandwache.cases import actions
from brandwache.cases.models import Case, CaseEvent
from brandwache.web.tests.conftest import email_case

pytestmark = pytest.mark.django_db


def rename(client, case: Case, subject: str, *, follow: bool = False):
    url = reverse("web:case_subject", args=[case.reference])
    return client.post(url, {"subject": subject}, follow=follow)


def flashed(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_the_agent_renames_the_case_and_the_timeline_says_so_in_german(
    agent_client, agent, billing_case
):
    page = agent_client.get(billing_case.get_absolute_url()).content.decode()
    assert reverse("web:case_subject", args=[billing_case.reference]) in page
    assert 'value="Doppelte Belastung"' in page
    response = rename(agent_client, billing_case, "Abo doppelt belastet", follow=True)
    billing_case.refresh_from_db()
    assert billing_case.subject == "Abo doppelt belastet"
    event = billing_case.events.get(kind=CaseEvent.Kind.SUBJECT_CHANGED)
    assert (event.actor, event.ip_address) == (agent, "127.0.0.1")
    assert "Betreff auf „Abo doppelt belastet“ geändert." in flashed(response)
    html = response.content.decode()
    assert "Betreff von „Doppelte Belastung“ auf „Abo doppelt belastet“ geändert." in html
    assert "<h1>Abo doppelt belastet</h1>" in html


def test_a_line_break_sent_with_the_form_becomes_a_space(agent_client, billing_case):
    rename(agent_client, billing_case, "Abo\r\nBcc: x@evil.example")
    billing_case.refresh_from_db()
    assert billing_case.subject == "Abo Bcc: x@evil.example"


def test_an_empty_subject_is_refused_with_a_reason(agent_client, billing_case):
    response = rename(agent_client, billing_case, " \r\n ", follow=True)
    billing_case.refresh_from_db()
    assert billing_case.subject == "Doppelte Belastung"
    assert any("Betreff" in text for text in flashed(response))
    assert not billing_case.events.filter(kind=CaseEvent.Kind.SUBJECT_CHANGED).exists()


def test_the_timeline_speaks_english_to_an_english_reader(agent_client, billing_case):
    rename(agent_client, billing_case, "Abo doppelt belastet")
    agent_client.post(reverse("set_language"), {"language": "en"})
    html = agent_client.get(billing_case.get_absolute_url()).content.decode()
    assert "Subject changed from “Doppelte Belastung” to “Abo doppelt belastet”." in html
    assert "Change subject" in html


def test_a_colleague_of_another_team_cannot_rename_the_case(client, colleague, billing_case):
    client.force_login(colleague)
    assert rename(client, billing_case, "Übernommen").status_code == 404
    billing_case.refresh_from_db()
    assert billing_case.subject == "Doppelte Belastung"


def test_the_rename_needs_the_csrf_token(agent, billing_case):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(agent)
    assert rename(strict, billing_case, "Ohne Token").status_code == 403
    billing_case.refresh_from_db()
    assert billing_case.subject == "Doppelte Belastung"


def test_a_merged_case_keeps_its_subject(agent_client, agent, team):
    source = email_case(sender="a@example.ch", team=team)
    target = email_case(sender="a@example.ch", team=team)
    actions.merge_cases(source, target, agent)
    rename(agent_client, source, "Neu")
    source.refresh_from_db()
    assert source.subject == "Doppelte Belastung"
