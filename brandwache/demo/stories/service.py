"""Service: a call centre abusing the company's name, lost luggage, a rude hotline, a warranty."""

from __future__ import annotations

from brandwache.cases.models import Case
from brandwache.demo.desk import Desk
from brandwache.demo.files import luggage_tag_png, text_pdf
from brandwache.intake.channels.base import ParsedAttachment

AEBI_PHONE = "+41 33 555 21 84"


def call_centre_contract(desk: Desk) -> None:
    """Small businesses pushed into a 20-year advertising contract "for the Alpenbahn".

    Three independent reports on three channels: the pattern a Pate has to see.
    """
    call = desk.entry(
        "phone",
        "werbeblitz-aebi-anruf",
        when=desk.day(4, "14:20"),
        agent="nina",
        name="Daniel Aebi",
        phone=AEBI_PHONE,
        subject="Call-Center verkauft Werbung „im Auftrag der Alpenbahn“ – 20 Jahre Laufzeit",
        category="contract",
        text=(
            "Herr Aebi (Bäckerei Aebi, Thun) ruft an: Seit zwei Wochen meldet sich fast "
            "täglich ein Call-Center („WerbeBlitz Direktmarketing“), das angeblich im Auftrag "
            "der Alpenbahn Werbung auf den Bildschirmen im Bahnhof Thun verkauft: 100 Franken "
            "im Monat, Laufzeit 20 Jahre. Man habe ihn stark unter Druck gesetzt („nur heute "
            "zu diesem Preis“). Seine Frau hat letzte Woche am Telefon „ja“ gesagt, jetzt "
            "liegt eine Auftragsbestätigung im Briefkasten. Er will wissen, ob das wirklich "
            "von uns kommt und wie er aus dem Vertrag kommt. Aufgebracht, aber freundlich. "
            "Rückruf gewünscht."
        ),
    )
    case = call.case
    desk.priority(case, "mira", Case.Priority.HIGH, desk.day(4, "14:30"))
    desk.assign(case, "mira", desk.day(4, "14:30"), owner="mira", team="service")
    desk.note(
        case,
        "mira",
        "Wir haben keinen Vertriebspartner dieses Namens. Ähnliche Meldungen bitte diesem "
        "Fall zuordnen oder mir zuweisen. Rechtsdienst ist informiert und antwortet bis "
        "Freitag.",
        desk.day(4, "14:45"),
    )
    desk.status(case, "mira", Case.Status.WAITING_INTERNAL, desk.day(4, "15:10"))
    desk.note(
        case,
        "nina",
        "Rückruf an Herrn Aebi: bestätigt, dass die Firma nicht in unserem Auftrag handelt. "
        "Empfehlung: Auftrag sofort schriftlich und eingeschrieben bestreiten; wir schicken "
        "ihm dafür eine Bestätigung. Er sendet uns die Auftragsbestätigung per Post.",
        desk.day(4, "16:05"),
    )
    contract_scan = ParsedAttachment(
        "Auftragsbestaetigung_WerbeBlitz.pdf",
        "application/pdf",
        text_pdf(
            [
                "WerbeBlitz Direktmarketing GmbH - Auftragsbestätigung",
                "Kunde: Bäckerei Aebi, Bälliz 19, 3600 Thun",
                "Leistung: Werbespot 10 s auf Bildschirmen Bahnhof Thun",
                "Preis: CHF 100.- pro Monat, zahlbar jährlich im Voraus",
                "Laufzeit: 240 Monate, Kündigung frühestens nach Ablauf der Laufzeit",
                "Telefonisch bestätigt am 12.11. (Gesprächsaufzeichnung liegt vor)",
                "Im Auftrag und mit Genehmigung der Bahnbetreiber",
            ],
            title="Auftragsbestätigung",
        ),
    )
    desk.entry(
        "letter",
        "werbeblitz-aebi-brief",
        when=desk.day(2, "10:15"),
        agent="nina",
        name="Daniel Aebi",
        phone=AEBI_PHONE,
        postal="Bäckerei Aebi, Daniel Aebi, Bälliz 19, 3600 Thun",
        subject="Brief mit Kopie der Auftragsbestätigung",
        case=case,
        attachments=[contract_scan],
        text=(
            "Brief von Herrn Aebi mit Kopie der „Auftragsbestätigung“ (siehe Scan). Er "
            "schreibt: „Ich habe niemandem etwas unterschrieben und bitte Sie, diesen Leuten "
            "das Handwerk zu legen. Meine Frau hat nur gesagt, sie solle uns Unterlagen "
            "schicken.“"
        ),
    )
    second = desk.webform(
        "werbeblitz-luethi",
        when=desk.day(1, "11:20"),
        name="Claudia Lüthi",
        email="info@coiffure-luethi.example.ch",
        phone="034 555 27 60",
        subject="Werbeanrufe angeblich im Auftrag der Alpenbahn",
        category="other",
        text=(
            "Guten Tag\n\n"
            "Heute hat mich zum dritten Mal eine Frau von WerbeBlitz angerufen und behauptet, "
            "sie verkaufe Werbung für die Alpenbahn-Bildschirme am Bahnhof Burgdorf. Vertrag "
            "über 20 Jahre, 100 Franken im Monat. Als ich nein sagte, wurde sie frech und "
            "meinte, meine Nachbarn hätten alle unterschrieben.\n\n"
            "Arbeiten Sie wirklich mit dieser Firma zusammen? Ich finde das unseriös.\n\n"
            "Freundliche Grüsse\nClaudia Lüthi\nCoiffure Lüthi, Burgdorf"
        ),
    )
    desk.assign(second.case, "mira", desk.day(1, "13:05"), owner="mira", team="service")
    desk.note(
        second.case,
        "mira",
        f"Zweite Meldung zu WerbeBlitz, siehe {case.reference}. Antwort erst nach "
        "Rückmeldung des Rechtsdienstes (Freitag), Frau Lüthi heute kurz informieren.",
        desk.day(1, "13:06"),
    )


def lost_luggage_twice(desk: Desk) -> None:
    """Lost luggage reported by mail and, two days later, by the form: duplicates to merge."""
    mail = desk.email(
        "koffer-luzern-davos",
        sender=("Sabine Wyss", "sabine.wyss@example.ch"),
        subject="Reisegepäck nicht angekommen",
        when=desk.day(2, "16:40"),
        text=(
            "Grüezi\n\n"
            "Ich habe am Montag meinen Koffer mit dem Gepäckservice Haus-Haus von Luzern "
            "nach Davos aufgegeben (Gepäckschein 7781-2201). Laut Zusage hätte er am Mittwoch "
            "im Hotel sein sollen. Er ist bis heute nicht da, und die Sendungsverfolgung "
            "zeigt seit Dienstag „in Bearbeitung“. Im Koffer sind meine Medikamente und die "
            "Skischuhe.\n\n"
            "Bitte sagen Sie mir, wo der Koffer ist.\n\n"
            "Freundliche Grüsse\nSabine Wyss\n\n"
            "Sabine Wyss\nzurzeit Hotel Bergsonne, Davos\nTel. +41 79 555 34 12\n"
        ),
    )
    desk.categorise(mail.case, "delivery")
    desk.assign(mail.case, "luca", desk.day(2, "17:02"), team="luggage")
    desk.priority(mail.case, "luca", Case.Priority.HIGH, desk.day(2, "17:02"))
    desk.webform(
        "koffer-luzern-davos-formular",
        when=desk.ago(hours=3, minutes=15),
        name="Sabine Wyss",
        email="Sabine.Wyss@example.ch",
        phone="079 555 34 12",
        subject="Koffer immer noch weg!!",
        category="delivery",
        attachments=[ParsedAttachment("gepaeckschein.png", "image/png", luggage_tag_png())],
        text=(
            "Ich habe vorgestern schon geschrieben und keine Antwort bekommen. Mein Koffer "
            "(Gepäckschein 7781-2201, Foto anbei) ist immer noch nicht da. Ich brauche meine "
            "Medikamente! Bitte rufen Sie mich an: 079 555 34 12."
        ),
    )


def rude_hotline(desk: Desk) -> None:
    """A long-standing customer treated rudely on the hotline (Swiss spelling)."""
    message = desk.webform(
        "hotline-ammann",
        when=desk.day(1, "15:45"),
        name="Reto Ammann",
        email="reto.ammann@example.ch",
        subject="Unfreundliche Behandlung an der Hotline",
        category="service",
        text=(
            "Guten Tag\n\n"
            "Ich habe heute Morgen um 9.15 Uhr Ihre Hotline angerufen, weil mein Sparbillett "
            "doppelt gebucht wurde. Nach 25 Minuten in der Warteschlaufe hat mir der "
            "Mitarbeiter kaum zugehört, mich zweimal unterbrochen und dann gesagt, das sei "
            "„nicht sein Problem“, ich solle halt ins Reisezentrum gehen. Als ich nach seinem "
            "Namen fragte, hat er aufgelegt.\n\n"
            "Ich bin seit 30 Jahren Kunde und erwarte einen anständigen Umgangston. Das "
            "doppelt gebuchte Billett ist übrigens immer noch nicht storniert.\n\n"
            "Freundliche Grüsse\nReto Ammann\nBahnhofstrasse 8, 8400 Winterthur"
        ),
    )
    desk.assign(message.case, "mira", desk.day(1, "16:30"), team="service")


def warranty_fax(desk: Desk) -> None:
    """An e-bike under warranty, by fax with the receipt: the customer has no e-mail."""
    fax = ParsedAttachment(
        "Fax_0335557710.pdf",
        "application/pdf",
        text_pdf(
            [
                "FAX  von +41 33 555 77 10   an Alpenbahn Kundendienst   Seite 1/1",
                "",
                "Ernst Brunner, Seestrasse 12, 3700 Spiez",
                "",
                "Betreff: Garantie E-Bike „City“, gekauft am 12. März, Velostation Spiez",
                "",
                "Seit letzter Woche lädt der Akku nicht mehr, das Ladegerät blinkt rot.",
                "Ich verlange Reparatur oder Ersatz auf Garantie (2 Jahre).",
                "Das Velo nach Bern bringen kann ich nicht, ich bin 81.",
                "Kaufbeleg: Quittung Nr. 0412-7731, CHF 2'890.-",
                "",
                "Bitte rufen Sie mich an. E-Mail habe ich keine.",
                "E. Brunner",
            ],
            title="Fax",
        ),
    )
    message = desk.entry(
        "fax",
        "ebike-brunner-fax",
        when=desk.day(1, "09:10"),
        agent="nina",
        name="Ernst Brunner",
        phone="+41 33 555 77 10",
        postal="Ernst Brunner, Seestrasse 12, 3700 Spiez",
        subject="Fax: Garantie E-Bike, Akku lädt nicht",
        category="product",
        attachments=[fax],
        text=(
            "Fax von Herrn Brunner (Spiez): E-Bike „City“ am 12. März in der Velostation "
            "Spiez gekauft, seit letzter Woche lädt der Akku nicht mehr. Verlangt Reparatur "
            "oder Ersatz auf Garantie, kann das Velo nicht selbst bringen. Hat keine E-Mail, "
            "bittet um Rückruf."
        ),
    )
    case = message.case
    desk.assign(case, "nina", desk.day(1, "09:20"), owner="nina", team="service")
    desk.status(case, "nina", Case.Status.OPEN, desk.day(1, "09:20"))
    desk.note(
        case,
        "nina",
        "Velostation Spiez angefragt: Abholung beim Kunden ist möglich (Dienstag oder "
        "Donnerstag). Rückruf an Herrn Brunner heute Nachmittag, Termin vereinbaren.",
        desk.day(1, "10:05"),
    )


SCENARIOS = [call_centre_contract, lost_luggage_twice, rude_hotline, warranty_fax]
