from __future__ import annotations

import mailbox
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from django.utils.translation import gettext

from brandwache.cases.models import Case, Message
from brandwache.intake.models import RawMessage
from brandwache.intake.tests.mails import german_mail, mail_bytes

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]


def import_mail(*paths: Path | str, **options: object) -> str:
    out = StringIO()
    call_command("import_mail", *[str(path) for path in paths], stdout=out, **options)
    return out.getvalue()


def counts(output: str) -> list[str]:
    """The three numbers of the summary: imported, duplicates, failed."""
    return [line.rsplit(":", 1)[1].strip() for line in output.splitlines()[:3]]


def write_mbox(path: Path, *payloads: bytes) -> Path:
    box = mailbox.mbox(path)
    for payload in payloads:
        box.add(payload)
    box.flush()
    box.close()
    return path


def test_it_imports_a_single_eml_file(tmp_path):
    path = tmp_path / "reklamation.eml"
    path.write_bytes(mail_bytes(subject="Heizung kalt"))
    output = import_mail(path)
    assert counts(output) == ["1", "0", "0"]
    raw = RawMessage.objects.get()
    assert raw.metadata == {"source": "reklamation.eml"}
    assert bytes(raw.payload) == path.read_bytes()
    assert Case.objects.get().subject == "Heizung kalt"


def test_it_imports_every_message_of_an_mbox_and_threads_the_replies(tmp_path):
    first = mail_bytes(message_id="<eins@example.ch>", subject="Rechnung falsch")
    reply = mail_bytes(
        message_id="<zwei@example.ch>", in_reply_to="<eins@example.ch>", subject="AW: Rechnung"
    )
    other = mail_bytes(sender="Hans Beispiel <hans@example.ch>", subject="Lieferung")
    path = write_mbox(tmp_path / "archiv.mbox", first, reply, other)
    output = import_mail(path)
    assert counts(output) == ["3", "0", "0"]
    sources = sorted(RawMessage.objects.values_list("metadata__source", flat=True))
    assert sources == ["archiv.mbox:1", "archiv.mbox:2", "archiv.mbox:3"]
    assert Case.objects.count() == 2
    assert Message.objects.get(message_id="zwei@example.ch").case.subject == "Rechnung falsch"


def test_an_mbox_without_suffix_is_recognised_by_its_first_line(tmp_path):
    path = write_mbox(tmp_path / "Inbox", mail_bytes(), mail_bytes())
    assert counts(import_mail(path)) == ["2", "0", "0"]


def test_it_imports_a_folder_recursively_with_eml_files_and_mbox_files(tmp_path):
    folder = tmp_path / "export"
    (folder / "2026" / "november").mkdir(parents=True)
    (folder / "a.eml").write_bytes(mail_bytes())
    (folder / "2026" / "november" / "b.EML").write_bytes(mail_bytes())
    (folder / "2026" / "notizen.txt").write_text("keine Mail")
    write_mbox(folder / "2026" / "alt.mbox", mail_bytes(), mail_bytes())
    output = import_mail(folder)
    assert counts(output) == ["4", "0", "0"]
    assert "export/2026/november/b.EML" in RawMessage.objects.values_list(
        "metadata__source", flat=True
    )


def test_it_imports_the_cur_and_new_messages_of_a_maildir(tmp_path):
    box = mailbox.Maildir(tmp_path / "Maildir")
    box.add(mail_bytes(subject="Neu"))
    seen = mailbox.MaildirMessage(mail_bytes(subject="Gelesen"))
    seen.set_subdir("cur")
    seen.add_flag("S")
    box.add(seen)
    sent = box.add_folder("Sent")
    sent.add(mail_bytes(subject="Unterordner"))
    (tmp_path / "Maildir" / "tmp" / "halb.eml").write_bytes(b"From: halb")
    output = import_mail(tmp_path / "Maildir")
    assert counts(output) == ["3", "0", "0"]
    assert sorted(Case.objects.values_list("subject", flat=True)) == [
        "Gelesen",
        "Neu",
        "Unterordner",
    ]


def test_importing_again_counts_duplicates_and_changes_nothing(tmp_path):
    path = write_mbox(tmp_path / "archiv.mbox", mail_bytes(), mail_bytes(), mail_bytes())
    import_mail(path)
    output = import_mail(path, batch_size=2)
    assert counts(output) == ["0", "3", "0"]
    assert RawMessage.objects.count() == 3
    assert Message.objects.count() == 3


def test_the_same_mail_twice_in_one_mbox_is_one_message(tmp_path):
    payload = mail_bytes(message_id="<zweimal@example.ch>")
    path = write_mbox(tmp_path / "archiv.mbox", payload, payload)
    assert counts(import_mail(path)) == ["1", "1", "0"]


def test_failed_messages_are_kept_listed_and_do_not_fail_the_command(tmp_path):
    anonymous = b"Subject: Ohne Absender\r\nMessage-ID: <anonym@example.ch>\r\n\r\nText"
    path = write_mbox(tmp_path / "archiv.mbox", mail_bytes(), anonymous)
    output = import_mail(path)
    assert counts(output) == ["1", "0", "1"]
    raw = RawMessage.objects.get(status=RawMessage.Status.FAILED)
    assert f"archiv.mbox:2: {raw.error}" in output
    assert bytes(raw.payload).rstrip().endswith(b"\r\n\r\nText")


def test_a_missing_path_stops_the_import_before_anything_is_stored(tmp_path):
    good = tmp_path / "gut.eml"
    good.write_bytes(mail_bytes())
    with pytest.raises(CommandError, match="fehlt.eml"):
        import_mail(good, tmp_path / "fehlt.eml")
    assert RawMessage.objects.count() == 0


def test_links_and_pipes_in_a_folder_are_skipped_with_a_warning(tmp_path):
    (tmp_path / "gut.eml").write_bytes(mail_bytes())
    (tmp_path / "weg.eml").symlink_to(tmp_path / "geloescht.eml")
    os.mkfifo(tmp_path / "pipe.eml")
    err = StringIO()
    call_command("import_mail", str(tmp_path), stdout=StringIO(), stderr=err)
    assert RawMessage.objects.count() == 1
    assert "weg.eml" in err.getvalue() and "pipe.eml" in err.getvalue()


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file_in_a_folder_is_reported_and_fails_the_command(tmp_path):
    (tmp_path / "gut.eml").write_bytes(mail_bytes())
    locked = tmp_path / "gesperrt.eml"
    locked.write_bytes(mail_bytes())
    locked.chmod(0)
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_mail", str(tmp_path), stdout=StringIO(), stderr=err)
    assert RawMessage.objects.count() == 1
    assert "gesperrt.eml" in err.getvalue()


def test_the_console_command_is_spelt_with_a_hyphen_and_exits_non_zero_for_a_missing_path(
    tmp_path,
):
    missing = tmp_path / "nirgends.mbox"
    completed = subprocess.run(
        [sys.executable, "-m", "brandwache.cli", "import-mail", "--skip-checks", str(missing)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode != 0
    assert "nirgends.mbox" in completed.stderr


def test_each_message_is_listed_with_verbosity_two(tmp_path):
    path = tmp_path / "eins.eml"
    path.write_bytes(german_mail().as_bytes())
    output = import_mail(path, verbosity=2)
    with translation.override("en"):
        assert import_mail(path, verbosity=2).splitlines()[0] == "eins.eml: already known"
    assert output.splitlines()[0] == f"eins.eml: {gettext('imported')}"
