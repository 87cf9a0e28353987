"""Data for the agent interface tests, built with the real intake and case actions."""

from __future__ import annotations

import json

import pytest

from brandwache.cases import actions
from brandwache.cases.models import Case, Team
from brandwache.contacts.actions import IdentityRef
from brandwache.contacts.models import Identity
from brandwache.intake.channels.base import ParsedMessage
from brandwache.intake.pipeline import ingest


def email_case(
    text: str = "Meine Rechnung vom März ist doppelt belastet worden.",
    *,
    subject: str = "Doppelte Belastung",
    sender: str = "petra.muster@example.ch",
    name: str = "Petra Muster",
    team: Team | None = None,
    **fields: object,
) -> Case:
    """A case opened by an inbound e-mail, optionally handed to a team."""
    message = actions.record_inbound_message(
        ParsedMessage(
            channel="email",
            sender=IdentityRef(Identity.Kind.EMAIL, sender, name),
            subject=subject,
            text=text,
            **fields,  # type: ignore[arg-type]
        ),
        None,
    )
    case = message.case
    if team is not None:
        actions.assign_case(case, None, owner=None, team=team)
    case.refresh_from_db()
    return case


def manual_entry(channel: str = "phone", **data: object) -> Case:
    """A phone call or letter recorded through the manual intake channel."""
    payload = {"name": "Hans Beispiel", "phone": "+41 79 123 45 67", "text": "Anruf wegen Zug."}
    payload.update(data)
    result = ingest(channel, json.dumps(payload).encode())
    assert result.message is not None, result.error
    return result.message.case


@pytest.fixture
def billing_case(team) -> Case:
    """A case of the agent's team: the agent and leads see it, the colleague does not."""
    return email_case(team=team)
