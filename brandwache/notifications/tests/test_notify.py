"""`notify`: one row per person, the e-mail after commit, a failed mail kept with its reason."""

import socket

import pytest
from django.core import mail
from django.db import transaction
from django.test import override_settings

from brandwache.notifications.actions import notify
from brandwache.notifications.models import Notification
from conftest import make_user

pytestmark = pytest.mark.django_db


def test_each_person_gets_one_notification_and_one_mail_after_commit(
    agent, colleague, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        notify(
            [agent, colleague, agent],
            kind="test",
            title="BW-2026-00001: Frist läuft ab",
            body="Bitte antworten Sie heute.",
            url="/cases/BW-2026-00001/",
        )
        assert mail.outbox == []  # nothing leaves before the commit

    assert len(callbacks) == 1  # one mail task for all of them
    assert sorted(Notification.objects.values_list("recipient__username", flat=True)) == [
        "anna",
        "beat",
    ]
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.ch", "beat@example.ch"]
    sent = mail.outbox[0]
    assert sent.subject == "BW-2026-00001: Frist läuft ab"
    assert "Bitte antworten Sie heute." in sent.body
    assert "http://127.0.0.1:8000/cases/BW-2026-00001/" in sent.body
    assert "/notifications/" in sent.body
    assert Notification.objects.filter(mailed_at__isnull=True).count() == 0


def test_someone_without_an_address_is_notified_in_the_app_only(
    django_capture_on_commit_callbacks,
) -> None:
    nomail = make_user("nomail")
    nomail.email = ""
    nomail.save()

    with django_capture_on_commit_callbacks(execute=True):
        notify([nomail], kind="test", title="Hallo")

    assert Notification.objects.get().recipient == nomail
    assert mail.outbox == []


def test_a_mail_the_server_refuses_is_kept_with_its_reason(
    agent, django_capture_on_commit_callbacks
) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    smtp = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
        }
    }

    with override_settings(MAILERS=smtp), django_capture_on_commit_callbacks(execute=True):
        notify([agent], kind="test", title="Hallo")

    stored = Notification.objects.get()
    assert stored.mailed_at is None
    assert stored.mail_error  # the connection error, as the server gave it
