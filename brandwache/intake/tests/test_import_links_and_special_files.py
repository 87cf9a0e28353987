"""The mail import never follows a link inside a folder and never opens a pipe or device.

A Maildir entry that links to a file elsewhere (say `/etc/passwd`) would otherwise be
read and stored as a mail; a pipe would make the import wait for ever.
"""

from __future__ import annotations

import mailbox
import os
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from brandwache.intake.models import RawMessage
from brandwache.intake.tests.mails import mail_bytes

pytestmark = pytest.mark.django_db

SECRET = b"From: root@example.ch\r\nSubject: geheim\r\n\r\nroot:x:0:0:root:/root:/bin/bash\r\n"


def run_import(path: Path, *options: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_mail", str(path), *options, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def maildir(tmp_path) -> Path:
    """A Maildir with one real mail, a link to a file outside it and a pipe."""
    secret = tmp_path / "ausserhalb" / "passwd"
    secret.parent.mkdir()
    secret.write_bytes(SECRET)
    box = mailbox.Maildir(tmp_path / "Maildir")
    box.add(mail_bytes(subject="Echte Nachricht"))
    (tmp_path / "Maildir" / "cur" / "1700000000.link:2,S").symlink_to(secret)
    os.mkfifo(tmp_path / "Maildir" / "new" / "1700000001.pipe")
    return tmp_path / "Maildir"


def test_a_link_to_a_file_outside_the_maildir_is_never_read(maildir):
    out, err = run_import(maildir)
    assert RawMessage.objects.count() == 1
    assert not any(b"root:x:0:0" in bytes(raw.payload) for raw in RawMessage.objects.all())
    assert out.splitlines()[0].endswith(": 1")  # imported
    assert "Maildir/cur/1700000000.link:2,S: ein symbolischer Link" in err


def test_a_pipe_in_the_maildir_is_skipped_with_a_warning_not_opened(maildir):
    _out, err = run_import(maildir)
    assert "Übersprungen (Links und Spezialdateien werden nie gelesen): 2" in err
    assert "Maildir/new/1700000001.pipe: keine gewöhnliche Datei" in err


def test_each_skipped_entry_is_listed_with_verbosity_two(maildir):
    out, _err = run_import(maildir, "--verbosity=2")
    assert "Maildir/cur/1700000000.link:2,S: übersprungen (ein symbolischer Link" in out
    assert "Maildir/new/1700000001.pipe: übersprungen" in out


def test_a_linked_folder_inside_the_import_is_not_entered(tmp_path):
    elsewhere = mailbox.Maildir(tmp_path / "anderswo")
    elsewhere.add(mail_bytes(subject="Fremder Ordner"))
    box = mailbox.Maildir(tmp_path / "Maildir")
    box.add(mail_bytes(subject="Eigene Nachricht"))
    (tmp_path / "Maildir" / ".Fremd").symlink_to(tmp_path / "anderswo")
    _out, err = run_import(tmp_path / "Maildir")
    assert RawMessage.objects.count() == 1
    assert "Maildir/.Fremd: ein symbolischer Link" in err


def test_a_file_named_on_the_command_line_is_read_even_through_a_link(tmp_path):
    target = tmp_path / "export" / "brief.eml"
    target.parent.mkdir()
    target.write_bytes(mail_bytes(subject="Verlinkt"))
    (tmp_path / "brief.eml").symlink_to(target)
    out, _err = run_import(tmp_path / "brief.eml")
    assert out.splitlines()[0].endswith(": 1")
    assert RawMessage.objects.count() == 1
