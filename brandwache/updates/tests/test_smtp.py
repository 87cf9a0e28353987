"""Updates leave through a real SMTP server (aiosmtpd on loopback), threaded and marked
as automatic so the customer's mail program does not answer them."""

from __future__ import annotations

import email
import email.policy

import pytest

from brandwache.cases import actions, replies
from brandwache.cases.models import CaseEvent, Message
from brandwache.updates.tests.conftest import receive_mail

pytestmark = pytest.mark.django_db


def test_the_update_arrives_at_the_smtp_server_threaded_and_marked_automatic(
    smtp_server, settings, named_agent, committed
):
    settings.BRANDWACHE_UPDATE_MIN_INTERVAL = 0
    complaint = receive_mail()
    with committed():
        actions.assign_case(complaint.case, named_agent, owner=named_agent, team=None)
    [(_sender, recipients, content)] = smtp_server.received
    assert recipients == ["ruedi.meier@example.ch"]
    sent = email.message_from_bytes(content, policy=email.policy.default)
    assert sent["Auto-Submitted"] == "auto-generated"
    assert sent["In-Reply-To"].strip() == f"<{complaint.message_id}>"
    assert complaint.case.reference in sent["Subject"]
    assert "ab jetzt kümmert sich Anna Keller persönlich" in sent.get_content()
    event = complaint.case.events.get(kind=CaseEvent.Kind.CUSTOMER_UPDATE, data__moment="assigned")
    update = Message.objects.get(pk=event.message_id)
    assert sent["Message-ID"].strip() == f"<{update.message_id}>"
    assert update.delivery == Message.Delivery.SENT


def test_an_agents_reply_is_not_marked_automatic(smtp_server, settings, agent, committed):
    settings.BRANDWACHE_CUSTOMER_UPDATES = False
    complaint = receive_mail()
    with committed():
        replies.record_reply(complaint.case, agent, "Grüezi Herr Meier, es tut uns leid.")
    [(_sender, _recipients, content)] = smtp_server.received
    assert email.message_from_bytes(content, policy=email.policy.default)["Auto-Submitted"] is None
