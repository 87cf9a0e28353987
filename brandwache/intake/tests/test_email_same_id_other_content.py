"""A second mail with a known Message-ID but other content is kept, flagged and left alone.

The same mail again (also as another mailbox format stores it) stays one message; a
different mail under the same Message-ID is stored raw under a key of its own, listed
under intake problems with the reason, and put on a case only when someone processes
it again.
"""

from __future__ import annotations

import mailbox
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from brandwache.cases.models import Case, Message
from brandwache.intake.models import RawMessage
from brandwache.intake.pipeline import SAME_ID_AS, ingest, reprocess
from brandwache.intake.tests.mails import mail_bytes

pytestmark = pytest.mark.django_db

MESSAGE_ID = "<abo-1@example.ch>"
BODY = "Guten Tag\n\nFrom my account the subscription was charged twice.\n\nPetra Muster\n"


def original() -> bytes:
    return mail_bytes(message_id=MESSAGE_ID, body=BODY, date="Mon, 02 Mar 2026 09:15:00 +0100")


def impostor() -> bytes:
    return mail_bytes(
        message_id=MESSAGE_ID,
        body="Bitte überweisen Sie das Geld auf mein neues Konto.",
        date="Mon, 02 Mar 2026 09:15:00 +0100",
    )


def import_mail(*paths) -> str:
    out = StringIO()
    call_command("import_mail", *[str(path) for path in paths], stdout=out, stderr=StringIO())
    return out.getvalue()


def test_the_same_mail_again_creates_nothing_new():
    first = ingest("email", original())
    again = ingest("email", original())
    assert first.created and again.duplicate and again.message == first.message
    assert RawMessage.objects.count() == 1 and Message.objects.count() == 1


def test_the_same_mail_from_an_mbox_and_a_maildir_is_one_message(tmp_path):
    box = mailbox.mbox(tmp_path / "archiv.mbox")
    box.add(original())  # stored with ">From " quoting and a "From " line in front
    box.close()
    maildir = mailbox.Maildir(tmp_path / "Maildir")
    maildir.add(original().replace(b"\r\n", b"\n"))
    import_mail(tmp_path / "archiv.mbox")
    output = import_mail(tmp_path / "Maildir")
    assert output.splitlines()[1].endswith(": 1")  # the duplicates line
    assert RawMessage.objects.count() == 1 and Message.objects.count() == 1


def test_other_content_under_a_known_message_id_is_kept_and_flagged():
    first = ingest("email", original())
    second = ingest("email", impostor())
    assert second.created and second.message is None
    raw = second.raw
    assert raw.status == RawMessage.Status.FAILED
    assert raw.external_id != first.raw.external_id
    assert raw.metadata[SAME_ID_AS] == first.raw.pk
    assert bytes(RawMessage.objects.get(pk=raw.pk).payload) == impostor()
    assert "Gleiche Message-ID" in raw.error
    assert Message.objects.count() == 1 and Case.objects.count() == 1


def test_the_flagged_mail_again_is_a_duplicate_of_itself():
    ingest("email", original())
    flagged = ingest("email", impostor()).raw
    again = ingest("email", impostor())
    assert again.duplicate and again.raw == flagged
    assert RawMessage.objects.count() == 2


def test_the_flagged_mail_is_listed_under_intake_problems_and_can_be_processed(client, lead):
    ingest("email", original())
    flagged = ingest("email", impostor()).raw
    client.force_login(lead)
    html = client.get(reverse("web:intake_problems")).content.decode()
    assert f'id="raw-{flagged.pk}"' in html
    assert "Gleiche Message-ID wie eine frühere Nachricht" in html
    assert reverse("web:intake_reprocess", args=[flagged.pk]) in html
    message = reprocess(flagged)
    assert message is not None and "neues Konto" in message.text
    flagged.refresh_from_db()
    assert flagged.status == RawMessage.Status.PROCESSED
    assert Message.objects.count() == 2


def test_a_reimport_with_one_changed_mail_reports_it_as_failed_with_the_reason(tmp_path):
    delivery = mail_bytes(subject="Lieferung")
    path = tmp_path / "archiv.mbox"
    box = mailbox.mbox(path)
    box.add(original())
    box.add(delivery)
    box.close()
    import_mail(path)
    changed = tmp_path / "neu.mbox"
    box = mailbox.mbox(changed)
    box.add(impostor())
    box.add(delivery)
    box.close()
    output = import_mail(changed)
    assert [line.rsplit(": ", 1)[1] for line in output.splitlines()[:3]] == ["0", "1", "1"]
    assert "neu.mbox:1: Gleiche Message-ID" in output
    assert import_mail(changed).splitlines()[1].endswith(": 2")
    assert RawMessage.objects.count() == 3 and Message.objects.count() == 2
