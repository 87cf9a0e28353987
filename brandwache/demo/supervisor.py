"""Run the web server and the task worker side by side, and stop them together.

The children get their own process group, so Ctrl-C in a terminal reaches only
the supervisor, which then stops each child once with SIGTERM (gracefully) and
kills what is still running after a timeout or a second Ctrl-C. When one child
exits on its own, the other is stopped too: half a desk is no desk. On Linux a
child also gets SIGTERM if the supervisor itself dies.
"""

from __future__ import annotations

import ctypes
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from types import FrameType

PR_SET_PDEATHSIG = 1


def web_command(bind: str) -> list[str]:
    """gunicorn with threads; WEB_CONCURRENCY or GUNICORN_CMD_ARGS can tune it further."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "brandwache.wsgi:application",
        "--bind",
        bind,
        "--worker-class",
        "gthread",
        "--threads",
        "4",
        "--graceful-timeout",
        "10",
        "--access-logfile",
        "-",
        # Status links, receipts and search terms are masked in the access log.
        "--logger-class",
        "brandwache.accesslog.AccessLogger",
        # Its default path is shared by every instance of the same user.
        "--no-control-socket",
    ]


def worker_command() -> list[str]:
    # No autoreloader: its extra process would not pass our SIGTERM on.
    return [sys.executable, "-m", "brandwache.cli", "worker", "--no-reload"]


def _die_with_parent() -> None:
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class Supervisor:
    def __init__(
        self,
        commands: dict[str, list[str]],
        *,
        say: Callable[[str], None],
        stop_timeout: float = 20.0,
        poll_interval: float = 0.2,
    ) -> None:
        self.commands = commands
        self.say = say
        self.stop_timeout = stop_timeout
        self.poll_interval = poll_interval
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        self._stopping = False
        self._force = False

    def run(self) -> int:
        """Start every child, wait for a signal or a child's exit; 0 if stopped by a signal."""
        handled = (signal.SIGINT, signal.SIGTERM)
        previous = {signum: signal.signal(signum, self._on_signal) for signum in handled}
        try:
            self._start()
            return self._watch()
        finally:
            self._stop()
            for signum, handler in previous.items():
                signal.signal(signum, handler)

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        if self._stopping:
            self._force = True
        self._stopping = True

    def _start(self) -> None:
        for name, command in self.commands.items():
            process = subprocess.Popen(  # noqa: S603  (our own command lines)
                command, process_group=0, preexec_fn=_die_with_parent
            )
            self.processes[name] = process
            self.say(f"{name} running (pid {process.pid})")

    def _watch(self) -> int:
        while not self._stopping:
            for name, process in self.processes.items():
                code = process.poll()
                if code is not None:
                    self.say(f"{name} exited with code {code}; stopping the others.")
                    return code or 1
            time.sleep(self.poll_interval)
        self.say("Stopping (press Ctrl-C again to force) …")
        return 0

    def _stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + self.stop_timeout
        for name, process in self.processes.items():
            while process.poll() is None and not self._force and time.monotonic() < deadline:
                time.sleep(0.05)
            if process.poll() is None:
                self.say(f"{name} did not stop in time; killing it.")
                process.kill()
            process.wait()
