"""Fixtures of the answers tests: the demo knowledge base and a customer's e-mail case."""

from __future__ import annotations

import pytest

from brandwache.answers.demo import load_knowledge_base
from brandwache.cases.models import Case
from brandwache.intake.pipeline import ingest


def customer_mail(
    subject: str, text: str, *, sender: str = "Ruedi Meier <ruedi@example.ch>"
) -> bytes:
    return (
        f"From: {sender}\r\n"
        "To: kundendienst@alpenbahn.example\r\n"
        f"Subject: {subject}\r\n"
        f"Message-ID: <{abs(hash((subject, text)))}@example.ch>\r\n"
        "Date: Mon, 23 Nov 2026 07:41:00 +0100\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n"
        "Content-Transfer-Encoding: 8bit\r\n"
        "\r\n"
        f"{text}\r\n"
    ).encode()


def mail_case(subject: str, text: str, **kwargs: str) -> Case:
    result = ingest("email", customer_mail(subject, text, **kwargs))
    assert result.message is not None, result.error
    return result.message.case


@pytest.fixture
def knowledge_base(db) -> int:
    return load_knowledge_base()


@pytest.fixture
def delay_case(db, knowledge_base) -> Case:
    return mail_case(
        "Verspätung",
        "Grüezi, mein IC kam gestern mit 80 Minuten Verspätung in Chur an. "
        "Bekomme ich einen Teil des Billettpreises zurück?\r\n\r\n"
        "Freundliche Grüsse\r\nRuedi Meier",
    )
