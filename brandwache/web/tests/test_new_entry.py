"""New entry: phone calls, letters and faxes written down by an agent go through intake."""

from __future__ import annotations

import json
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from brandwache.cases.models import Case, Message
from brandwache.contacts.models import Identity
from brandwache.intake.models import RawMessage
from brandwache.web.tests.conftest import email_case

pytestmark = pytest.mark.django_db

URL = "/entries/new/"


def form(**fields: object) -> dict[str, object]:
    data: dict[str, object] = {
        "entry_id": str(uuid.uuid4()),
        "kind": "phone",
        "occurred_at": "2026-03-02T09:15",
        "name": "Hans Beispiel",
        "phone": "+41 79 123 45 67",
        "email": "",
        "postal": "",
        "subject": "Zug ausgefallen",
        "text": "Herr Beispiel ruft an: Sein Zug fiel aus, er will das Geld zurück.",
        "case_reference": "",
    }
    data.update(fields)
    return data


def test_the_form_is_offered_with_a_fresh_entry_id(agent_client):
    first = agent_client.get(URL).content.decode()
    second = agent_client.get(URL).content.decode()
    assert 'name="entry_id"' in first
    assert reverse("web:new_entry") == URL
    ids = [page.split('name="entry_id" value="')[1][:36] for page in (first, second)]
    assert ids[0] != ids[1]


def test_a_phone_call_opens_a_case_and_the_agent_lands_on_it(agent_client, agent):
    response = agent_client.post(URL, form())
    message = Message.objects.get()
    assert response.status_code == 302
    assert response["Location"] == message.case.get_absolute_url()
    assert message.channel == "phone" and message.author == agent
    assert message.sent_at.isoformat().startswith("2026-03-02T08:15")  # 09:15 in Zurich
    assert message.case.contact.identities.get().value == "+41791234567"
    raw = message.raw
    assert raw.metadata["user"] == "anna" and raw.metadata["ip"] == "127.0.0.1"
    assert json.loads(bytes(raw.payload))["phone"] == "+41 79 123 45 67"


def test_submitting_the_same_form_twice_records_one_entry(agent_client):
    data = form()
    first = agent_client.post(URL, data)
    second = agent_client.post(URL, data)
    assert first["Location"] == second["Location"]
    assert Message.objects.count() == 1 and RawMessage.objects.count() == 1


def test_a_letter_with_a_scan_keeps_the_scan_as_attachment(agent_client):
    scan = SimpleUploadedFile("brief.pdf", b"%PDF-1.7\nBrief", content_type="application/pdf")
    data = form(kind="letter", phone="", postal="Seeweg 3\n8000 Zürich", text="", scan=scan)
    response = agent_client.post(URL, data)
    assert response.status_code == 302
    message = Message.objects.get()
    assert message.channel == "letter"
    attachment = message.attachments.get()
    assert (attachment.filename, attachment.content_type) == ("brief.pdf", "application/pdf")
    assert attachment.file.read() == b"%PDF-1.7\nBrief"
    assert message.case.contact.identities.get().kind == Identity.Kind.POSTAL


def test_a_scan_that_is_no_pdf_or_image_is_refused(agent_client):
    scan = SimpleUploadedFile("brief.pdf", b"<html>nope</html>", content_type="application/pdf")
    response = agent_client.post(URL, form(kind="letter", scan=scan))
    assert response.status_code == 400
    assert (
        "Als Scan können nur PDF-Dateien und Bilder angehängt werden." in response.content.decode()
    )
    assert RawMessage.objects.count() == 0


def test_a_scan_over_the_size_limit_is_refused(agent_client, settings):
    settings.BRANDWACHE_MAX_ATTACHMENT_BYTES = 10
    scan = SimpleUploadedFile("brief.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20)
    response = agent_client.post(URL, form(kind="fax", scan=scan))
    assert response.status_code == 400
    assert "höchstens 10\xa0Bytes sind erlaubt" in response.content.decode()


def test_an_entry_without_any_way_to_reach_the_customer_is_refused(agent_client):
    response = agent_client.post(URL, form(phone=""))
    assert response.status_code == 400
    assert "mindestens einen Kontaktweg" in response.content.decode()
    assert RawMessage.objects.count() == 0


def test_an_entry_joins_the_case_it_names(agent_client, billing_case):
    response = agent_client.post(URL, form(case_reference=billing_case.reference.lower()))
    assert response["Location"] == billing_case.get_absolute_url()
    assert billing_case.messages.filter(channel="phone").exists()


def test_an_entry_cannot_join_a_case_the_agent_may_not_see(agent_client, other_team):
    hidden = email_case(team=other_team)
    response = agent_client.post(URL, form(case_reference=hidden.reference))
    assert response.status_code == 400
    assert not hidden.messages.filter(channel="phone").exists()
    assert Case.objects.count() == 1


def test_an_entry_the_intake_rejects_shows_the_reason_and_is_kept(agent_client, lead, settings):
    settings.BRANDWACHE_MAX_MESSAGE_BYTES = 20
    data = form()
    response = agent_client.post(URL, data)
    assert response.status_code == 422
    html = response.content.decode()
    assert "Der Eintrag konnte nicht verarbeitet werden." in html
    assert "the limit is 20 bytes" in html
    assert data["entry_id"] not in html  # a corrected form is a new entry
    raw = RawMessage.objects.get()
    assert raw.status == RawMessage.Status.FAILED
    assert f'id="raw-{raw.pk}"' in agent_client.get(reverse("web:intake_problems")).content.decode()


def test_the_case_page_links_to_a_new_entry_for_contacts_without_e_mail(agent_client):
    agent_client.post(URL, form())
    case = Case.objects.get()
    page = agent_client.get(case.get_absolute_url()).content.decode()
    link = f"/entries/new/?case={case.reference}"
    assert link in page
    assert f'value="{case.reference}"' in agent_client.get(link).content.decode()
