"""Real `brandwache worker` processes for crash tests, on the test's own database.

The test must be transactional (`django_db(transaction=True)`): the worker is another
process and sees only what is committed. On SQLite the test database is a file for that
reason (see `database_from_url`); on PostgreSQL it is the server the test run started.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent


def database_url() -> str:
    """DATABASE_URL of the database this test runs on."""
    from django.db import connection

    database = connection.settings_dict
    name = str(database["NAME"])
    if connection.vendor == "sqlite":
        if name == ":memory:" or "mode=memory" in name:
            raise RuntimeError("the test database is in memory; a worker process cannot open it")
        return f"sqlite:///{Path(name).resolve()}"
    user = quote(str(database["USER"] or ""))
    password = quote(str(database["PASSWORD"] or ""))
    login = f"{user}:{password}@" if password else f"{user}@"
    return f"postgres://{login}{database['HOST']}:{database['PORT']}/{quote(name)}"


def worker_environment(**variables: str) -> dict[str, str]:
    """The test run's environment with the database tasks backend and the test's database."""
    return {
        **os.environ,
        "DATABASE_URL": database_url(),
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "LOG_LEVEL": "INFO",
        **variables,
    }


class WorkerProcess:
    def __init__(self, worker_id: str, environment: dict[str, str], log: Path) -> None:
        self.worker_id = worker_id
        self.log = log
        with log.open("wb") as output:
            self.process = subprocess.Popen(  # noqa: S603 (our own command)
                [
                    sys.executable,
                    "-m",
                    "brandwache.cli",
                    "worker",
                    "--no-reload",
                    "--no-startup-delay",
                    "--interval=0.1",
                    f"--worker-id={worker_id}",
                ],
                cwd=ROOT,
                env=environment,
                stdout=output,
                stderr=subprocess.STDOUT,
            )

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]

    def kill(self) -> None:
        """SIGKILL: no clean-up of any kind, as when the machine or the OOM killer strikes."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)
        assert self.process.returncode == -signal.SIGKILL, self.output()

    def stop(self) -> None:
        """SIGTERM: finish the task in hand, then exit."""
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            raise AssertionError(
                f"worker {self.worker_id} did not stop:\n{self.output()}"
            ) from None

    def check_running(self, what: str) -> None:
        if self.process.poll() is not None:
            raise AssertionError(
                f"worker {self.worker_id} exited ({self.process.returncode}) before {what}:\n"
                f"{self.output()}"
            )


@contextmanager
def worker_process(
    worker_id: str, environment: dict[str, str], folder: Path
) -> Iterator[WorkerProcess]:
    """A worker for the block; killed at its end if still running (also when the test fails)."""
    worker = WorkerProcess(worker_id, environment, folder / f"{worker_id}.log")
    try:
        yield worker
    finally:
        if worker.process.poll() is None:
            worker.process.kill()
            worker.process.wait(timeout=30)


def wait_until[T](
    condition: Callable[[], T | None],
    *,
    what: str,
    worker: WorkerProcess | None = None,
    timeout: float = 120.0,
) -> T:
    """Check `condition` until it returns something true; fail with `what` after `timeout`
    seconds, or at once when the worker exited meanwhile."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if worker is not None:
            worker.check_running(what)
        if time.monotonic() > deadline:
            log = f":\n{worker.output()}" if worker is not None else ""
            raise AssertionError(f"waited {timeout} s in vain for {what}{log}")
        time.sleep(0.05)
