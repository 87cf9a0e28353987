"""Machines never get an automatic answer: auto-replies, lists, bounces, noreply senders."""

from __future__ import annotations

import pytest

from brandwache.cases import actions
from brandwache.cases.models import Case, CaseEvent
from brandwache.updates.models import UpdateLog
from brandwache.updates.tests.conftest import receive_mail

pytestmark = pytest.mark.django_db

MACHINE_MAILS = {
    "an auto-reply": {"headers": {"Auto-Submitted": "auto-replied"}},
    "an auto-generated notice": {"headers": {"Auto-Submitted": "auto-generated"}},
    "bulk mail": {"headers": {"Precedence": "bulk"}},
    "list mail": {"headers": {"List-Id": "<kunden.lists.example.ch>"}},
    "a newsletter": {"headers": {"List-Unsubscribe": "<mailto:off@news.example.ch>"}},
    "an out-of-office reply": {"headers": {"X-Autoreply": "yes"}},
    "mail asking not to be answered": {"headers": {"X-Auto-Response-Suppress": "All"}},
    "a noreply sender": {"sender": "Shop <noreply@shop.example.ch>"},
    "a no-reply sender with a tag": {"sender": "no-reply+4711@shop.example.ch"},
    "a mailer daemon": {"sender": "MAILER-DAEMON@mx.example.ch"},
    "a postmaster": {"sender": "postmaster@mx.example.ch"},
    "a bounce with the null sender": {"headers": {"Return-Path": "<>"}},
    "a bounce report": {
        "sender": "Mail Delivery System <mailer@mx.example.ch>",
        "content_type": 'multipart/report; report-type=delivery-status; boundary="x"',
        "body": "--x\nContent-Type: text/plain\n\nDelivery failed.\n--x--\n",
    },
}


@pytest.mark.parametrize("fields", MACHINE_MAILS.values(), ids=MACHINE_MAILS.keys())
def test_a_machine_gets_no_receipt_and_the_reason_is_kept(fields, committed, outbox):
    with committed():
        message = receive_mail(**fields)
    assert outbox == []
    record = UpdateLog.objects.get(case=message.case)
    assert record.outcome == UpdateLog.Outcome.SKIPPED
    assert record.reason == UpdateLog.Reason.AUTOMATIC_SENDER
    assert not message.case.events.filter(kind=CaseEvent.Kind.CUSTOMER_UPDATE).exists()


def test_a_person_saying_auto_submitted_no_gets_the_receipt(committed, outbox):
    with committed():
        receive_mail(headers={"Auto-Submitted": "no"})
    assert len(outbox) == 1


def test_a_case_a_machine_opened_gets_no_update_later_either(agent, committed, outbox):
    case = receive_mail(headers={"Precedence": "list"}).case
    with committed():
        actions.change_status(case, agent, Case.Status.RESOLVED)
    assert outbox == []
    assert UpdateLog.objects.get(case=case, moment="resolved").reason == "automatic_sender"


def test_an_old_mail_imported_late_gets_no_receipt(committed, outbox):
    from datetime import timedelta

    with committed():
        message = receive_mail(age=timedelta(days=30))
    assert outbox == []
    assert UpdateLog.objects.get(case=message.case).reason == UpdateLog.Reason.OLD_MESSAGE
