"""The contact page: identities, the cases the reader may see, merging and adding identities."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.urls import reverse

from brandwache.cases.models import Case, CaseEvent
from brandwache.contacts.models import Contact, Identity
from brandwache.web.tests.conftest import email_case, manual_entry
from conftest import make_user

pytestmark = pytest.mark.django_db


def contact_url(contact: Contact, name: str = "web:contact") -> str:
    return reverse(name, args=[contact.pk])


def flashed(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def find_other(client, contact: Contact, typed: str, *, follow: bool = False):
    return client.post(
        contact_url(contact, "web:contact_merge"), {"identity": typed}, follow=follow
    )


def confirm_merge(client, contact: Contact, duplicate: Contact, *, follow: bool = False):
    return client.post(
        contact_url(contact, "web:contact_merge"), {"duplicate": duplicate.pk}, follow=follow
    )


def add_identity(client, contact: Contact, kind: str, value: str):
    return client.post(
        contact_url(contact, "web:contact_add_identity"),
        {"kind": kind, "value": value},
        follow=True,
    )


@pytest.fixture
def hans_case() -> Case:
    """A phone call without a team: every agent sees it."""
    return manual_entry("phone")


def test_the_page_lists_identities_and_only_the_cases_the_reader_may_see(
    client, agent, colleague, lead, team, other_team
):
    billing = email_case(team=team)
    rail = email_case(subject="Zug verspätet", text="Mein Zug kam zu spät.", team=other_team)
    contact = billing.contact
    assert rail.contact == contact
    seen = {}
    for user in (agent, colleague, lead):
        client.force_login(user)
        response = client.get(contact_url(contact))
        assert response.status_code == 200
        html = response.content.decode()
        assert "Petra Muster" in html and "petra.muster@example.ch" in html
        seen[user.username] = {c.reference for c in (billing, rail) if c.reference in html}
    assert seen == {
        "anna": {billing.reference},
        "beat": {rail.reference},
        "lena": {billing.reference, rail.reference},
    }


def test_an_agent_who_sees_none_of_the_contacts_cases_does_not_find_the_contact(
    client, colleague, billing_case, hans_case
):
    """Not found rather than forbidden: a 403 would confirm that the customer exists."""
    contact = billing_case.contact
    client.force_login(colleague)
    response = client.get(contact_url(contact))
    assert response.status_code == 404
    assert "petra.muster@example.ch" not in response.content.decode()
    writes = [
        ("web:contact_merge", {"identity": "+41 79 123 45 67"}),
        ("web:contact_merge", {"duplicate": hans_case.contact.pk}),
        ("web:contact_add_identity", {"kind": "email", "value": "beat@example.ch"}),
    ]
    for name, data in writes:
        assert client.post(contact_url(contact, name), data).status_code == 404
    assert list(contact.identities.values_list("value", flat=True)) == ["petra.muster@example.ch"]
    hans_case.contact.refresh_from_db()
    assert hans_case.contact.merged_into is None
    assert not CaseEvent.objects.filter(kind=CaseEvent.Kind.IDENTITY_ADDED).exists()


def test_an_agent_cannot_give_their_own_address_to_another_teams_customer(
    client, colleague, billing_case
):
    """The way into a stranger's case: an address of one's own on their contact."""
    client.force_login(colleague)
    response = client.post(
        contact_url(billing_case.contact, "web:contact_add_identity"),
        {"kind": "email", "value": "beat@example.ch"},
    )
    assert response.status_code == 404
    assert not Identity.objects.filter(value="beat@example.ch").exists()


def test_a_contact_is_visible_through_its_message_on_a_visible_case(
    client, colleague, lead, other_team, billing_case
):
    """An agent records Petra's call on the rail case: the rail team reads her message, so
    her contact."""
    rail = email_case(
        subject="Zug verspätet", sender="hugo@example.ch", name="Hugo Bahn", team=other_team
    )
    client.force_login(colleague)
    petra = billing_case.contact
    assert client.get(contact_url(petra)).status_code == 404
    manual_entry(
        name="Petra Muster",
        email="petra.muster@example.ch",
        phone="",
        text="Petra ruft wegen Hugos Zug an.",
        case_reference=rail.reference,
    )
    assert client.get(contact_url(petra)).status_code == 200


def test_the_merge_look_up_does_not_find_another_teams_customer(
    client, colleague, other_team, billing_case
):
    rail = email_case(
        subject="Zug verspätet", sender="hugo@example.ch", name="Hugo Bahn", team=other_team
    )
    client.force_login(colleague)
    response = find_other(client, rail.contact, "petra.muster@example.ch", follow=True)
    assert response.status_code == 200
    assert (
        "Kein Kontakt hat die E-Mail-Adresse, Telefonnummer oder das Social-Media-Konto "
        "petra.muster@example.ch." in flashed(response)
    )
    assert "Petra Muster" not in response.content.decode()
    response = confirm_merge(client, rail.contact, billing_case.contact)
    assert response.status_code == 404
    billing_case.contact.refresh_from_db()
    assert billing_case.contact.merged_into is None


def test_an_address_of_another_teams_customer_is_refused_without_naming_them(
    client, colleague, other_team, billing_case
):
    rail = email_case(
        subject="Zug verspätet", sender="hugo@example.ch", name="Hugo Bahn", team=other_team
    )
    client.force_login(colleague)
    response = add_identity(client, rail.contact, "email", "petra.muster@example.ch")
    assert (
        "petra.muster@example.ch gehört bereits zu einem anderen Kontakt. Wenn beide dieselbe "
        "Person sind, kann eine Teamleitung die beiden zusammenführen." in flashed(response)
    )
    assert "Petra Muster" not in response.content.decode()
    assert rail.contact.identities.count() == 1


def test_a_lead_sees_every_contact(client, lead, billing_case):
    client.force_login(lead)
    assert client.get(contact_url(billing_case.contact)).status_code == 200


def test_anonymous_visitors_and_outsiders_neither_see_nor_change_a_contact(
    client, outsider, billing_case, hans_case
):
    contact = billing_case.contact
    writes = [
        ("web:contact_merge", {"identity": "+41 79 123 45 67"}),
        ("web:contact_merge", {"duplicate": hans_case.contact.pk}),
        ("web:contact_add_identity", {"kind": "email", "value": "neu@example.ch"}),
    ]
    response = client.get(contact_url(contact))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    for name, data in writes:
        response = client.post(contact_url(contact, name), data)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    client.force_login(outsider)
    assert client.get(contact_url(contact)).status_code == 403
    for name, data in writes:
        assert client.post(contact_url(contact, name), data).status_code == 403
    hans_case.contact.refresh_from_db()
    assert hans_case.contact.merged_into is None
    assert contact.identities.count() == 1


def test_an_unknown_contact_is_not_found(agent_client):
    assert agent_client.get(reverse("web:contact", args=[999999])).status_code == 404


def test_the_case_page_links_to_its_contact(agent_client, billing_case):
    html = agent_client.get(billing_case.get_absolute_url()).content.decode()
    assert f'href="{contact_url(billing_case.contact)}"' in html


def test_merging_needs_the_right_to_change_cases(client, team, billing_case, hans_case):
    reader = make_user("rita")
    team.members.add(reader)
    reader.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_case", "view_contact"],
            content_type__app_label__in=["cases", "contacts"],
        )
    )
    client.force_login(reader)
    contact = billing_case.contact
    html = client.get(contact_url(contact)).content.decode()
    assert contact_url(contact, "web:contact_merge") not in html
    assert find_other(client, contact, "+41 79 123 45 67").status_code == 403
    assert confirm_merge(client, contact, hans_case.contact).status_code == 403
    response = client.post(
        contact_url(contact, "web:contact_add_identity"), {"kind": "email", "value": "x@y.ch"}
    )
    assert response.status_code == 403
    hans_case.contact.refresh_from_db()
    assert hans_case.contact.merged_into is None


def test_the_merge_is_confirmed_first_showing_both_contacts(agent_client, billing_case, hans_case):
    petra, hans = billing_case.contact, hans_case.contact
    response = find_other(agent_client, petra, "0041 79 123 45 67")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Petra Muster" in html and "Hans Beispiel" in html
    assert "+41 79 123 45 67" in html
    assert f'name="duplicate" value="{hans.pk}"' in html
    assert "„Hans Beispiel“ mit „Petra Muster“ zusammenführen" in html
    hans.refresh_from_db()
    assert hans.merged_into is None
    assert not CaseEvent.objects.filter(kind=CaseEvent.Kind.CONTACT_MERGED).exists()


def test_the_merge_moves_identities_and_cases_and_is_recorded_on_each_case(
    agent_client, agent, billing_case, hans_case
):
    petra, hans = billing_case.contact, hans_case.contact
    response = confirm_merge(agent_client, petra, hans)
    assert response["Location"] == contact_url(petra)
    hans.refresh_from_db()
    hans_case.refresh_from_db()
    assert hans.merged_into == petra
    assert hans_case.contact == petra
    assert Identity.objects.get(kind=Identity.Kind.PHONE).contact == petra
    for case in (billing_case, hans_case):
        event = case.events.get(kind=CaseEvent.Kind.CONTACT_MERGED)
        assert (event.actor, event.ip_address) == (agent, "127.0.0.1")
        assert (event.data["merged_name"], event.data["contact_name"]) == (
            "Hans Beispiel",
            "Petra Muster",
        )
    html = agent_client.get(contact_url(petra)).content.decode()
    assert billing_case.reference in html and hans_case.reference in html
    assert "+41 79 123 45 67" in html
    timeline = agent_client.get(hans_case.get_absolute_url()).content.decode()
    assert "Kontakt „Hans Beispiel“ wurde mit „Petra Muster“ zusammengeführt." in timeline


def test_the_merged_contacts_address_leads_to_the_contact_it_was_merged_into(
    agent_client, billing_case, hans_case
):
    petra, hans = billing_case.contact, hans_case.contact
    confirm_merge(agent_client, petra, hans)
    response = agent_client.get(contact_url(hans))
    assert response.status_code == 302
    assert response["Location"] == contact_url(petra)


def test_a_contact_merged_meanwhile_is_not_merged_again(agent_client, billing_case, hans_case):
    petra, hans = billing_case.contact, hans_case.contact
    confirm_merge(agent_client, petra, hans)
    response = confirm_merge(agent_client, petra, hans, follow=True)
    assert any("inzwischen" in text for text in flashed(response))
    assert hans_case.events.filter(kind=CaseEvent.Kind.CONTACT_MERGED).count() == 1
    response = find_other(agent_client, hans, "petra.muster@example.ch", follow=True)
    assert response.redirect_chain[-1][0] == contact_url(petra)
    assert any("inzwischen" in text for text in flashed(response))


def test_a_contact_is_not_merged_into_itself(agent_client, billing_case):
    petra = billing_case.contact
    response = find_other(agent_client, petra, "Petra.Muster@example.ch", follow=True)
    assert "Petra.Muster@example.ch gehört zu diesem Kontakt." in flashed(response)
    response = confirm_merge(agent_client, petra, petra, follow=True)
    assert "Ein Kontakt kann nicht mit sich selbst zusammengeführt werden." in flashed(response)
    petra.refresh_from_db()
    assert petra.merged_into is None


def test_an_identity_nobody_has_is_reported(agent_client, billing_case):
    response = find_other(agent_client, billing_case.contact, "niemand@example.ch", follow=True)
    assert (
        "Kein Kontakt hat die E-Mail-Adresse, Telefonnummer oder das Social-Media-Konto "
        "niemand@example.ch." in flashed(response)
    )


def test_an_identity_is_added_and_recorded_on_the_contacts_cases(agent_client, agent, billing_case):
    petra = billing_case.contact
    response = add_identity(agent_client, petra, "email", "Petra.M@Example.ch")
    assert "E-Mail-Adresse Petra.M@Example.ch hinzugefügt." in flashed(response)
    identity = petra.identities.get(value="petra.m@example.ch")
    assert identity.label == "Petra.M@Example.ch"
    event = billing_case.events.get(kind=CaseEvent.Kind.IDENTITY_ADDED)
    assert (event.actor, event.ip_address) == (agent, "127.0.0.1")
    timeline = agent_client.get(billing_case.get_absolute_url()).content.decode()
    assert "E-Mail-Adresse beim Kontakt ergänzt: Petra.M@Example.ch" in timeline


def test_an_identity_of_another_contact_is_refused_with_a_hint_to_merge(
    agent_client, billing_case, hans_case
):
    petra, hans = billing_case.contact, hans_case.contact
    response = add_identity(agent_client, petra, "phone", "+41 79 123 45 67")
    assert (
        "+41 79 123 45 67 gehört bereits zum Kontakt „Hans Beispiel“. Wenn beide dieselbe "
        "Person sind, führen Sie jenen Kontakt mit diesem zusammen." in flashed(response)
    )
    assert Identity.objects.get(kind=Identity.Kind.PHONE).contact == hans
    assert not CaseEvent.objects.filter(kind=CaseEvent.Kind.IDENTITY_ADDED).exists()


def test_an_identity_the_contact_has_already_is_refused(agent_client, billing_case):
    petra = billing_case.contact
    response = add_identity(agent_client, petra, "email", "PETRA.MUSTER@example.ch")
    assert "Dieser Kontakt hat PETRA.MUSTER@example.ch bereits." in flashed(response)
    assert petra.identities.count() == 1
    assert not billing_case.events.filter(kind=CaseEvent.Kind.IDENTITY_ADDED).exists()


def test_a_malformed_e_mail_address_is_refused(agent_client, billing_case):
    petra = billing_case.contact
    response = add_identity(agent_client, petra, "email", "petra at example")
    assert any(text.startswith("Wert:") for text in flashed(response))
    assert petra.identities.count() == 1
