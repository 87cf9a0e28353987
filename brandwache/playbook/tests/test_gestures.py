"""The goodwill gesture at the end of a complaint: offered on the page, recorded, shown."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from brandwache.cases import actions
from brandwache.cases.actions import CaseActionError
from brandwache.cases.models import Case, CaseEvent
from brandwache.playbook.actions import record_gesture
from brandwache.playbook.models import GoodwillGesture

pytestmark = pytest.mark.django_db


def resolve(case: Case, user) -> Case:
    return actions.change_status(case, user, Case.Status.RESOLVED)


def record(client, case, **data: str):
    return client.post(reverse("playbook:gesture", args=[case.reference]), data)


def test_a_resolved_complaint_offers_the_gesture_form(agent_client, agent, complaint_case):
    page = agent_client.get(complaint_case.get_absolute_url()).content.decode()
    assert reverse("playbook:gesture", args=[complaint_case.reference]) not in page
    assert "Sobald der Fall gelöst ist" in page

    resolve(complaint_case, agent)
    page = agent_client.get(complaint_case.get_absolute_url()).content.decode()
    assert reverse("playbook:gesture", args=[complaint_case.reference]) in page
    assert "Noch keine erfasst" in page


def test_a_question_offers_no_gesture(agent_client, agent, question_case):
    resolve(question_case, agent)
    page = agent_client.get(question_case.get_absolute_url()).content.decode()
    assert reverse("playbook:gesture", args=[question_case.reference]) not in page


def test_a_recorded_gesture_is_stored_put_on_the_timeline_and_shown(
    agent_client, agent, complaint_case
):
    resolve(complaint_case, agent)
    response = record(
        agent_client, complaint_case, kind="voucher", value="20", currency="CHF", note="Blumen"
    )

    assert response.status_code == 302
    assert response["Location"] == complaint_case.get_absolute_url() + "#playbook"
    gesture = GoodwillGesture.objects.get(case=complaint_case)
    assert (gesture.kind, gesture.value, gesture.currency, gesture.actor) == (
        "voucher",
        Decimal("20.00"),
        "CHF",
        agent,
    )
    event = complaint_case.events.get(kind=CaseEvent.Kind.GESTURE_RECORDED)
    assert event.actor == agent and event.ip_address == "127.0.0.1"
    assert event.data["gesture_kind"] == "voucher" and event.data["value"] == "20.00"
    page = agent_client.get(complaint_case.get_absolute_url()).content.decode()
    assert "angeboten: Gutschein CHF 20" in page
    assert "Kulanzgeste erfasst" in page  # the timeline line


def test_a_gesture_without_a_value_is_fine(agent, complaint_case):
    gesture = record_gesture(complaint_case, agent, kind="personal_call", currency="CHF")
    assert (gesture.value, gesture.currency, gesture.amount) == (None, "", "")


def test_a_negative_value_or_unknown_kind_is_refused(agent_client, agent, complaint_case):
    resolve(complaint_case, agent)
    record(agent_client, complaint_case, kind="voucher", value="-5", currency="CHF")
    record(agent_client, complaint_case, kind="yacht", currency="CHF")
    assert not GoodwillGesture.objects.exists()
    with pytest.raises(CaseActionError):
        record_gesture(complaint_case, agent, kind="voucher", value=Decimal(-1), currency="CHF")


def test_only_agents_with_write_access_to_the_case_record_gestures(
    client, colleague, outsider, complaint_case
):
    client.force_login(colleague)
    assert record(client, complaint_case, kind="voucher", currency="CHF").status_code == 404
    client.force_login(outsider)
    assert record(client, complaint_case, kind="voucher", currency="CHF").status_code == 403
    client.logout()
    assert record(client, complaint_case, kind="voucher", currency="CHF").status_code == 302
    assert not GoodwillGesture.objects.exists()
    assert not complaint_case.events.filter(kind=CaseEvent.Kind.GESTURE_RECORDED).exists()


def test_recording_a_gesture_is_not_required_to_close_a_complaint(agent, complaint_case):
    resolve(complaint_case, agent)
    actions.change_status(complaint_case, agent, Case.Status.CLOSED)
    complaint_case.refresh_from_db()
    assert complaint_case.status == Case.Status.CLOSED
