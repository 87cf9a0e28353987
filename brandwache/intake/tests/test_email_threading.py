from __future__ import annotations

import pytest

from brandwache.cases import replies
from brandwache.cases.models import Case
from brandwache.intake.pipeline import ingest
from brandwache.intake.tests.mails import mail_bytes

pytestmark = pytest.mark.django_db

REPLY = """Guten Tag

Die Gutschrift ist immer noch nicht da.

Am 03.11.2026 um 14:02 schrieb Petra Muster <petra.muster@example.ch>:
> Auf meiner Rechnung wurde das Abo zweimal belastet.
"""


def test_a_reply_joins_the_case_of_the_mail_named_in_in_reply_to():
    first = ingest("email", mail_bytes(message_id="<erste@example.ch>")).message
    reply = ingest(
        "email",
        mail_bytes(
            subject="AW: Abo doppelt belastet", body=REPLY, in_reply_to="<erste@example.ch>"
        ),
    ).message
    assert reply.case_id == first.case_id
    assert Case.objects.count() == 1


def test_a_reply_joins_its_case_by_references_when_in_reply_to_is_missing():
    first = ingest("email", mail_bytes(message_id="<erste@example.ch>")).message
    reply = ingest(
        "email",
        mail_bytes(
            subject="Noch offen",
            body=REPLY,
            references="<unbekannt@anderswo.example> <erste@example.ch>",
        ),
    ).message
    assert reply.case_id == first.case_id


def test_an_in_reply_to_with_a_comment_still_threads():
    first = ingest("email", mail_bytes(message_id="<erste@example.ch>")).message
    reply = ingest(
        "email",
        mail_bytes(
            body=REPLY, in_reply_to='<erste@example.ch> (Petra Muster\'s message of "Mo, 3. Nov")'
        ),
    ).message
    assert reply.case_id == first.case_id


def test_the_customers_answer_to_an_agents_reply_threads_back(
    agent, django_capture_on_commit_callbacks
):
    first = ingest("email", mail_bytes(message_id="<erste@example.ch>")).message
    with django_capture_on_commit_callbacks(execute=True):
        answer = replies.record_reply(first.case, agent, "Guten Tag Frau Muster, ...")
    reply = ingest(
        "email",
        mail_bytes(
            subject="AW: Abo doppelt belastet",
            body=REPLY,
            in_reply_to=f"<{answer.message_id}>",
            references=f"<erste@example.ch> <{answer.message_id}>",
        ),
    ).message
    assert reply.case_id == first.case_id


def test_an_unrelated_mail_of_the_same_customer_opens_its_own_case():
    first = ingest("email", mail_bytes(message_id="<erste@example.ch>")).message
    other = ingest("email", mail_bytes(subject="Neue Adresse", body="Ich bin umgezogen.")).message
    assert other.case_id != first.case_id
    assert other.contact_id == first.contact_id


def test_another_senders_reply_to_a_customers_mail_opens_a_case_next_to_it():
    first = ingest("email", mail_bytes(message_id="<erste@example.ch>")).message
    stranger = ingest(
        "email",
        mail_bytes(
            sender="Max Fremd <max@example.net>",
            subject="AW: Abo doppelt belastet",
            body=REPLY,
            in_reply_to="<erste@example.ch>",
        ),
    ).message
    assert stranger.case_id != first.case_id
    related = stranger.case.events.get(kind="related")
    assert related.data == {"related": first.case.reference, "why": "reply"}
    assert first.case.events.filter(kind="related", data__related=stranger.case.reference).exists()


def test_a_reference_in_the_subject_from_another_sender_does_not_join_the_case():
    first = ingest("email", mail_bytes(message_id="<erste@example.ch>")).message
    reference = first.case.reference
    other = ingest(
        "email",
        mail_bytes(sender="Max Fremd <max@example.net>", subject=f"Zu {reference}", body=REPLY),
    ).message
    assert other.case_id != first.case_id
    assert other.case.events.get(kind="related").data["why"] == "reference"


def test_a_reply_from_the_contact_the_customer_was_merged_into_still_joins():
    from brandwache.contacts.actions import merge_contacts

    first = ingest("email", mail_bytes(message_id="<erste@example.ch>")).message
    work = ingest(
        "email", mail_bytes(sender="Petra Muster <p.muster@firma.example>", subject="Hallo")
    ).message
    merge_contacts(work.contact, first.contact)  # the case's contact now points to `work`
    reply = ingest(
        "email",
        mail_bytes(
            sender="Petra Muster <p.muster@firma.example>",
            body=REPLY,
            in_reply_to="<erste@example.ch>",
        ),
    ).message
    assert reply.case_id == first.case_id
