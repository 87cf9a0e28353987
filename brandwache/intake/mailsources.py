"""Importing mail from files: single .eml files, folders, Maildirs and mbox files.

Every message goes through the intake pipeline like mail from a mailbox would, so an
import can be repeated: what is known already is counted as a duplicate. Inside a
folder, symbolic links are never followed and pipes, devices and sockets never
opened: they are skipped and named in the import's report.
"""

from __future__ import annotations

import mailbox
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext

from brandwache.intake.channels.base import get_channel
from brandwache.intake.models import RawMessage
from brandwache.intake.pipeline import Incoming, IntakeResult, already_stored, ingest_many

MBOX_SUFFIXES = {".mbox", ".mbx"}
# A batch is also closed when its messages hold this many bytes, so memory stays bounded.
MAX_BATCH_BYTES = 64 * 1024 * 1024
MAILDIR_LEAVES = {"cur", "new"}
_MBOX_START = b"From "
# Opening never waits (a pipe) and, inside a folder, never follows a link.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)


@dataclass(frozen=True)
class MailItem:
    """One message found in a source; `error` when it could not be read, `skipped` (the
    reason) for a link or special file that was deliberately left alone."""

    source: str
    payload: bytes | None = None
    error: str = ""
    skipped: str = ""


@dataclass
class ImportSummary:
    imported: int = 0
    duplicates: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    unreadable: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)

    @property
    def total(self) -> int:
        problems = len(self.failed) + len(self.unreadable) + len(self.skipped)
        return self.imported + self.duplicates + problems


class UnreadablePath(Exception):
    """A path given to the import does not exist or cannot be read."""


def check_path(path: Path) -> None:
    if not path.exists():
        raise UnreadablePath(gettext("%(path)s does not exist.") % {"path": path})
    if not os.access(path, os.R_OK) or (path.is_dir() and not os.access(path, os.X_OK)):
        raise UnreadablePath(gettext("%(path)s cannot be read.") % {"path": path})
    if not path.is_dir() and not path.is_file():
        raise UnreadablePath(gettext("%(path)s is neither a file nor a folder.") % {"path": path})


def iter_mail(path: Path) -> Iterator[MailItem]:
    """Every message under `path`: a file, a folder (recursive) or an mbox file."""
    if path.is_dir():
        yield from _iter_folder(path)
    else:
        yield from _iter_file(path, path.name)


def _iter_folder(root: Path) -> Iterator[MailItem]:
    errors: list[OSError] = []
    for folder, subfolders, files in os.walk(root, onerror=errors.append):
        here = Path(folder)
        if all(leaf in subfolders for leaf in MAILDIR_LEAVES):
            # A Maildir: its "tmp" holds deliveries still being written.
            subfolders[:] = [name for name in subfolders if name != "tmp"]
        for name in sorted(subfolders):
            if (here / name).is_symlink():  # os.walk lists a linked folder but never enters it
                yield MailItem(_label(here / name, root), skipped=_LINK)
        subfolders[:] = sorted(name for name in subfolders if not (here / name).is_symlink())
        while errors:
            error = errors.pop(0)
            yield MailItem(_label(Path(error.filename or folder), root), error=_reason(error))
        for name in sorted(files):
            path = here / name
            label = _label(path, root)
            suffix = path.suffix.lower()
            candidate = _is_maildir_leaf(here) or suffix in {".eml", *MBOX_SUFFIXES, ""}
            not_regular = _not_regular(path) if candidate else ""
            if not_regular:
                yield MailItem(label, skipped=not_regular)
            elif _is_maildir_leaf(here) or suffix == ".eml":
                yield _read_message(path, label, follow=False)
            elif suffix in MBOX_SUFFIXES or (not suffix and _starts_mbox(path, follow=False)):
                yield from _iter_mbox(path, label)
    for error in errors:
        yield MailItem(_label(Path(error.filename or root), root), error=_reason(error))


def _label(path: Path, root: Path) -> str:
    """Where a message came from, relative to the folder named on the command line."""
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return path.name


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


_LINK = "link"
_SPECIAL = "special"


def skip_reason(code: str) -> str:
    """Why a folder entry was left alone, in the reader's language."""
    if code == _LINK:
        return gettext("a symbolic link; links inside a folder are never followed")
    return gettext("not a regular file (a pipe, device or socket); not read")


def _not_regular(path: Path) -> str:
    """Why `path` is no file to read (a link or a special file), or "" for a regular file."""
    try:
        mode = path.lstat().st_mode
    except OSError:
        return ""  # gone meanwhile: reading it reports the error
    if stat.S_ISLNK(mode):
        return _LINK
    return "" if stat.S_ISREG(mode) else _SPECIAL


def _open_regular(path: Path, *, follow: bool) -> int:
    """A descriptor of `path` if it is a regular file; raises `_NotRegular` otherwise.

    The check is made on the opened file, so a link or pipe put in its place after the
    folder was listed is refused as well."""
    try:
        descriptor = os.open(path, _OPEN_FLAGS | (0 if follow else _NO_FOLLOW))
    except OSError as error:
        if not follow and path.is_symlink():
            raise _NotRegular(_LINK) from error
        raise
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise _NotRegular(_SPECIAL)
    return descriptor


class _NotRegular(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _is_maildir_leaf(folder: Path) -> bool:
    return folder.name in MAILDIR_LEAVES and all(
        (folder.parent / leaf).is_dir() for leaf in MAILDIR_LEAVES
    )


def _iter_file(path: Path, label: str) -> Iterator[MailItem]:
    """A file named on the command line: a link there is followed (its owner chose it)."""
    if path.suffix.lower() in MBOX_SUFFIXES or _starts_mbox(path, follow=True):
        yield from _iter_mbox(path, label)
    else:
        yield _read_message(path, label, follow=True)


def _starts_mbox(path: Path, *, follow: bool) -> bool:
    try:
        with os.fdopen(_open_regular(path, follow=follow), "rb") as handle:
            return handle.read(len(_MBOX_START)) == _MBOX_START
    except (OSError, _NotRegular):
        return False


def _read_message(path: Path, label: str, *, follow: bool) -> MailItem:
    try:
        with os.fdopen(_open_regular(path, follow=follow), "rb") as handle:
            return MailItem(label, payload=handle.read())
    except _NotRegular as refused:
        return MailItem(label, skipped=refused.code)
    except OSError as error:
        return MailItem(label, error=_reason(error))


def _iter_mbox(path: Path, label: str) -> Iterator[MailItem]:
    """Messages of an mbox file, read one at a time (the file is never loaded whole)."""
    try:
        box = mailbox.mbox(path, create=False)
        keys = box.iterkeys()  # scans the file for message offsets
    except (OSError, mailbox.Error) as error:
        yield MailItem(label, error=getattr(error, "strerror", None) or str(error))
        return
    try:
        for number, key in enumerate(keys, start=1):
            source = f"{label}:{number}"
            try:
                yield MailItem(source, payload=box.get_bytes(key))
            except (OSError, KeyError) as error:
                yield MailItem(source, error=str(error))
    finally:
        box.close()


def import_paths(
    paths: list[Path],
    *,
    batch_size: int = 100,
    on_item: Callable[[MailItem, str, str], None] | None = None,
) -> ImportSummary:
    """Import every message under `paths` through the pipeline and count the outcomes.

    Per batch, one query finds what an earlier run stored, the new messages are
    committed raw together, and then each is processed on its own.
    `on_item(item, outcome, reason)` is told about each message as it is done.
    """
    summary = ImportSummary()
    channel = get_channel("email")
    items = (item for path in paths for item in iter_mail(path))
    for batch in _batches(items, batch_size):
        keys = {
            index: channel.external_id(item.payload, {})[:255]
            for index, item in enumerate(batch)
            if item.payload is not None
        }
        # One query per batch instead of one per message finds what an earlier run stored.
        readable = list(keys)
        known = already_stored(
            channel.key, [(keys[index], batch[index].payload or b"") for index in readable]
        )
        known_indexes = {readable[position] for position in known}
        fresh = [
            (index, item)
            for index, item in enumerate(batch)
            if item.payload is not None and index not in known_indexes
        ]
        incoming = [
            Incoming(item.payload or b"", {"source": item.source}, keys[index])
            for index, item in fresh
        ]
        indexes = [index for index, _item in fresh]
        results = dict(zip(indexes, ingest_many("email", incoming), strict=True))
        for index, item in enumerate(batch):
            outcome, reason = _count(item, results.get(index), summary)
            if on_item is not None:
                on_item(item, outcome, reason)
    return summary


def _batches(items: Iterator[MailItem], size: int) -> Iterator[list[MailItem]]:
    batch: list[MailItem] = []
    held = 0
    for item in items:
        batch.append(item)
        held += len(item.payload or b"")
        if len(batch) >= size or held >= MAX_BATCH_BYTES:
            yield batch
            batch, held = [], 0
    if batch:
        yield batch


def _count(item: MailItem, result: IntakeResult | None, summary: ImportSummary) -> tuple[str, str]:
    """The outcome of one message; `result` is None when it was known before this run."""
    if item.skipped:
        reason = skip_reason(item.skipped)
        summary.skipped.append((item.source, reason))
        return "skipped", reason
    if item.payload is None:
        summary.unreadable.append((item.source, item.error))
        return "unreadable", item.error
    if result is None or not result.created:
        summary.duplicates += 1
        return "duplicate", ""
    if result.raw.status == RawMessage.Status.FAILED:
        summary.failed.append((item.source, result.error))
        return "failed", result.error
    summary.imported += 1
    return "imported", ""
