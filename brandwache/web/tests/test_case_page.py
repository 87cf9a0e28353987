"""The case page: header, the cross-channel timeline, attachments and the audit of views."""

from __future__ import annotations

import base64
import json

import pytest
from django.urls import reverse

from brandwache.cases import actions
from brandwache.cases.models import Attachment, CaseEvent
from brandwache.intake.pipeline import ingest
from brandwache.web.tests.conftest import email_case, manual_entry

pytestmark = pytest.mark.django_db


def page(client, case) -> str:
    response = client.get(case.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_the_header_shows_reference_subject_status_contact_and_team(agent_client, billing_case):
    html = page(agent_client, billing_case)
    assert billing_case.reference in html
    assert "Doppelte Belastung" in html
    assert "Petra Muster" in html
    assert "petra.muster@example.ch" in html
    assert "Billing" in html
    assert 'class="badge status-new"' in html


def test_the_timeline_shows_messages_of_every_channel_in_order(agent_client, agent, billing_case):
    manual_entry(
        text="Kundin ruft an: Betrag immer noch doppelt.", case_reference=billing_case.reference
    )
    web = ingest(
        "webform",
        json.dumps(
            {
                "email": "petra.muster@example.ch",
                "text": "Ich habe das Formular auch noch ausgefüllt.",
                "subject": f"Nachtrag {billing_case.reference}",
            }
        ).encode(),
    )
    # The form proves no address: its message opens a case of its own, which the agent merges.
    assert web.message is not None and web.message.case_id != billing_case.pk
    actions.merge_cases(web.message.case, billing_case, agent)
    html = page(agent_client, billing_case)
    first = html.index("Meine Rechnung vom März")
    second = html.index("Kundin ruft an")
    third = html.index("Ich habe das Formular")
    assert first < second < third
    for label in ("E-Mail", "Telefonanruf", "Webformular"):
        assert f'<span class="badge channel">{label}</span>' in html


def test_notes_assignments_and_status_changes_appear_with_their_actor(
    agent_client, agent, billing_case
):
    actions.add_note(billing_case, agent, "Bitte Buchhaltung fragen.")
    actions.assign_case(billing_case, agent, owner=agent, team=billing_case.team)
    actions.change_status(billing_case, agent, "waiting_internal")
    html = page(agent_client, billing_case)
    assert "Bitte Buchhaltung fragen." in html
    assert "Zugewiesen an anna, Team Billing." in html
    assert "Status von „Neu“ auf „Wartet intern“ geändert." in html
    assert html.count("von anna") >= 3


def test_quoted_text_and_signature_are_folded_away(agent_client):
    case = email_case(
        "Danke für die Antwort.",
        quoted_text="> Sehr geehrte Frau Muster",
        signature="Petra Muster\nBahnhofstrasse 1",
    )
    html = page(agent_client, case)
    assert "<details><summary>Zitierter Text</summary>" in html
    assert "&gt; Sehr geehrte Frau Muster" in html
    assert "<details><summary>Signatur</summary>" in html


def test_html_and_script_in_a_message_are_never_rendered_as_markup(agent_client):
    case = email_case(
        '<script>alert("x")</script> Hallo',
        subject='<img src=x onerror="alert(1)">',
        html='<p>Hallo <b>Welt</b></p><script>alert("y")</script>',
    )
    only_html = email_case("", sender="html@example.ch", html="<p>Nur &amp; <b>HTML</b></p>")
    html = page(agent_client, case)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Hallo" in html
    assert "<img src=x" not in html
    html = page(agent_client, only_html)
    assert "<b>HTML</b>" not in html
    assert "Nur &amp; HTML" in html


def test_opening_the_page_is_audited_but_not_shown_on_the_timeline(
    agent_client, agent, billing_case
):
    html = page(agent_client, billing_case)
    viewed = billing_case.events.get(kind=CaseEvent.Kind.VIEWED)
    assert viewed.actor == agent
    assert viewed.ip_address == "127.0.0.1"
    assert f'id="event-{viewed.pk}"' not in html
    assert "Angesehen" not in html


def test_a_merged_case_points_to_the_case_that_holds_its_messages(agent_client, agent):
    source = email_case(sender="a@example.ch")
    target = email_case(sender="a@example.ch")
    actions.merge_cases(source, target, agent)
    html = page(agent_client, source)
    assert f'href="/cases/{target.reference}/"' in html
    assert "case_reply" not in html and 'action="/cases/' not in html


def scanned_letter(content: bytes = b"%PDF-1.4 Brief") -> Attachment:
    payload = {
        "name": "Hans Beispiel",
        "postal": "Seeweg 3, 8000 Zürich",
        "text": "Brief liegt bei.",
        "attachments": [
            {
                "filename": "brief.pdf",
                "content_type": "application/pdf",
                "content_base64": base64.b64encode(content).decode(),
            }
        ],
    }
    result = ingest("letter", json.dumps(payload).encode())
    assert result.message is not None
    return result.message.attachments.get()


def test_attachments_are_listed_and_downloaded_as_files(agent_client):
    attachment = scanned_letter()
    case = attachment.message.case
    url = reverse("web:attachment", args=[case.reference, attachment.pk])
    assert url in page(agent_client, case)
    response = agent_client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="brief.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == b"%PDF-1.4 Brief"


def test_attachments_are_only_served_to_who_may_see_the_case(client, colleague, outsider, team):
    attachment = scanned_letter()
    case = attachment.message.case
    actions.assign_case(case, None, owner=None, team=team)
    url = reverse("web:attachment", args=[case.reference, attachment.pk])
    assert client.get(url).status_code == 302
    client.force_login(outsider)
    assert client.get(url).status_code == 403
    client.force_login(colleague)
    assert client.get(url).status_code == 404


def test_an_attachment_is_only_served_under_its_own_case(agent_client):
    attachment = scanned_letter()
    other = email_case()
    url = reverse("web:attachment", args=[other.reference, attachment.pk])
    assert agent_client.get(url).status_code == 404


def test_a_receipt_and_a_category_change_are_one_line_each_not_a_second_message(
    agent_client, agent, billing_case
):
    first = billing_case.messages.get()
    actions.record_confirmation_sent(first, recipient="petra.muster@example.ch", language="de")
    actions.change_category(billing_case, agent, "Rechnung")
    html = page(agent_client, billing_case)
    assert html.count("Meine Rechnung vom März") == 1
    assert "Eingangsbestätigung an petra.muster@example.ch gesendet." in html
    assert "Kategorie von „(keine)“ auf „Rechnung“ geändert." in html
