"""Every screen checks who is asking: anonymous, outsider, owner's team, colleague, lead."""

from __future__ import annotations

import pytest
from django.urls import reverse

from brandwache.cases import actions
from brandwache.cases.models import CaseEvent
from brandwache.intake.models import RawMessage
from brandwache.intake.pipeline import ingest

pytestmark = pytest.mark.django_db


@pytest.fixture
def failed_raw() -> RawMessage:
    return ingest("webform", b'{"text": "Hallo"}').raw


GET_PAGES = ["web:inbox", "web:new_entry", "web:intake_problems"]
CASE_POSTS = [
    ("web:case_reply", {"text": "Guten Tag"}),
    ("web:case_note", {"text": "Notiz"}),
    ("web:case_assign", {"owner": "", "team": ""}),
    ("web:case_status", {"status": "open"}),
    ("web:case_priority", {"priority": "high"}),
    ("web:case_category", {"category": "billing"}),
    ("web:case_subject", {"subject": "Neuer Betreff"}),
    ("web:case_merge", {"target": "BW-2026-99999"}),
]


@pytest.mark.parametrize("name", GET_PAGES)
def test_anonymous_visitors_are_sent_to_the_login_page(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=")


def test_anonymous_visitors_cannot_open_a_case(client, billing_case):
    response = client.get(billing_case.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", GET_PAGES)
def test_logged_in_users_without_a_role_are_refused(client, outsider, name):
    client.force_login(outsider)
    assert client.get(reverse(name)).status_code == 403


def test_users_without_a_role_cannot_open_or_change_a_case(client, outsider, billing_case):
    client.force_login(outsider)
    assert client.get(billing_case.get_absolute_url()).status_code == 403
    for name, data in CASE_POSTS:
        assert client.post(reverse(name, args=[billing_case.reference]), data).status_code == 403
    assert not billing_case.events.filter(kind=CaseEvent.Kind.VIEWED).exists()


@pytest.mark.parametrize("name", GET_PAGES)
def test_agents_and_leads_open_every_page(client, agent, lead, name):
    for user in (agent, lead):
        client.force_login(user)
        assert client.get(reverse(name)).status_code == 200


def test_the_case_is_open_to_its_team_and_to_leads(client, agent, lead, billing_case):
    for user in (agent, lead):
        client.force_login(user)
        assert client.get(billing_case.get_absolute_url()).status_code == 200


def test_a_colleague_of_another_team_neither_sees_nor_changes_the_case(
    client, colleague, billing_case
):
    client.force_login(colleague)
    assert client.get(billing_case.get_absolute_url()).status_code == 404
    for name, data in CASE_POSTS:
        assert client.post(reverse(name, args=[billing_case.reference]), data).status_code == 404
    assert billing_case.events.filter(actor=colleague).count() == 0


def test_a_colleague_does_not_find_the_case_in_the_inbox(client, colleague, billing_case):
    client.force_login(colleague)
    response = client.get(reverse("web:inbox"), {"status": "all"})
    assert billing_case.reference not in response.content.decode()


def test_case_forms_accept_only_post(agent_client, billing_case):
    for name, _data in CASE_POSTS:
        url = reverse(name, args=[billing_case.reference])
        assert agent_client.get(url).status_code == 405


def test_case_forms_need_the_csrf_token(agent, billing_case):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(agent)
    response = strict.post(reverse("web:case_note", args=[billing_case.reference]), {"text": "x"})
    assert response.status_code == 403
    assert not billing_case.events.filter(kind=CaseEvent.Kind.NOTE).exists()


def test_agents_see_intake_problems_but_only_leads_reprocess_or_download(
    client, agent, lead, failed_raw
):
    reprocess = reverse("web:intake_reprocess", args=[failed_raw.pk])
    download = reverse("web:intake_raw", args=[failed_raw.pk])
    client.force_login(agent)
    assert client.post(reprocess).status_code == 403
    assert client.post(reverse("web:intake_reprocess_all")).status_code == 403
    assert client.get(download).status_code == 403
    client.force_login(lead)
    assert client.get(download).status_code == 200
    assert client.post(reprocess).status_code == 302


def test_outsiders_and_anonymous_visitors_get_no_raw_payload(client, outsider, failed_raw):
    download = reverse("web:intake_raw", args=[failed_raw.pk])
    assert client.get(download).status_code == 302
    client.force_login(outsider)
    assert client.get(download).status_code == 403
    assert client.post(reverse("web:intake_reprocess", args=[failed_raw.pk])).status_code == 403


def test_anonymous_visitors_cannot_use_the_case_forms(client, billing_case):
    for name, data in CASE_POSTS:
        response = client.post(reverse(name, args=[billing_case.reference]), data)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    assert billing_case.events.count() == 3  # opened, message, assigned to the team


def test_the_owner_sees_a_case_of_another_team_once_it_is_theirs(
    client, lead, colleague, billing_case
):
    actions.assign_case(billing_case, lead, owner=colleague, team=billing_case.team)
    client.force_login(colleague)
    assert client.get(billing_case.get_absolute_url()).status_code == 200
    response = client.post(
        reverse("web:case_note", args=[billing_case.reference]), {"text": "Übernommen"}
    )
    assert response.status_code == 302
    assert billing_case.events.filter(kind=CaseEvent.Kind.NOTE, actor=colleague).exists()
