from __future__ import annotations

import os
import signal
import sys
import threading
import time

from brandwache.demo.supervisor import Supervisor

SLEEPER = [sys.executable, "-c", "import time; time.sleep(60)"]


def test_when_one_child_exits_the_other_is_stopped_and_its_code_returned():
    said: list[str] = []
    supervisor = Supervisor(
        {"sleeper": SLEEPER, "quitter": [sys.executable, "-c", "raise SystemExit(3)"]},
        say=said.append,
    )
    started = time.monotonic()
    assert supervisor.run() == 3
    assert time.monotonic() - started < 15
    assert supervisor.processes["sleeper"].returncode == -signal.SIGTERM
    assert any("quitter exited with code 3" in line for line in said)


def test_a_sigterm_to_the_supervisor_stops_every_child_and_exits_cleanly():
    supervisor = Supervisor({"one": SLEEPER, "two": SLEEPER}, say=lambda line: None)

    def stop_soon() -> None:
        deadline = time.monotonic() + 10
        while len(supervisor.processes) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=stop_soon, daemon=True).start()
    assert supervisor.run() == 0
    for process in supervisor.processes.values():
        assert process.returncode == -signal.SIGTERM
    # The test run's own SIGTERM handling is given back.
    assert signal.getsignal(signal.SIGTERM) is not supervisor._on_signal


def test_a_child_that_ignores_sigterm_is_killed_after_the_timeout():
    stubborn = [
        sys.executable,
        "-c",
        "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
        "print('ready', flush=True); time.sleep(60)",
    ]
    supervisor = Supervisor(
        {"stubborn": stubborn, "quitter": [sys.executable, "-c", "import time; time.sleep(1)"]},
        say=lambda line: None,
        stop_timeout=1.0,
    )
    assert supervisor.run() == 1  # the quitter ended with 0, which still stops the desk
    assert supervisor.processes["stubborn"].returncode == -signal.SIGKILL
