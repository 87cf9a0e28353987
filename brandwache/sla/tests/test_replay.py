"""Clocks rebuilt from an existing timeline: each event at its time, the past settled quietly."""

import pytest
from django.core.management import call_command

from brandwache.cases import replies
from brandwache.cases.models import Case, CaseEvent
from brandwache.notifications.models import Notification
from brandwache.sla.models import SlaClock, SlaClockEvent
from brandwache.sla.replay import rebuild
from brandwache.sla.tests.helpers import clock, local, open_case
from brandwache.sla.timesource import pinned

pytestmark = pytest.mark.django_db


def back_date(case: Case, *times) -> None:
    """Give the case's events the times they happened at, as old data has them."""
    events = list(CaseEvent.objects.filter(case=case).order_by("pk"))
    for event, at in zip(events, times, strict=False):
        CaseEvent.objects.filter(pk=event.pk).update(created_at=at)
    for event in events[len(times) :]:
        CaseEvent.objects.filter(pk=event.pk).update(created_at=times[-1])


def test_a_case_from_before_service_levels_gets_the_clocks_its_timeline_gives(agent) -> None:
    case = open_case(local(20, 16))
    opened = CaseEvent.objects.filter(case=case).count()
    with pinned(local(23, 9)):
        replies.record_reply(case, agent, "Wir prüfen das und melden uns.")
    back_date(case, *[local(20, 16)] * opened, local(23, 9))
    SlaClock.objects.filter(case=case).delete()

    result = rebuild(case, now=local(24, 12))

    first, update = (
        clock(case, SlaClock.Kind.FIRST_RESPONSE),
        clock(case, SlaClock.Kind.NEXT_UPDATE),
    )
    assert (first.state, first.met_at, first.breached_at) == ("met", local(23, 9), None)
    assert (update.state, update.breached_at) == ("breached", local(24, 9))
    assert (result.breaches, result.escalations) == (1, 2)  # deputy at 09:00, team lead at 11:00
    breached = SlaClockEvent.objects.get(clock=update, kind="breached")
    assert breached.data["quiet"] is True and breached.data["to"] == []
    assert not Notification.objects.exists()
    assert not CaseEvent.objects.filter(kind=CaseEvent.Kind.ESCALATED).exists()
    assert Case.objects.get(pk=case.pk).sla_due_at == local(24, 9)


def test_rebuild_missing_covers_open_cases_without_clocks_only(agent) -> None:
    bare = open_case(local(20, 16))
    SlaClock.objects.filter(case=bare).delete()
    untouched = open_case(local(20, 16), sender="hans@example.ch")
    before = list(SlaClockEvent.objects.filter(clock__case=untouched).values_list("pk", flat=True))

    call_command("sla_rebuild", "--missing", verbosity=0)

    assert clock(bare, SlaClock.Kind.FIRST_RESPONSE).state in {"running", "breached"}
    after = list(SlaClockEvent.objects.filter(clock__case=untouched).values_list("pk", flat=True))
    assert after == before
