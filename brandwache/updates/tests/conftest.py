"""Customers writing in on every channel, through the real intake, and a named agent."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable, Iterator
from datetime import timedelta
from email.message import EmailMessage
from email.utils import format_datetime

import pytest
from django.contrib.auth.models import User
from django.core import mail

from brandwache.cases.models import Message
from brandwache.intake.channels.formpayload import encode_payload
from brandwache.intake.pipeline import ingest

_numbers = itertools.count(1)

COMPLAINT = """Guten Tag

Mein Zug nach Bern fiel gestern aus, und am Schalter konnte mir niemand sagen,
wie ich mein Geld zurückbekomme. Bitte melden Sie sich.

Freundliche Grüsse
Ruedi Meier
"""


def mail_payload(
    *,
    sender: str = "Ruedi Meier <ruedi.meier@example.ch>",
    subject: str = "Zug ausgefallen",
    body: str = COMPLAINT,
    headers: dict[str, str] | None = None,
    age: timedelta = timedelta(minutes=5),
    content_type: str | None = None,
) -> bytes:
    from django.utils import timezone

    message = EmailMessage()
    message["From"] = sender
    message["To"] = "Kundendienst <service@firma.example>"
    message["Subject"] = subject
    message["Date"] = format_datetime(timezone.now() - age)
    message["Message-ID"] = f"<{next(_numbers)}.{uuid.uuid4().hex}@mail.example.ch>"
    message.set_content(body)  # first: it clears every Content-* header
    for name, value in (headers or {}).items():
        message[name] = value
    if content_type is not None:
        message.replace_header("Content-Type", content_type)
    return message.as_bytes()


def receive_mail(**fields: object) -> Message:
    result = ingest("email", mail_payload(**fields))  # type: ignore[arg-type]
    assert result.message is not None, result.error
    return result.message


def receive_entry(channel: str = "phone", **fields: str) -> Message:
    values = {"name": "Hanna Gerber", "phone": "+41 31 555 12 34", "text": "Rief an wegen Zug."}
    values.update(fields)
    result = ingest(channel, encode_payload(values), metadata={"entry_id": str(uuid.uuid4())})
    assert result.message is not None, result.error
    return result.message


@pytest.fixture(autouse=True)
def customer_updates_on(settings) -> None:
    """Off by default in the test run (see tests/environment.py); these tests are about them."""
    settings.BRANDWACHE_CUSTOMER_UPDATES = True


@pytest.fixture
def named_agent(agent: User) -> User:
    agent.first_name, agent.last_name = "Anna", "Keller"
    agent.save()
    return agent


@pytest.fixture
def committed(django_capture_on_commit_callbacks) -> Callable[[], object]:
    """Run a block as if its transaction committed: queued mail goes out."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def outbox() -> Iterator[list]:
    mail.outbox.clear()
    yield mail.outbox
