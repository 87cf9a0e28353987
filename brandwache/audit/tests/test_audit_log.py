"""Who looked at or changed customer data outside a case timeline is written down."""

from __future__ import annotations

import pytest
from django.urls import reverse

from brandwache.audit.models import AuditEntry
from brandwache.cases.models import CaseEvent
from brandwache.intake.channels.base import ParsedAttachment
from brandwache.intake.channels.formpayload import encode_payload
from brandwache.intake.models import RawMessage
from brandwache.intake.pipeline import ingest

pytestmark = pytest.mark.django_db


def failed_raw() -> RawMessage:
    raw = ingest("phone", b"{not json").raw
    assert raw.status == RawMessage.Status.FAILED
    return raw


def test_downloading_a_raw_payload_is_audited(client, lead):
    raw = failed_raw()
    client.force_login(lead)
    client.get(reverse("web:intake_raw", args=[raw.pk]), REMOTE_ADDR="198.51.100.7")
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.target, entry.ip_address) == (
        lead,
        AuditEntry.Action.RAW_PAYLOAD_DOWNLOADED,
        f"intake.rawmessage:{raw.pk}",
        "198.51.100.7",
    )


def test_reprocessing_is_audited_with_its_outcome(client, lead):
    raw = failed_raw()
    client.force_login(lead)
    client.post(reverse("web:intake_reprocess", args=[raw.pk]))
    entry = AuditEntry.objects.get(action=AuditEntry.Action.RAW_MESSAGE_REPROCESSED)
    assert entry.actor == lead and "JSON" in entry.data["outcome"]


def test_opening_a_contact_is_audited(agent_client, agent):
    message = ingest("phone", b'{"phone": "+41 44 123 45 67", "text": "Anruf"}').message
    agent_client.get(reverse("web:contact", args=[message.contact_id]))
    entry = AuditEntry.objects.get()
    assert entry.action == AuditEntry.Action.CONTACT_VIEWED and entry.actor == agent
    assert entry.target == f"contacts.contact:{message.contact_id}"


def test_downloading_an_attachment_is_audited_on_its_case(agent_client, agent):
    scan = ParsedAttachment("brief.pdf", "application/pdf", b"%PDF-1.4 Brief")
    payload = encode_payload({"postal": "Seeweg 3, 8000 Zuerich", "text": "Brief"}, [scan])
    message = ingest("letter", payload).message
    attachment = message.attachments.get()
    agent_client.get(reverse("web:attachment", args=[message.case.reference, attachment.pk]))
    view = CaseEvent.objects.get(case=message.case, kind=CaseEvent.Kind.VIEWED)
    assert view.actor == agent and view.data["attachment"] == attachment.pk
