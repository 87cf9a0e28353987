"""What the SLA tests share: a Friday afternoon in Zurich, cases opened through intake."""

from __future__ import annotations

from datetime import datetime
from itertools import count
from zoneinfo import ZoneInfo

from brandwache.cases.models import Case
from brandwache.intake.pipeline import ingest
from brandwache.sla.models import SlaClock
from brandwache.sla.timesource import pinned

ZURICH = ZoneInfo("Europe/Zurich")
FRIDAY_16 = datetime(2026, 11, 20, 16, 0, tzinfo=ZURICH)
_numbers = count(1)


def local(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=ZURICH)


def open_case(at: datetime = FRIDAY_16, *, sender: str = "petra@example.ch", **fields: str) -> Case:
    """A case opened by a customer's e-mail received at `at`."""
    number = next(_numbers)
    payload = (
        f"From: Petra Muster <{sender}>\r\nTo: service@example.ch\r\n"
        f"Subject: Doppelte Rechnung {number}\r\nMessage-ID: <sla-{number}@example.ch>\r\n\r\n"
        "Ich habe die Rechnung zweimal erhalten.\r\n"
    ).encode()
    with pinned(at):
        case = ingest("email", payload).message.case
    if fields:
        Case.objects.filter(pk=case.pk).update(**fields)
        case.refresh_from_db()
    return case


def clock(case: Case, kind: str) -> SlaClock:
    return SlaClock.objects.select_related("policy").get(case=case, kind=kind)
