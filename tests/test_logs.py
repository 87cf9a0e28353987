"""Brandwache's own log output holds no e-mail address, no status link and no customer mail."""

from __future__ import annotations

import logging
import stat
from collections.abc import Iterator
from io import StringIO
from smtplib import SMTPRecipientsRefused

import pytest
from django.core.mail import EmailMessage

import brandwache.settings as shipped
from brandwache.logs import PrivateFormatter, mask_text, mask_url
from brandwache.mailfolder import EmailBackend

TOKEN = "Xq3v9Lk2mN8pR4sT6uW1yZ0aB5cD7eF9"


@pytest.fixture
def console() -> Iterator[StringIO]:
    """What the console handler the settings configure writes, while the test runs."""
    [handler] = [h for h in logging.getLogger().handlers if type(h) is logging.StreamHandler]
    output = StringIO()
    previous = handler.setStream(output)
    yield output
    handler.setStream(previous)


def test_the_console_log_is_written_through_the_private_formatter():
    [handler] = [h for h in logging.getLogger().handlers if type(h) is logging.StreamHandler]
    assert isinstance(handler.formatter, PrivateFormatter)


def test_a_refused_recipient_and_a_traceback_lose_their_addresses(console):
    log = logging.getLogger("brandwache.cases.tasks")
    refused = SMTPRecipientsRefused({"petra.muster@example.ch": (550, b"no such user")})
    try:
        raise RuntimeError(f"reply for /status/{TOKEN}/ failed") from refused
    except RuntimeError as error:
        log.exception("delivery of message %s failed: %s", 7, error)

    output = console.getvalue()
    assert "delivery of message 7 failed" in output and "no such user" in output
    assert "petra.muster@example.ch" not in output and "***@***" in output
    assert TOKEN not in output and "/status/***/" in output


@pytest.mark.django_db
def test_a_wrong_status_link_is_logged_without_the_link(client, console):
    assert client.get(f"/status/{TOKEN}/").status_code == 404
    output = console.getvalue()
    assert "Not Found: /status/***/" in output
    assert TOKEN not in output


def test_urls_keep_what_was_asked_for_but_not_what_was_typed():
    assert mask_url(f"/status/{TOKEN}/") == "/status/***/"
    assert mask_url("/complaint/thanks/MTI:1vAbCd:abc/") == "/complaint/thanks/***/"
    assert mask_url("/?q=anna%40example.ch&page=2") == "/?q=***&page=***"
    assert mask_url("/cases/BW-2026-00042/") == "/cases/BW-2026-00042/"
    assert (
        mask_url("https://desk.example.ch/status/abc/#x") == "https://desk.example.ch/status/***/"
    )
    # A path no URL pattern knows: only what looks like a secret goes.
    assert mask_url(f"/old/links/{TOKEN}/") == "/old/links/***/"
    assert mask_url("/static/web/brandwache.css") == "/static/web/brandwache.css"


def test_paths_in_free_text_are_masked_only_where_a_url_pattern_names_a_secret():
    text = f'File "/srv/brandwache/{TOKEN}/views.py", GET /status/{TOKEN}/ from Anna <a@b.ch>'
    assert mask_text(text) == (
        f'File "/srv/brandwache/{TOKEN}/views.py", GET /status/***/ from Anna <***@***>'
    )


def test_the_embedded_default_keeps_mail_in_a_private_folder_instead_of_printing_it(
    monkeypatch, tmp_path, console
):
    monkeypatch.delenv("EMAIL_HOST", raising=False)
    assert shipped.MAILERS["default"]["BACKEND"] == "brandwache.mailfolder.EmailBackend"

    folder = tmp_path / "mail"
    mail = EmailMessage(
        "Ihre Beschwerde BW-2026-00042",
        "Grüezi Frau Muster, die Gutschrift über CHF 80 folgt.",
        "service@example.ch",
        ["petra.muster@example.ch"],
    )
    assert EmailBackend(folder=str(folder)).send_messages([mail]) == 1

    [kept] = folder.iterdir()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert b"petra.muster@example.ch" in kept.read_bytes()
    output = console.getvalue()
    assert f"Mail to 1 recipient(s) kept in {kept}" in output
    for private in ("petra.muster", "Gutschrift", "BW-2026-00042", "Grüezi"):
        assert private not in output
