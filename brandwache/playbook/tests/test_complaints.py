"""Which cases the playbook treats as complaints, and the agent's word on it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from brandwache.cases.models import Case
from brandwache.playbook.complaints import complaint_status
from brandwache.playbook.models import ComplaintMark
from brandwache.playbook.tests.conftest import receive, triage_as
from brandwache.triage.corrections import correct_label

pytestmark = pytest.mark.django_db


def test_the_newest_triage_decides(complaint_case):
    status = complaint_status(complaint_case)
    assert (status.is_complaint, status.source, status.kind) == (True, "triage", "complaint")

    thanks = receive("Danke, alles bestens!", case_reference=complaint_case.reference)
    assert thanks.case_id == complaint_case.pk
    triage_as(thanks, "praise")

    status = complaint_status(complaint_case)
    assert (status.is_complaint, status.kind) == (False, "praise")


def test_an_agents_correction_of_the_triage_counts(agent, question_case):
    triage = question_case.triages.get()
    correct_label(triage, "kind", "complaint", agent)
    assert complaint_status(question_case).is_complaint


def test_without_triage_a_category_makes_a_complaint():
    with_category = Case.objects.get(pk=receive(category="billing").case_id)
    without = Case.objects.get(pk=receive(sender="beat@example.ch", name="Beat").case_id)
    assert complaint_status(with_category).source == "category"
    assert complaint_status(with_category).is_complaint
    assert complaint_status(without) == complaint_status(without).__class__(False, "none")


def test_without_triage_the_agent_says_so_on_the_panel(agent_client, agent, team):
    case = Case.objects.get(pk=receive(team=team).case_id)
    url = reverse("playbook:complaint", args=[case.reference])
    page = agent_client.get(case.get_absolute_url()).content.decode()
    assert url in page and "Als Beschwerde behandeln" in page

    response = agent_client.post(url, {"is_complaint": "yes"})

    assert response.status_code == 302
    assert complaint_status(case).source == "agent"
    assert complaint_status(case).is_complaint
    mark = ComplaintMark.objects.get(case=case)
    assert (mark.actor, mark.ip_address) == (agent, "127.0.0.1")
    agent_client.post(url, {"is_complaint": "no"})
    assert not complaint_status(case).is_complaint


def test_the_triage_wins_over_an_older_mark_and_the_panel_offers_no_mark(
    agent_client, agent, complaint_case
):
    ComplaintMark.objects.create(case=complaint_case, is_complaint=False, actor=agent)
    assert complaint_status(complaint_case).is_complaint
    page = agent_client.get(complaint_case.get_absolute_url()).content.decode()
    assert reverse("playbook:complaint", args=[complaint_case.reference]) not in page


def test_marking_needs_write_access(client, colleague, outsider, complaint_case):
    url = reverse("playbook:complaint", args=[complaint_case.reference])
    client.force_login(colleague)
    assert client.post(url, {"is_complaint": "yes"}).status_code == 404
    client.force_login(outsider)
    assert client.post(url, {"is_complaint": "yes"}).status_code == 403
    assert not ComplaintMark.objects.exists()
