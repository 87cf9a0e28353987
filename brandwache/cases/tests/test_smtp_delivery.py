"""Replies go out through a real SMTP server on loopback (aiosmtpd)."""

from __future__ import annotations

import email
import email.policy

import pytest

from brandwache.cases import actions, replies
from brandwache.cases.models import CaseEvent, Message
from brandwache.contacts.actions import IdentityRef
from brandwache.contacts.models import Identity
from brandwache.intake.channels.base import ParsedMessage
from tests.environment import free_port

pytestmark = pytest.mark.django_db


def a_complaint() -> Message:
    return actions.record_inbound_message(
        ParsedMessage(
            channel="email",
            sender=IdentityRef(Identity.Kind.EMAIL, "ruedi.meier@example.ch", "Ruedi Meier"),
            subject="Zug verpasst",
            text="Der Zug hatte 40 Minuten Verspätung.",
            message_id="<zug-1@kunde.example>",
        ),
        None,
    )


def test_a_reply_reaches_the_smtp_server_with_threading_headers(
    smtp_server, agent, django_capture_on_commit_callbacks
):
    complaint = a_complaint()
    with django_capture_on_commit_callbacks(execute=True):
        reply = replies.record_reply(complaint.case, agent, "Grüezi Herr Meier, es tut uns leid.")
    assert len(smtp_server.received) == 1
    mail_from, recipients, content = smtp_server.received[0]
    assert recipients == ["ruedi.meier@example.ch"]
    sent = email.message_from_bytes(content, policy=email.policy.default)
    assert sent["Message-ID"].strip() == f"<{reply.message_id}>"
    assert sent["In-Reply-To"].strip() == "<zug-1@kunde.example>"
    assert complaint.case.reference in sent["Subject"]
    assert "es tut uns leid" in sent.get_content()
    reply.refresh_from_db()
    assert reply.delivery == Message.Delivery.SENT


def test_a_refused_connection_is_recorded_and_the_reply_tried_again_later(
    settings, agent, django_capture_on_commit_callbacks
):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": free_port(), "timeout": 2},
        }
    }
    complaint = a_complaint()
    with django_capture_on_commit_callbacks(execute=True):
        reply = replies.record_reply(complaint.case, agent, "Grüezi Herr Meier")
    reply.refresh_from_db()
    assert reply.delivery == Message.Delivery.QUEUED
    assert "refused" in reply.delivery_error.lower()
    assert reply.delivery_attempts == 1 and reply.delivery_due_at is not None


def test_a_failed_reply_can_be_sent_again_once_the_server_answers(
    smtp_server, settings, agent, django_capture_on_commit_callbacks
):
    settings.BRANDWACHE_DELIVERY_ATTEMPTS = 1
    working = settings.MAILERS
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": free_port(), "timeout": 2},
        }
    }
    complaint = a_complaint()
    with django_capture_on_commit_callbacks(execute=True):
        reply = replies.record_reply(complaint.case, agent, "Grüezi Herr Meier")
    reply.refresh_from_db()
    assert reply.delivery == Message.Delivery.FAILED

    settings.MAILERS = working
    with django_capture_on_commit_callbacks(execute=True):
        replies.retry_delivery(complaint.case, agent, reply.pk)
    reply.refresh_from_db()
    assert reply.delivery == Message.Delivery.SENT and reply.delivery_error == ""
    assert len(smtp_server.received) == 1
    assert complaint.case.events.filter(kind=CaseEvent.Kind.DELIVERY_RETRIED).count() == 1
    with pytest.raises(actions.CaseActionError):
        replies.retry_delivery(complaint.case, agent, reply.pk)  # nothing failed any more
