"""The admin shows what the agent interface shows: a staff-flagged agent finds only their
teams' cases and customers there, and nobody finds a status token in it."""

from __future__ import annotations

import json

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission, User
from django.urls import reverse

from brandwache.cases.models import Case, Message
from brandwache.contacts.models import Contact
from brandwache.intake.pipeline import ingest
from brandwache.scoped_admin import TeamScopedAdmin
from brandwache.statuslinks import hide_status_links
from brandwache.updates.models import UpdateLog
from brandwache.web.tests.conftest import email_case
from conftest import make_user
from tests.access_world import holds_customer_data

pytestmark = pytest.mark.django_db


def staff(username: str, *groups: str) -> User:
    """An agent given `is_staff` and the FAQ permissions, as one who keeps the FAQ."""
    user = make_user(username, *groups)
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="answers", codename="view_article")
    )
    return user


@pytest.fixture
def faq_editor(other_team) -> User:
    """Beat's teammate, of the rail team."""
    user = staff("fabienne", "Agents")
    other_team.members.add(user)
    return user


@pytest.fixture
def root(db) -> User:
    return User.objects.create_superuser("root", "root@example.ch", "x")


@pytest.fixture
def billing_case(team) -> Case:
    return email_case(team=team)


@pytest.fixture
def rail_case(other_team) -> Case:
    return email_case(
        "Mein Zug kam zu spät.",
        subject="Zug verspätet",
        sender="hugo@example.ch",
        name="Hugo Bahn",
        team=other_team,
    )


def change_url(obj: object) -> str:
    meta = obj._meta  # type: ignore[attr-defined]
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])  # type: ignore[attr-defined]


def changelist(model: type) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def test_a_staff_agent_finds_only_their_teams_cases_in_the_admin(
    client, faq_editor, billing_case, rail_case
):
    faq_editor.user_permissions.add(Permission.objects.get(codename="view_caseevent"))
    client.force_login(faq_editor)
    listed = client.get(changelist(Case))
    assert listed.status_code == 200
    assert [case.pk for case in listed.context["cl"].result_list] == [rail_case.pk]
    searched = client.get(changelist(Case), {"q": billing_case.reference})
    assert searched.context["cl"].result_count == 0
    response = client.get(change_url(billing_case))
    assert response.status_code == 302 and response["Location"] == reverse("admin:index")
    assert client.get(change_url(rail_case)).status_code == 200
    events = client.get(changelist(billing_case.events.model)).content.decode()
    assert billing_case.reference not in events and rail_case.reference in events


def test_a_staff_agent_finds_only_the_contacts_of_their_teams_cases(
    client, faq_editor, billing_case, rail_case
):
    client.force_login(faq_editor)
    listed = client.get(changelist(Contact))
    assert [contact.pk for contact in listed.context["cl"].result_list] == [rail_case.contact_id]
    searched = client.get(changelist(Contact), {"q": "petra.muster@example.ch"})
    assert searched.context["cl"].result_count == 0
    assert client.get(change_url(billing_case.contact)).status_code == 302


def test_raw_messages_show_their_metadata_to_superusers_only(client, team, root):
    result = ingest(
        "webform",
        json.dumps({"email": "petra.muster@example.ch", "text": "Hallo"}).encode(),
        metadata={"submission_id": "raw-metadata", "ip": "203.0.113.7"},
    )
    raw = result.raw
    assert result.message is not None
    result.message.case.team = team
    result.message.case.save(update_fields=["team"])
    teammate = staff("tim", "Agents")
    team.members.add(teammate)
    client.force_login(teammate)
    page = client.get(change_url(raw)).content.decode()
    assert "field-metadata" not in page and "203.0.113.7" not in page
    client.force_login(staff("ruth", "Agents"))  # of no team: the case is not hers
    assert client.get(change_url(raw)).status_code == 302
    client.force_login(root)
    page = client.get(change_url(raw)).content.decode()
    assert "field-metadata" in page and "203.0.113.7" in page


def test_no_admin_page_shows_or_filters_by_a_status_token(client, root, billing_case):
    client.force_login(root)
    token = billing_case.status_token
    page = client.get(change_url(billing_case))
    assert page.status_code == 200 and token not in page.content.decode()
    assert token not in client.get(changelist(Case)).content.decode()
    assert client.get(changelist(Case), {"status_token": token}).status_code == 400
    events = changelist(billing_case.events.model)
    assert client.get(events, {"case__status_token__startswith": token[:3]}).status_code == 400
    assert client.get(changelist(Case), {"q": token}).context["cl"].result_count == 0


def test_words_to_write_to_the_customer_show_the_status_link_shortened_in_the_admin(
    client, root, settings, team
):
    settings.BRANDWACHE_CUSTOMER_UPDATES = True
    payload = {"name": "Hans Beispiel", "postal": "Bahnhofstrasse 1, 8001 Zürich", "text": "Brief"}
    case = ingest("letter", json.dumps(payload).encode()).message.case  # type: ignore[union-attr]
    record = UpdateLog.objects.filter(case=case, outcome=UpdateLog.Outcome.DUE).first()
    assert record is not None and case.status_token in record.text
    client.force_login(root)
    page = client.get(change_url(record)).content.decode()
    assert case.status_token not in page and "/status/…/" in page


def test_the_case_timeline_shows_the_status_link_of_a_sent_update_shortened(
    client, settings, agent, team, django_capture_on_commit_callbacks
):
    settings.BRANDWACHE_CUSTOMER_UPDATES = True
    with django_capture_on_commit_callbacks(execute=True):
        case = email_case(team=team)
    update = case.messages.filter(direction=Message.Direction.OUTBOUND).first()
    assert update is not None and case.status_token in update.text
    client.force_login(agent)
    page = client.get(case.get_absolute_url()).content.decode()
    assert case.status_token not in page and "/status/…/" in page


def test_a_status_link_is_shortened_wherever_it_stands_in_a_text() -> None:
    text = "Ihr Fall: https://service.example.ch/status/AbC-1_xyz0123456789/ – Danke"
    assert hide_status_links(text) == "Ihr Fall: https://service.example.ch/status/…/ – Danke"


def test_every_admin_of_customer_data_is_scoped_by_team() -> None:
    """A new admin of something tied to a case or a customer must say how it is scoped."""
    unscoped = [
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if holds_customer_data(model) and not isinstance(model_admin, TeamScopedAdmin)
    ]
    assert not unscoped
