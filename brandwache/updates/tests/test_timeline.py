"""Agents see each update on the case timeline, and the action never fails because of one."""

from __future__ import annotations

import pytest

from brandwache.cases import actions
from brandwache.cases.models import Case, CaseEvent
from brandwache.updates.models import UpdateLog, UpdateTemplate
from brandwache.updates.tests.conftest import receive_mail

pytestmark = pytest.mark.django_db


def test_the_sent_update_shows_on_the_timeline_with_its_text(agent_client, committed):
    with committed():
        case = receive_mail().case
    page = agent_client.get(case.get_absolute_url()).content.decode()
    assert "event-customer_update" in page
    assert "Kundschaft informiert" in page
    assert "vielen Dank für Ihre Nachricht – sie ist gut bei uns angekommen" in page
    assert 'class="delivery delivery-sent"' in page


def test_a_text_broken_behind_the_admins_back_is_skipped_and_the_action_still_works(
    agent, committed, outbox
):
    UpdateTemplate.objects.filter(moment="resolved").update(body="{greeting} {password}")
    case = receive_mail().case
    with committed():
        actions.change_status(case, agent, Case.Status.RESOLVED)
    case.refresh_from_db()
    assert case.status == Case.Status.RESOLVED
    assert outbox == []
    record = UpdateLog.objects.get(case=case, moment="resolved")
    assert record.reason == UpdateLog.Reason.TEMPLATE_ERROR


def test_a_switched_off_text_sends_nothing_and_says_so(agent, committed, outbox):
    UpdateTemplate.objects.filter(moment="received").update(active=False)
    with committed():
        case = receive_mail().case
    assert outbox == []
    assert UpdateLog.objects.get(case=case).reason == UpdateLog.Reason.NO_TEMPLATE
    assert not case.events.filter(kind=CaseEvent.Kind.CUSTOMER_UPDATE).exists()
