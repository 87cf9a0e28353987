"""A real SMTP server on loopback (aiosmtpd) that holds each mail until the test lets it in.

Each mail waits after its final dot, before the server's answer, until the test opens its
gate: the test can look at the sender's state while the server holds the mail, kill the
sender then, or let the mail be accepted. Waits are on events, never on the clock.
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from aiosmtpd.controller import Controller

from tests.environment import free_port

# Longest a held mail waits for its gate; then the server answers "try again later".
HOLD_LIMIT = 120.0


@dataclass
class HeldMail:
    content: bytes
    gate: threading.Event = field(default_factory=threading.Event)

    @property
    def message_id(self) -> str:
        parsed = email.message_from_bytes(self.content, policy=email.policy.default)
        return str(parsed["Message-ID"]).strip()


class GatedMailbox:
    def __init__(self) -> None:
        self.arrivals: queue.Queue[HeldMail] = queue.Queue()
        self.accepted: list[HeldMail] = []
        self.held: list[HeldMail] = []
        self.port = 0

    async def handle_DATA(self, server, conversation, envelope):  # noqa: N802 (aiosmtpd's hook name)
        mail = HeldMail(envelope.content)
        self.held.append(mail)
        self.arrivals.put(mail)
        opened = await asyncio.to_thread(mail.gate.wait, HOLD_LIMIT)
        if not opened:
            return "451 Held too long, try again later"
        self.accepted.append(mail)
        return "250 Message accepted for delivery"

    def arrival(self) -> HeldMail | None:
        """The next mail that reached the server, if one did."""
        try:
            return self.arrivals.get_nowait()
        except queue.Empty:
            return None

    def open_all(self) -> None:
        for mail in self.held:
            mail.gate.set()


@contextmanager
def gated_smtp_server() -> Iterator[GatedMailbox]:
    """Start the server on a free loopback port (`mailbox.port`) until the block ends."""
    mailbox = GatedMailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    mailbox.port = controller.port
    try:
        yield mailbox
    finally:
        mailbox.open_all()  # nothing may stay waiting in the server's threads
        controller.stop()
