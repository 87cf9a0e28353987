"""The production settings of docs/operations.md pass `brandwache check --deploy` without a warning.

The block is read from the document itself, so the document and the checks
cannot drift apart. The check runs in a fresh process, as an operator runs it.
"""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from brandwache.env import ConfigurationError, env_header

OPERATIONS = Path(__file__).resolve().parent.parent / "docs" / "operations.md"
BLOCK = re.compile(r"## Production settings\n.*?```sh\n(?P<lines>.*?)```", re.DOTALL)


def documented_settings() -> dict[str, str]:
    found = BLOCK.search(OPERATIONS.read_text())
    assert found, "docs/operations.md has no ```sh block under 'Production settings'"
    settings = {}
    for line in found["lines"].splitlines():
        name, _equals, value = line.partition("=")
        settings[name.strip()] = value.strip()
    return settings


def brandwache(tmp_path: Path, settings: dict[str, str], *args: str) -> str:
    env = {
        name: value
        for name, value in os.environ.items()
        # Only what a deployment has: none of the test run's own settings.
        if name in {"PATH", "HOME", "LANG", "LC_ALL", "PYTHONPATH", "SYSTEMROOT"}
    }
    env.update(settings, BRANDWACHE_VAR_DIR=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-m", "brandwache.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return f"exit {done.returncode}\n{done.stdout}{done.stderr}"


def test_the_documented_production_settings_pass_the_deploy_checks(tmp_path):
    settings = documented_settings()
    assert settings["SECRET_KEY"] == "..."  # the document shows no key to copy
    settings["SECRET_KEY"] = secrets.token_urlsafe(50)

    output = brandwache(tmp_path, settings, "check", "--deploy", "--fail-level", "WARNING")

    assert output.startswith("exit 0\n"), output
    assert "System check identified no issues" in output


def test_the_embedded_default_is_flagged_by_the_deploy_checks(tmp_path):
    output = brandwache(tmp_path, {}, "check", "--deploy", "--fail-level", "WARNING")

    assert output.startswith("exit 1\n")
    for check in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert check in output  # HSTS, HTTPS redirect, secure login and CSRF cookies


def test_the_proxy_header_is_read_as_django_expects_it(monkeypatch):
    monkeypatch.setenv("SECURE_PROXY_SSL_HEADER", "X-Forwarded-Proto")
    assert env_header("SECURE_PROXY_SSL_HEADER", "https") == ("HTTP_X_FORWARDED_PROTO", "https")
    monkeypatch.setenv("SECURE_PROXY_SSL_HEADER", "X-Forwarded-Ssl: on")
    assert env_header("SECURE_PROXY_SSL_HEADER", "https") == ("HTTP_X_FORWARDED_SSL", "on")
    monkeypatch.setenv("SECURE_PROXY_SSL_HEADER", "")
    assert env_header("SECURE_PROXY_SSL_HEADER", "https") is None
    monkeypatch.setenv("SECURE_PROXY_SSL_HEADER", "X Forwarded Proto")
    with pytest.raises(ConfigurationError):
        env_header("SECURE_PROXY_SSL_HEADER", "https")
