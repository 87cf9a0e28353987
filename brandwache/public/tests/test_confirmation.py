from __future__ import annotations

import pytest
from django.core import mail

from brandwache.cases.models import Case, CaseEvent
from brandwache.intake.models import RawMessage
from brandwache.public.access import receipt_token
from brandwache.public.tasks import send_confirmation

pytestmark = pytest.mark.django_db


def test_the_receipt_mail_names_the_reference_and_the_status_link(
    submit, settings, django_capture_on_commit_callbacks
):
    settings.BRANDWACHE_SITE_URL = "https://service.example.ch/"
    with django_capture_on_commit_callbacks(execute=True):
        submit()
    case = Case.objects.get()
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["Petra.Muster@example.ch"]  # as typed
    assert case.reference in sent.subject
    assert sent.subject.startswith("Ihre Beschwerde ist eingegangen")
    assert f"https://service.example.ch/status/{case.status_token}/" in sent.body
    assert "Guten Tag Petra Muster," in sent.body
    assert sent.extra_headers["Auto-Submitted"] == "auto-replied"


def test_the_receipt_mail_is_english_for_a_complaint_sent_in_english(
    submit, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = submit("/complaint/")
    assert response.headers["Location"].startswith("/complaint/thanks/")
    sent = mail.outbox[0]
    assert sent.subject.startswith("Your complaint has been received")
    assert "Hello Petra Muster," in sent.body
    assert "Guten Tag" not in sent.body


def test_no_mail_leaves_before_the_submission_is_committed(
    submit, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submit()
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1


def test_the_receipt_is_recorded_on_the_case_timeline_and_sent_only_once(
    submit, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit()
    case = Case.objects.get()
    message = case.messages.get()
    assert send_confirmation.call(message.pk, "de") == "already sent"
    assert len(mail.outbox) == 1
    event = case.events.get(kind=CaseEvent.Kind.CONFIRMATION_SENT)
    assert event.message == message
    assert event.data == {"recipient": "Petra.Muster@example.ch", "language": "de"}


def test_sending_the_form_twice_sends_one_receipt(submit, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = submit(submission_id="8d0a3f8e-5b7c-4a55-9c61-2f7f0e6f3a11")
        second = submit(submission_id="8d0a3f8e-5b7c-4a55-9c61-2f7f0e6f3a11")
    assert first.status_code == second.status_code == 302
    assert Case.objects.count() == 1
    assert len(mail.outbox) == 1


def test_the_receipt_page_shows_the_reference_but_the_status_link_only_goes_by_mail(submit, client):
    response = client.get(submit().headers["Location"])
    case = Case.objects.get()
    page = response.content.decode()
    assert case.reference in page
    assert case.status_token not in page and "/status/" not in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert response.headers["Cache-Control"] == "private, no-store"


def test_a_forged_or_unknown_receipt_token_is_not_found(client):
    assert client.get("/beschwerde/danke/MQ:forged:signature/").status_code == 404


def test_a_receipt_token_for_another_channel_is_not_found(client):
    raw = RawMessage.objects.create(
        channel="email", external_id="x", payload=b"x", content_type="message/rfc822", size=1
    )
    assert client.get(f"/beschwerde/danke/{receipt_token(raw)}/").status_code == 404


def test_naming_another_customers_case_reveals_neither_its_reference_nor_its_link(
    submit, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit()
    victim = Case.objects.get()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(
            email="mallory@example.net", name="Mallory", subject=f"Frage zu {victim.reference}"
        )
    page = client.get(response.headers["Location"]).content.decode()
    assert victim.status_token not in page
    assert victim.reference not in page
    assert "Vielen Dank" in page
    own_case = Case.objects.exclude(pk=victim.pk).get()
    assert own_case.contact_id != victim.contact_id
    assert [sent.to for sent in mail.outbox] == [["mallory@example.net"]]
    assert own_case.reference in mail.outbox[0].subject
    assert victim.reference not in mail.outbox[0].body
