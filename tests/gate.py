"""A task that runs until the test lets it through, for killing a worker in the middle of one.

The task connects to a loopback port the test listens on and waits for one byte. The test
sees each connection arrive (so it knows a worker is inside the task), and decides when the
task may finish; no clock is involved.
"""

from __future__ import annotations

import contextlib
import queue
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.tasks import task

# Longest the task waits for the test; then it fails rather than hang a worker forever.
WAIT_LIMIT = 180.0


@task()
def hold_at_gate(port: int) -> str:
    with socket.create_connection(("127.0.0.1", port), timeout=WAIT_LIMIT) as gate:
        if gate.recv(1) != b"!":
            raise RuntimeError("the gate closed without letting the task through")
    return "through the gate"


class Gate:
    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.listener.getsockname()[1])
        self.arrivals: queue.Queue[socket.socket] = queue.Queue()
        self.connections: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _address = self.listener.accept()
            except OSError:
                return  # closed
            self.connections.append(connection)
            self.arrivals.put(connection)

    def arrival(self) -> socket.socket | None:
        """The next task that reached the gate, if one did."""
        try:
            return self.arrivals.get_nowait()
        except queue.Empty:
            return None

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the thread waiting in accept()
        self.listener.close()
        for connection in self.connections:
            connection.close()


def let_through(connection: socket.socket) -> None:
    connection.sendall(b"!")


@contextmanager
def gate() -> Iterator[Gate]:
    opened = Gate()
    try:
        yield opened
    finally:
        opened.close()
