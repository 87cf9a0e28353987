"""Brandwache's files are its own user's only: the real commands, run as a deployment runs them."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")

ATTACH_AND_MAIL = """
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.mail import send_mail
default_storage.save("attachments/2026/11/rechnung.pdf", ContentFile(b"%PDF-1.4 Rechnung 4711"))
send_mail("Ihre Rechnung 4711", "Die Gutschrift folgt.", None, ["petra.muster@example.ch"])
"""


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def brandwache(var_dir: Path, *args: str, **settings: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BRANDWACHE_VAR_DIR": str(var_dir)}
    # The embedded default, as shipped: its database, media folder, key and mail backend.
    for name in ("DATABASE_URL", "MEDIA_ROOT", "EMAIL_HOST", "EMAIL_BACKEND", "TASKS_BACKEND"):
        env.pop(name, None)
    env.pop("SECRET_KEY", None)
    env.update(settings)
    done = subprocess.run(
        [sys.executable, "-m", "brandwache.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        # A permissive umask in the calling shell must not matter.
        preexec_fn=lambda: os.umask(0o002),
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def test_a_new_installation_keeps_its_files_to_itself(tmp_path):
    var_dir = tmp_path / "var"
    brandwache(var_dir, "migrate", "-v", "0")

    assert mode(var_dir) == 0o700
    assert mode(var_dir / "secret_key") == 0o600
    assert mode(var_dir / "brandwache.sqlite3") == 0o600
    assert not (var_dir / "media").exists()

    done = brandwache(var_dir, "shell", "-c", ATTACH_AND_MAIL)

    media = var_dir / "media"
    for folder in (media, media / "attachments", media / "attachments" / "2026" / "11"):
        assert mode(folder) == 0o700, folder
    assert mode(media / "attachments" / "2026" / "11" / "rechnung.pdf") == 0o600
    [kept] = (var_dir / "mail").iterdir()
    assert mode(var_dir / "mail") == 0o700 and mode(kept) == 0o600
    assert b"petra.muster@example.ch" in kept.read_bytes()
    output = done.stdout + done.stderr
    assert "kept in" in output
    for private in ("petra.muster@example.ch", "Rechnung 4711", "Gutschrift"):
        assert private not in output


def test_files_an_older_version_left_readable_are_tightened_on_start(tmp_path):
    var_dir = tmp_path / "var"
    media = var_dir / "media"
    media.mkdir(parents=True)
    database = var_dir / "brandwache.sqlite3"
    with sqlite3.connect(database) as connection:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("CREATE TABLE t (x)")
        (var_dir / "brandwache.sqlite3-wal").touch()
        for path in (var_dir, media):
            path.chmod(0o755)
        for path in var_dir.glob("brandwache.sqlite3*"):
            path.chmod(0o644)

        brandwache(var_dir, "check", SECRET_KEY="a-key-from-the-environment-" + "x" * 40)

        assert mode(var_dir) == 0o700 and mode(media) == 0o700
        assert mode(database) == 0o600
        assert mode(var_dir / "brandwache.sqlite3-wal") == 0o600


def test_with_the_key_from_the_environment_the_folder_is_still_created_private(tmp_path):
    var_dir = tmp_path / "var"
    brandwache(
        var_dir,
        "shell",
        "-c",
        "from django.db import connection; connection.ensure_connection()",
        SECRET_KEY="a-key-from-the-environment-" + "x" * 40,
    )

    assert mode(var_dir) == 0o700
    assert mode(var_dir / "brandwache.sqlite3") == 0o600
    assert not (var_dir / "secret_key").exists()
