from __future__ import annotations

import email
import email.policy
from datetime import datetime, timedelta

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.db.models import Count
from django.utils import timezone

from brandwache.cases.models import Attachment, Case, CaseEvent, Message, Team
from brandwache.contacts.models import Contact, Identity
from brandwache.demo.data import load_demo
from brandwache.demo.stories import SCENARIOS
from brandwache.intake.models import RawMessage

pytestmark = pytest.mark.django_db

COUNTED = (User, Team, Contact, Identity, RawMessage, Case, Message, CaseEvent, Attachment)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


@pytest.fixture
def demo():
    return load_demo()


def test_the_demo_opens_at_least_twelve_cases_on_at_least_four_channels(demo):
    assert len(demo.loaded) == len(SCENARIOS) and not demo.skipped
    assert Case.objects.count() >= 12
    channels = set(Message.objects.values_list("channel", flat=True))
    assert {"email", "webform", "phone", "letter", "fax"} <= channels


def test_every_demo_message_went_through_intake_without_a_problem(demo):
    assert not RawMessage.objects.exclude(status=RawMessage.Status.PROCESSED).exists()
    inbound = Message.objects.filter(direction=Message.Direction.INBOUND)
    assert not inbound.filter(raw__isnull=True).exists()


def test_the_demo_e_mails_are_real_rfc_5322_messages(demo):
    raw = RawMessage.objects.filter(channel="email").first()
    parsed = email.message_from_bytes(bytes(raw.payload), policy=email.policy.default)
    assert parsed["Message-ID"] and parsed["Date"] and "@example." in parsed["From"]


def test_a_customer_answer_threads_back_to_the_agents_reply_by_in_reply_to(demo):
    replies = Message.objects.filter(direction=Message.Direction.OUTBOUND)
    answers = Message.objects.filter(
        direction=Message.Direction.INBOUND,
        channel="email",
        in_reply_to__in=replies.values("message_id"),
    )
    assert answers.exists()
    for answer in answers:
        reply = replies.get(message_id=answer.in_reply_to)
        assert reply.case_id == answer.case_id
        assert answer.sent_at > reply.sent_at


def test_loading_the_demo_twice_adds_nothing(demo):
    before = counts()
    again = load_demo()
    assert again.loaded == [] and len(again.skipped) == len(SCENARIOS)
    assert counts() == before


def test_the_demo_mixes_statuses_priorities_and_categories(demo):
    statuses = set(Case.objects.values_list("status", flat=True))
    assert {"new", "open", "waiting_customer", "resolved", "closed"} <= statuses
    assert len(set(Case.objects.values_list("priority", flat=True))) >= 3
    assert len(set(Case.objects.exclude(category="").values_list("category", flat=True))) >= 4


def test_it_has_a_merged_case_and_two_open_duplicates_left_to_merge(demo):
    assert Case.objects.filter(merged_into__isnull=False).exists()
    open_cases = Case.objects.filter(merged_into__isnull=True, status=Case.Status.NEW)
    duplicated = open_cases.values("contact").annotate(n=Count("id")).filter(n__gte=2)
    assert duplicated.exists()


def test_a_letter_joins_the_case_it_names(demo):
    letter = Message.objects.get(channel="letter", case__channel="phone")
    assert letter.case.messages.filter(channel="phone").exists()
    assert letter.attachments.get().content_type == "application/pdf"


def test_the_fax_and_the_form_carry_real_files(demo):
    fax = Attachment.objects.get(message__channel="fax")
    assert fax.file.read().startswith(b"%PDF-1.4")
    photo = Attachment.objects.get(message__channel="webform")
    assert photo.file.read().startswith(b"\x89PNG\r\n\x1a\n")


def test_there_is_an_english_case_and_swiss_spelling_next_to_german(demo):
    inbound = Message.objects.filter(direction=Message.Direction.INBOUND)
    bodies = [message.text + message.signature for message in inbound]
    assert any(body.startswith("Hello,") for body in bodies)
    assert any("Grüsse" in body for body in bodies) and any("ß" in body for body in bodies)


def test_german_mails_arrive_with_quoted_text_and_signatures(demo):
    mails = Message.objects.filter(direction=Message.Direction.INBOUND, channel="email")
    assert mails.exclude(quoted_text="").exists()
    assert mails.exclude(signature="").exists()


def test_demo_replies_mail_nobody(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        load_demo()
    assert mail.outbox == []
    replies = Message.objects.filter(direction=Message.Direction.OUTBOUND)
    assert replies.count() >= 5
    assert set(replies.values_list("delivery", flat=True)) == {Message.Delivery.SENT}


def test_the_staff_have_their_roles_and_no_password(demo):
    agents = User.objects.filter(groups__name="Agents")
    assert agents.count() == 2
    lead = User.objects.get(groups__name="Team leads")
    for user in [*agents, lead]:
        assert not user.has_usable_password()
    assert Team.objects.filter(name="Abrechnung", members__in=agents).exists()


def test_everything_happened_in_the_days_before_now():
    now = timezone.now()
    load_demo(now=now)
    earliest = now - timedelta(days=8)
    for case in Case.objects.filter(merged_into__isnull=True):
        assert earliest < case.created_at <= case.updated_at <= now
        assert case.last_message_at <= now
        if case.first_response_at:
            assert case.created_at < case.first_response_at
    for message in Message.objects.all():
        assert earliest < message.sent_at <= now
    for case in Case.objects.all():
        times = list(case.events.order_by("id").values_list("created_at", flat=True))
        assert times == sorted(times), case.reference


def test_loaded_at_night_the_newest_messages_arrive_in_office_hours():
    tz = timezone.get_current_timezone()
    night = datetime(2026, 11, 24, 3, 0, tzinfo=tz)
    load_demo(now=night)
    newest = Message.objects.order_by("-sent_at").first()
    assert newest.sent_at <= night
    assert 8 <= timezone.localtime(newest.sent_at).hour <= 19
