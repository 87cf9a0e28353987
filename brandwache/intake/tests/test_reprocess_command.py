from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from brandwache.intake.models import RawMessage
from brandwache.intake.pipeline import ingest
from brandwache.intake.tests.mails import mail_bytes, raw_mail

pytestmark = pytest.mark.django_db


def reprocess(*args: str) -> str:
    out = StringIO()
    call_command("reprocess", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def too_large_mail(settings) -> RawMessage:
    settings.BRANDWACHE_MAX_MESSAGE_BYTES = 100
    raw = ingest("email", mail_bytes(subject="Zu gross")).raw
    settings.BRANDWACHE_MAX_MESSAGE_BYTES = 25 * 1024 * 1024
    return raw


def test_a_message_that_failed_for_a_fixed_cause_is_processed_with_all_failed(settings):
    raw = too_large_mail(settings)
    assert raw.status == RawMessage.Status.FAILED
    output = reprocess("--all-failed")
    raw.refresh_from_db()
    assert raw.status == RawMessage.Status.PROCESSED
    assert raw.error == ""
    assert raw.attempts == 2
    reference = raw.message.case.reference
    assert f"#{raw.pk} (email):" in output and reference in output


def test_a_message_that_still_cannot_be_read_stays_failed_with_its_reason():
    raw = ingest("email", raw_mail("Subject: Ohne Absender", b"Text")).raw
    reason = raw.error
    output = reprocess(str(raw.pk))
    raw.refresh_from_db()
    assert raw.status == RawMessage.Status.FAILED
    assert raw.error == reason
    assert raw.attempts == 2
    assert reason in output


def test_only_the_named_messages_are_processed_again(settings):
    first = too_large_mail(settings)
    second = ingest("email", raw_mail("Subject: Ohne Absender", b"Text")).raw
    reprocess(str(first.pk))
    second.refresh_from_db()
    assert second.attempts == 1


def test_an_unknown_id_is_reported_and_fails_the_command():
    with pytest.raises(CommandError):
        reprocess("999999")


def test_the_command_needs_ids_or_all_failed():
    with pytest.raises(CommandError):
        reprocess()
