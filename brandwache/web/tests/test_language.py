"""German by default, English after switching; the login page included."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_interface_is_german_by_default(agent_client, billing_case):
    inbox = agent_client.get(reverse("web:inbox")).content.decode()
    assert '<html lang="de">' in inbox
    assert "<h1>Eingang</h1>" in inbox
    assert "Alle unerledigten" in inbox
    assert '<span class="badge status-new">Neu</span>' in inbox
    case = agent_client.get(billing_case.get_absolute_url()).content.decode()
    assert '<h2 id="timeline-title">Verlauf</h2>' in case


def test_switching_to_english_keeps_the_page_and_translates_it(agent_client, billing_case):
    url = billing_case.get_absolute_url()
    response = agent_client.post("/i18n/setlang/", {"language": "en", "next": url})
    assert response.status_code == 302 and response["Location"] == url
    page = agent_client.get(url).content.decode()
    assert '<html lang="en">' in page
    assert '<h2 id="timeline-title">Timeline</h2>' in page
    assert '<span class="badge status-new">New</span>' in page
    agent_client.post("/i18n/setlang/", {"language": "de", "next": url})
    assert "Verlauf" in agent_client.get(url).content.decode()


def test_the_login_page_is_german_and_logs_an_agent_in(client, agent):
    page = client.get(reverse("login")).content.decode()
    assert "<h1>Anmelden</h1>" in page and "Passwort" in page
    response = client.post(
        reverse("login"), {"username": "anna", "password": "correct horse battery staple"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("web:inbox")


def test_a_wrong_password_is_refused_on_the_login_page(client, agent):
    response = client.post(reverse("login"), {"username": "anna", "password": "falsch"})
    assert response.status_code == 200
    assert "Bitte Benutzername und Passwort eingeben." in response.content.decode()


def test_logging_out_is_a_post_form_and_ends_the_session(agent_client):
    page = agent_client.get(reverse("web:inbox")).content.decode()
    assert f'<form action="{reverse("logout")}" method="post">' in page
    agent_client.post(reverse("logout"))
    assert agent_client.get(reverse("web:inbox")).status_code == 302


def test_the_navigation_shows_intake_problems_and_administration_only_to_who_may_use_them(
    client, agent, lead
):
    agent.is_staff = True
    agent.save()
    client.force_login(agent)
    page = client.get(reverse("web:inbox")).content.decode()
    assert reverse("admin:index") in page
    assert reverse("web:intake_problems") in page
    lead.user_permissions.clear()
    client.force_login(lead)
    page = client.get(reverse("web:inbox")).content.decode()
    assert reverse("admin:index") not in page
