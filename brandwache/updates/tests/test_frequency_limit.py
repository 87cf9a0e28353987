"""At most one automatic update per case within the interval; "resolved" always goes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from brandwache.cases import actions
from brandwache.cases.models import Case, CaseEvent
from brandwache.updates.models import UpdateLog
from brandwache.updates.tests.conftest import receive_mail

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def one_hour(settings) -> None:
    settings.BRANDWACHE_UPDATE_MIN_INTERVAL = 60


def test_a_second_update_within_the_hour_is_skipped_and_recorded(
    named_agent, agent_client, committed, outbox
):
    with committed():
        case = receive_mail().case
        actions.assign_case(case, named_agent, owner=named_agent, team=None)
    assert len(outbox) == 1  # the receipt
    skipped = UpdateLog.objects.get(case=case, moment="assigned")
    assert skipped.outcome == UpdateLog.Outcome.SKIPPED
    assert skipped.reason == UpdateLog.Reason.FREQUENCY
    assert skipped.trigger.kind == CaseEvent.Kind.ASSIGNED
    page = agent_client.get(case.get_absolute_url()).content.decode()
    assert "Keine Statusmeldung verschickt (Feste Ansprechperson übernimmt)" in page
    assert "vor Kurzem ging bereits eine Statusmeldung hinaus" in page


def test_resolved_always_goes_even_right_after_another_update(named_agent, committed, outbox):
    with committed():
        case = receive_mail().case
        actions.change_status(case, named_agent, Case.Status.RESOLVED)
    assert [sent.subject.split(" [")[0] for sent in outbox] == [
        "Ihre Nachricht ist angekommen",
        "Ihr Anliegen ist erledigt",
    ]


def test_after_the_interval_the_next_update_goes_again(named_agent, committed, outbox):
    with committed():
        case = receive_mail().case
    earlier = case.events.filter(kind=CaseEvent.Kind.CUSTOMER_UPDATE)
    earlier.update(created_at=earlier.get().created_at - timedelta(minutes=61))
    with committed():
        actions.assign_case(case, named_agent, owner=named_agent, team=None)
    assert len(outbox) == 2
    assert UpdateLog.objects.get(case=case, moment="assigned").outcome == "sent"


def test_the_interval_counts_per_case(named_agent, committed, outbox):
    with committed():
        first = receive_mail().case
        second = receive_mail(sender="Hanna Gerber <hanna.gerber@example.ch>").case
    assert first != second
    assert sorted(sent.to[0] for sent in outbox) == [
        "hanna.gerber@example.ch",
        "ruedi.meier@example.ch",
    ]
