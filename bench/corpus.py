"""Realistic German and English complaint mail, generated reproducibly for the benchmarks."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

FIRST_NAMES = [
    "Anna",
    "Beat",
    "Claudia",
    "Daniel",
    "Elif",
    "Franz",
    "Gabi",
    "Hans",
    "Ines",
    "Jürg",
    "Katrin",
    "Lukas",
    "Marta",
    "Nico",
    "Olga",
    "Peter",
    "Rita",
    "Stefan",
    "Tamara",
    "Urs",
    "Vreni",
    "Walter",
    "Yvonne",
    "Zoran",
]
LAST_NAMES = [
    "Müller",
    "Meier",
    "Schmid",
    "Keller",
    "Weber",
    "Huber",
    "Schneider",
    "Steiner",
    "Fischer",
    "Gerber",
    "Brunner",
    "Baumann",
    "Frei",
    "Zimmermann",
    "Moser",
    "Wagner",
]
DOMAINS = ["example.ch", "example.de", "example.at", "beispiel.ch", "mail.example.com"]
SUBJECTS = [
    "Doppelte Belastung auf der Rechnung {n}",
    "Zug verpasst wegen Verspätung ({n})",
    "Paket {n} nicht angekommen",
    "Kündigung wird ignoriert – Vertrag {n}",
    "Unfreundliche Hotline, Ticket {n}",
    "Mahnung trotz Zahlung, Kundennummer {n}",
    "Werbevertrag über 20 Jahre? Angebot {n}",
    "Defektes Gerät, Garantiefall {n}",
    "Invoice {n} charged twice",
    "Late delivery of order {n}",
]
BODIES = [
    "Guten Tag\n\nAuf meiner Rechnung vom {d} wurde der Betrag von CHF {amount} zweimal "
    "abgebucht. Ich bitte Sie, mir den doppelt belasteten Betrag bis Ende Woche "
    "zurückzuerstatten. Den Kontoauszug habe ich beigelegt.\n",
    "Sehr geehrte Damen und Herren\n\nMein Zug hatte am {d} über {minutes} Minuten "
    "Verspätung, so dass ich den Anschluss verpasst habe und erst am späten Abend zu Hause "
    "war. Niemand hat am Bahnhof informiert. Ich erwarte eine Entschädigung.\n",
    "Hallo\n\nSeit drei Wochen warte ich auf mein Paket. Die Sendungsverfolgung zeigt seit "
    "dem {d} keinen neuen Status. Ihre Hotline vertröstet mich jedes Mal. Was ist los?\n",
    "Guten Tag\n\nIch habe meinen Vertrag fristgerecht gekündigt und trotzdem erneut eine "
    "Rechnung über EUR {amount} erhalten. Bitte bestätigen Sie die Kündigung schriftlich.\n",
    "Grüezi\n\nIhr Mitarbeiter am Telefon wollte mir einen Werbevertrag über 20 Jahre "
    "aufschwatzen. Ich fühle mich getäuscht und widerrufe hiermit alles, was am Telefon "
    "besprochen wurde.\n",
    "Hello\n\nMy order from {d} still has not arrived, and your support did not answer my "
    "last two e-mails. Please refund the amount of EUR {amount} or ship the goods this week.\n",
]
SIGNATURES = [
    "Freundliche Grüsse\n{name}",
    "Mit freundlichen Grüßen\n{name}\nTel. 044 123 45 67",
    "-- \n{name}\nSent from my phone",
    "Beste Grüsse\n{name}",
]


def generate(count: int, seed: int = 7) -> Iterator[bytes]:
    """`count` messages; about a third are replies that continue an earlier thread."""
    rng = random.Random(seed)
    start = datetime(2026, 10, 1, 8, 0, tzinfo=UTC)
    threads: list[tuple[str, str, str]] = []  # (message id, subject, sender)
    for index in range(count):
        when = start + timedelta(minutes=7 * index)
        message = EmailMessage()
        if threads and rng.random() < 0.33:
            parent_id, subject, sender = rng.choice(threads)
            message["Subject"] = "AW: " + subject
            message["In-Reply-To"] = parent_id
            message["References"] = parent_id
            quote = f"\n\nAm {when:%d.%m.%Y} um 09:12 schrieb Kundendienst:\n> Vielen Dank.\n"
            body = "Leider ist das Problem immer noch nicht gelöst." + quote
        else:
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            local = name.lower().replace(" ", ".").replace("ü", "ue").replace("ö", "oe")
            sender = f"{name} <{local}{rng.randint(1, 999)}@{rng.choice(DOMAINS)}>"
            subject = rng.choice(SUBJECTS).format(n=rng.randint(10000, 99999))
            message["Subject"] = subject
            body = rng.choice(BODIES).format(
                d=f"{when:%d.%m.%Y}", amount=rng.randint(19, 900), minutes=rng.randint(20, 120)
            )
            body += "\n" + rng.choice(SIGNATURES).format(name=name) + "\n"
        message_id = make_msgid(idstring=str(index), domain="kunde.example")
        message["From"] = sender
        message["To"] = "service@firma.example"
        message["Date"] = format_datetime(when)
        message["Message-ID"] = message_id
        message.set_content(body)
        if rng.random() < 0.15:
            html = "<p>" + body.replace("\n\n", "</p><p>").replace("\n", "<br>") + "</p>"
            html += '<img src="https://tracker.example/pixel.gif" width="1" height="1">'
            message.add_alternative(html, subtype="html")
        if rng.random() < 0.05:
            message.add_attachment(
                rng.randbytes(20_000), maintype="application", subtype="pdf", filename="beleg.pdf"
            )
        if "In-Reply-To" not in message:
            threads.append((message_id, subject, sender))
        yield message.as_bytes()
