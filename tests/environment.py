"""Pytest plugin (loaded with `-p tests.environment`): the test run's own world.

It runs before Django reads its settings, so everything is set through the
same environment variables a deployment uses: a temporary `var/`, tasks run
immediately, and with `BRANDWACHE_TEST_DB=postgres` a real PostgreSQL server
that this plugin starts on loopback in a temporary folder and stops at the end.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Generator
from pathlib import Path

import pytest

POSTGRES_BIN_CANDIDATES = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)


class PostgresServer:
    """A throw-away PostgreSQL cluster: initdb into a temp folder, pg_ctl start/stop."""

    def __init__(self) -> None:
        if not POSTGRES_BIN_CANDIDATES:
            raise RuntimeError(
                "PostgreSQL is not installed (looked in /usr/lib/postgresql/*/bin); "
                "install Debian's postgresql package or run `make test`, which does."
            )
        self.bin = POSTGRES_BIN_CANDIDATES[0]
        self.folder = Path(tempfile.mkdtemp(prefix="brandwache-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self._as_postgres = os.geteuid() == 0

    def _run(self, *command: str) -> None:
        if self._as_postgres:
            command = ("runuser", "-u", "postgres", "--", *command)
        subprocess.run(command, check=True, capture_output=True, text=True)

    def start(self) -> str:
        if self._as_postgres:
            shutil.chown(self.folder, "postgres", "postgres")
        self._run(
            str(self.bin / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth-local=trust",
            "--auth-host=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={self.port} "
            f"-c unix_socket_directories={self.folder} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.folder / "server.log"),
            "-w",
            "start",
        )
        return f"postgres://postgres@127.0.0.1:{self.port}/brandwache"

    def stop(self) -> None:
        try:
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.hookimpl(wrapper=True)
def pytest_load_initial_conftests(early_config: pytest.Config) -> Generator[None]:
    var_dir = tempfile.mkdtemp(prefix="brandwache-test-var-")
    Path(var_dir, "static").mkdir()  # STATIC_ROOT, which whitenoise expects to exist
    os.environ["BRANDWACHE_VAR_DIR"] = var_dir
    os.environ["TASKS_BACKEND"] = "django.tasks.backends.immediate.ImmediateBackend"
    os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-" + "x" * 40)
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    # Other apps' tests count a case's messages and mails; the customer updates' own tests
    # switch them on (CUSTOMER_UPDATES=true runs every test with them).
    os.environ.setdefault("CUSTOMER_UPDATES", "false")
    if os.environ.get("BRANDWACHE_TEST_DB") == "postgres":
        server = PostgresServer()
        os.environ["DATABASE_URL"] = server.start()
        early_config.stash[_server_key] = server
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{var_dir}/test.sqlite3"
    early_config.stash[_var_key] = var_dir
    return (yield)


_server_key = pytest.StashKey[PostgresServer]()
_var_key = pytest.StashKey[str]()


def pytest_report_header(config: pytest.Config) -> str:
    server = config.stash.get(_server_key, None)
    if server is not None:
        return f"database: PostgreSQL on 127.0.0.1:{server.port} ({server.bin})"
    return "database: SQLite"


def pytest_unconfigure(config: pytest.Config) -> None:
    server = config.stash.get(_server_key, None)
    if server is not None:
        server.stop()
    var_dir = config.stash.get(_var_key, None)
    if var_dir:
        shutil.rmtree(var_dir, ignore_errors=True)
