"""The JSON endpoint the panel's script calls while the agent types."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

DRAFT = (
    "Grüezi Frau Muster\n\nEs tut mir leid, wegen der Systemumstellung ging das unter. "
    "Die CHF 49.90 buchen wir bis Freitag zurück."
)


def url(case) -> str:
    return reverse("playbook:check", args=[case.reference])


def test_the_checks_of_a_complaint_draft_come_back_as_data_and_as_html(
    agent_client, complaint_case
):
    response = agent_client.post(url(complaint_case), {"text": DRAFT})

    assert response.status_code == 200
    data = response.json()
    assert data["complaint"] is True
    playbook = data["playbook"]
    assert playbook["apology"] == {"found": True, "evidence": "Es tut mir leid"}
    assert playbook["concrete_action"]["found"] is True
    assert playbook["excuse"] == {"found": True, "evidence": "Systemumstellung"}
    assert playbook["next_step"]["found"] is False
    assert data["personal"]["greeting_by_name"]["found"] is True
    assert data["personal"]["impersonal"] is False
    assert data["warnings"] == []
    assert 'data-check="excuse"' in data["html"]
    assert "Systemumstellung" in data["html"]


def test_a_question_gets_only_the_personal_checks(agent_client, question_case):
    data = agent_client.post(url(question_case), {"text": "Guten Tag\n\nDanke."}).json()
    assert data["complaint"] is False
    assert 'data-check="apology"' not in data["html"]
    assert 'data-check="greeting_by_name"' in data["html"]
    assert data["personal"]["impersonal"] is True
    assert len(data["warnings"]) == 2


def test_the_endpoint_accepts_only_post(agent_client, complaint_case):
    assert agent_client.get(url(complaint_case)).status_code == 405


def test_the_endpoint_needs_the_csrf_token(agent, complaint_case):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(agent)
    assert strict.post(url(complaint_case), {"text": DRAFT}).status_code == 403


def test_anonymous_visitors_are_sent_to_the_login_page(client, complaint_case):
    response = client.post(url(complaint_case), {"text": DRAFT})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_users_without_a_role_are_refused(client, outsider, complaint_case):
    client.force_login(outsider)
    assert client.post(url(complaint_case), {"text": DRAFT}).status_code == 403


def test_a_colleague_of_another_team_does_not_find_the_case(client, colleague, complaint_case):
    client.force_login(colleague)
    assert client.post(url(complaint_case), {"text": DRAFT}).status_code == 404


def test_a_reader_of_the_team_without_write_access_is_refused(client, team, complaint_case):
    reader = User.objects.create_user("rita", "rita@example.ch", "x")
    team.members.add(reader)
    reader.user_permissions.add(
        Permission.objects.get(codename="view_case", content_type__app_label="cases")
    )
    client.force_login(reader)
    assert client.post(url(complaint_case), {"text": DRAFT}).status_code == 403


def test_a_lead_may_check_a_draft_on_any_case(client, lead, complaint_case):
    client.force_login(lead)
    assert client.post(url(complaint_case), {"text": DRAFT}).status_code == 200
