"""Brandwache's files are readable by its own user only.

The database, the attachments, the mails kept in `var/mail/` and the secret
key are customer data or keys. Every entry point (`brandwache`, `manage.py`,
the WSGI application) sets the umask to 077 before anything is written, so new
files are 0600 and new folders 0700; the settings tighten what an older
version left readable by others (`var/`, the SQLite file, the attachments).
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterable
from pathlib import Path

PRIVATE_UMASK = 0o077
FOLDER_MODE = 0o700
FILE_MODE = 0o600


def keep_private() -> None:
    """New files and folders of this process: for its own user only."""
    os.umask(PRIVATE_UMASK)


def private_folder(path: Path) -> Path:
    """The folder, created for this user only if missing (if it can be: settings must load)."""
    with contextlib.suppress(OSError):
        path.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    return path


def tighten(paths: Iterable[Path]) -> None:
    """Take group and others' rights from existing folders and files of ours (not recursively).

    Paths that do not exist or belong to another user are left alone: a shared
    mount is the operator's business, and reading the settings must not fail.
    """
    for path in paths:
        try:
            info = path.stat()
        except OSError:
            continue
        if info.st_uid != os.geteuid() or not info.st_mode & 0o077:
            continue
        with contextlib.suppress(OSError):
            path.chmod(FOLDER_MODE if stat.S_ISDIR(info.st_mode) else FILE_MODE)


def sqlite_files(database: dict[str, object]) -> list[Path]:
    """The SQLite file of a database setting and its journal files; none for other engines."""
    name = str(database.get("NAME") or "")
    if not str(database.get("ENGINE", "")).endswith("sqlite3") or name in {"", ":memory:"}:
        return []
    return [Path(name + suffix) for suffix in ("", "-wal", "-shm", "-journal")]
