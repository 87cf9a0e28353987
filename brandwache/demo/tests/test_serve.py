"""`brandwache serve` for real: a subprocess on a free loopback port, stopped with SIGTERM."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.request import urlopen

import pytest

from tests.environment import free_port

START_TIMEOUT = 25.0


def wait_for_port(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"serve exited early with {process.returncode}:\n{log.read_text()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"nothing listened on port {port} within {START_TIMEOUT} s:\n{log.read_text()}")


def is_running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def child_pid(log: Path, name: str) -> int:
    match = re.search(rf"{name} running \(pid (\d+)\)", log.read_text())
    assert match, log.read_text()
    return int(match.group(1))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_serve_runs_the_site_and_the_worker_and_stops_both_on_sigterm(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "BRANDWACHE_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path}/serve.sqlite3",
        "PYTHONUNBUFFERED": "1",
    }
    # The test run's immediate task backend needs no worker; serve as shipped does.
    for name in ("TASKS_BACKEND", "BIND", "BRANDWACHE_EMBEDDED_WORKER", "BRANDWACHE_DEMO"):
        env.pop(name, None)
    log = tmp_path / "serve.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "brandwache.cli", "serve"],
            stdout=output,
            stderr=subprocess.STDOUT,
            env=env,
        )
    try:
        wait_for_port(port, process, log)
        with urlopen(f"http://127.0.0.1:{port}/login/", timeout=10) as response:  # noqa: S310
            assert response.status == 200
        web, worker = child_pid(log, "Web server"), child_pid(log, "Task worker")
        assert is_running(web) and is_running(worker)
        assert b"worker" in Path(f"/proc/{worker}/cmdline").read_bytes()

        password = (tmp_path / "admin-password.txt").read_text().strip()
        output_text = log.read_text()
        assert f"Login: http://127.0.0.1:{port}/login/ user admin password {password}" in (
            output_text
        )
        assert output_text.count(password) == 1

        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=25) == 0
        assert not is_running(web) and not is_running(worker)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
