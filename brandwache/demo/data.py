"""Load the demo desk: teams, staff and the scenarios, idempotently.

Each scenario runs in its own transaction and is skipped when its messages are
in the database already, so loading twice adds nothing the second time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from brandwache.answers.demo import load_knowledge_base
from brandwache.cases.models import Case
from brandwache.demo.clock import settle
from brandwache.demo.desk import AlreadyLoaded, Desk
from brandwache.demo.paten import ensure_paten, ensure_routing_rules
from brandwache.demo.people import ensure_staff, ensure_teams
from brandwache.demo.stories import SCENARIOS, Scenario
from brandwache.updates.service import paused as updates_paused


@dataclass
class DemoResult:
    loaded: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def _run(desk: Desk, scenario: Scenario) -> bool:
    desk.touched = set()
    try:
        # Invented customers: the stories get no automatic customer updates.
        with transaction.atomic(), updates_paused():
            scenario(desk)
            for case in Case.objects.filter(pk__in=desk.touched):
                settle(case)
    except AlreadyLoaded:
        return False
    return True


def load_demo(*, now: datetime | None = None) -> DemoResult:
    """Create what is missing of the demo; the scenarios happen in the days before `now`."""
    with transaction.atomic():
        teams = ensure_teams()
        staff = ensure_staff(teams)
    desk = Desk(now=now or timezone.now(), staff=staff, teams=teams)
    with transaction.atomic():
        ensure_paten(staff, teams, timezone.localdate(desk.now))
    result = DemoResult()
    for scenario in SCENARIOS:
        (result.loaded if _run(desk, scenario) else result.skipped).append(scenario.__name__)
    with transaction.atomic():
        ensure_routing_rules(teams)
    load_knowledge_base()
    return result
