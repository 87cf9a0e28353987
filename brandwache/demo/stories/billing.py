"""Money: a double charge, a cancelled subscription still billed, a dunning dispute in public."""

from __future__ import annotations

from brandwache.cases.models import Case
from brandwache.demo.desk import Desk
from brandwache.demo.files import text_pdf
from brandwache.intake.channels.base import ParsedAttachment

SIGN_NINA = "Freundliche Grüsse\nNina Baumann\nKundendienst Alpenbahn AG"


def double_charge(desk: Desk) -> None:
    """Charged twice; the customer mails, then calls. The call is merged into the mail."""
    mail = desk.email(
        "abo-doppelt-belastet",
        sender=("Corinne Vonlanthen", "corinne.vonlanthen@example.ch"),
        subject="Doppelte Abbuchung Jahresabo",
        when=desk.day(2, "07:48"),
        text=(
            "Grüezi\n\n"
            "Auf meiner Kreditkartenabrechnung vom November wurde das Jahresabo "
            "(Rechnung Nr. 2026-448120) zweimal belastet, je CHF 185.00. Ich habe aber nur "
            "ein Abo. Bitte überweisen Sie mir den doppelt bezogenen Betrag zurück.\n\n"
            "Freundliche Grüsse\nCorinne Vonlanthen\nGerechtigkeitsgasse 31, 3011 Bern\n"
        ),
    )
    case = mail.case
    desk.categorise(case, "billing")
    call = desk.entry(
        "phone",
        "abo-doppelt-anruf",
        when=desk.day(1, "08:30"),
        agent="nina",
        name="Corinne Vonlanthen",
        email="corinne.vonlanthen@example.ch",
        phone="+41 31 555 18 07",
        subject="Anruf: doppelte Belastung Jahresabo",
        category="billing",
        text=(
            "Frau Vonlanthen ruft an wegen der doppelten Belastung ihres Jahresabos. Hat "
            "gestern schon gemailt und noch keine Antwort. Ist verärgert, weil ihr "
            "Kartenlimit jetzt knapp ist. Bitte heute noch erledigen und ihr Bescheid geben."
        ),
    )
    desk.merge(call.case, case, "nina", desk.day(1, "08:36"))
    desk.assign(case, "nina", desk.day(1, "08:37"), owner="nina", team="billing")
    desk.priority(case, "nina", Case.Priority.HIGH, desk.day(1, "08:37"))
    desk.note(
        case,
        "nina",
        "Zahlung ist zweimal verbucht (11.11., 08:02 und 08:03, gleiche Karte). Zweite "
        "Belastung an die Buchhaltung zur Stornierung gegeben, Bestätigung ausstehend.",
        desk.day(1, "08:45"),
    )
    desk.reply(
        case,
        "nina",
        "Grüezi Frau Vonlanthen\n\n"
        "es tut mir leid, dass wir Ihr Jahresabo doppelt belastet haben und Sie auf eine "
        "Antwort warten mussten. Ich sehe beide Zahlungen vom 11. November. Die zweite "
        "Belastung von CHF 185.00 habe ich heute stornieren lassen; der Betrag wird Ihrer "
        "Kreditkarte bis spätestens Donnerstag gutgeschrieben.\n\n"
        "Am Donnerstag melde ich mich noch einmal bei Ihnen, ob alles angekommen ist.\n\n"
        f"{SIGN_NINA}",
        desk.day(1, "08:50"),
    )


def cancelled_subscription_letter(desk: Desk) -> None:
    """An Austrian customer's letter: cancelled in time, billed twice since."""
    scan = ParsedAttachment(
        "Kuendigung_Einschreiben.pdf",
        "application/pdf",
        text_pdf(
            [
                "Hildegard Pichler, Annenstraße 40, 8020 Graz",
                "An: Alpenbahn AG, Kundendienst",
                "Graz, am 11. August",
                "",
                "Kündigung Abonnement „Alpenbahn Plus“, Kundennummer 55 201 884",
                "Hiermit kündige ich mein Abonnement fristgerecht zum 30. September.",
                "Ich ersuche um eine schriftliche Bestätigung.",
                "",
                "Hildegard Pichler",
                "[Einschreiben, Aufgabeschein Nr. RR 4471 2203 AT]",
            ],
            title="Kündigung",
        ),
    )
    message = desk.entry(
        "letter",
        "abo-pichler-brief",
        when=desk.day(3, "09:30"),
        agent="nina",
        name="Hildegard Pichler",
        email="h.pichler@example.at",
        postal="Hildegard Pichler, Annenstraße 40, 8020 Graz, Österreich",
        subject="Brief: Abo gekündigt, trotzdem abgebucht",
        category="contract",
        attachments=[scan],
        text=(
            "Sehr geehrte Damen und Herren,\n\n"
            "ich habe mein Abonnement „Alpenbahn Plus“ bereits im August fristgerecht zum "
            "30. September gekündigt (Kopie des Einschreibens liegt bei). Trotzdem wurden im "
            "Oktober und im November wieder je 29,90 € von meinem Konto abgebucht.\n\n"
            "Ich ersuche Sie, die beiden Beträge umgehend zurückzuüberweisen und mir die "
            "Kündigung schriftlich zu bestätigen.\n\n"
            "Hochachtungsvoll\nHildegard Pichler"
        ),
    )
    case = message.case
    desk.assign(case, "nina", desk.day(3, "10:00"), owner="nina", team="billing")
    desk.note(
        case,
        "nina",
        "Kündigung ist am 14.08. eingegangen, wurde aber nicht verarbeitet. Abo rückwirkend "
        "per 30.09. beendet, Rückerstattung 59,80 € angewiesen. Bestätigung geht per Post.",
        desk.day(3, "11:15"),
    )
    desk.reply(
        case,
        "nina",
        "Sehr geehrte Frau Pichler\n\n"
        "herzlichen Dank für Ihren Brief – und es tut mir leid, dass Sie trotz Ihrer "
        "rechtzeitigen Kündigung zweimal belastet wurden. Ihre Kündigung ist am 14. August "
        "bei uns eingegangen, wurde aber nicht verarbeitet. Das habe ich korrigiert: Ihr "
        "Abonnement endet rückwirkend zum 30. September, und die 59,80 € sind bis Mittwoch "
        "wieder auf Ihrem Konto.\n\n"
        "Die schriftliche Kündigungsbestätigung schicke ich Ihnen heute per Post. Ist es "
        "Ihnen recht, wenn wir Sie künftig per E-Mail informieren?\n\n"
        f"{SIGN_NINA}",
        desk.day(3, "11:20"),
    )
    desk.status(case, "nina", Case.Status.WAITING_CUSTOMER, desk.day(3, "11:21"))


def dunning_dispute_in_forum(desk: Desk) -> None:
    """An Inkasso dispute the customer argues in a public forum: taken private, fast."""
    message = desk.email(
        "inkasso-handyticket",
        sender=("Markus Hollenstein", "m.hollenstein@example.de"),
        subject="Inkasso wegen angeblich fehlender Fahrkarte – so nicht!",
        when=desk.day(2, "13:05"),
        text=(
            "Sehr geehrte Damen und Herren,\n\n"
            "heute erhalte ich ein Schreiben der Inkasso Wendelin GmbH über 187,50 € "
            "(Fahrpreisnacheinforderung 90 € plus „Inkassogebühren“). Dabei hatte ich am "
            "3. Oktober ein gültiges Handyticket, das der Zugbegleiter nur wegen meines "
            "leeren Akkus nicht sehen konnte. Den Nachweis habe ich Ihnen wie verlangt am "
            "nächsten Tag geschickt (siehe unten). Eine Antwort kam nie, dafür zwei "
            "Mahnungen und jetzt das Inkasso.\n\n"
            "Ich habe den Fall inzwischen im Forum „Reisen & Recht“ beschrieben (Thread "
            "„Merkwürdige Mahnverfahren der Alpenbahn“), und offenbar bin ich nicht der "
            "Einzige. Ich zahle keinen Cent, solange mir niemand erklärt, warum mein "
            "Nachweis ignoriert wurde.\n\n"
            "Markus Hollenstein\n\n"
            "-----Ursprüngliche Nachricht-----\n"
            "Von: Markus Hollenstein <m.hollenstein@example.de>\n"
            "Gesendet: Samstag, 4. Oktober, 09:12\n"
            "An: kundendienst@example.ch\n"
            "Betreff: Fahrpreisnacheinforderung Nr. FN-2026-30418\n\n"
            "Guten Tag, anbei der Screenshot meines Handytickets für die Fahrt von gestern "
            "(Auftragsnummer ALP-22Q8-KD41). Bitte stornieren Sie die Nacheinforderung.\n"
            "Markus Hollenstein\n"
        ),
    )
    case = message.case
    desk.categorise(case, "billing")
    desk.priority(case, "mira", Case.Priority.URGENT, desk.day(2, "13:40"))
    desk.assign(case, "mira", desk.day(2, "13:40"), owner="mira", team="social")
    desk.note(
        case,
        "mira",
        "Der Thread im Forum „Reisen & Recht“ hat seit gestern 38 Antworten und rund 2'100 "
        "Aufrufe; mehrere Leute berichten Ähnliches. Nicht öffentlich über Fakten "
        "diskutieren! Im Thread habe ich kurz geantwortet: Entschuldigung, persönliche "
        "Ansprechpartnerin, wir klären das direkt mit Herrn Hollenstein. Inkasso ist "
        "gestoppt (Anruf bei Wendelin, Vorgang ruht).",
        desk.day(2, "13:55"),
    )
    desk.reply(
        case,
        "mira",
        "Guten Tag Herr Hollenstein\n\n"
        "es tut mir leid: Sie haben uns Ihr Handyticket am 4. Oktober fristgerecht gezeigt, "
        "und wir haben Ihre Mail nicht beantwortet. Dass Sie stattdessen Mahnungen und ein "
        "Inkassoschreiben bekommen haben, ist unser Fehler.\n\n"
        "Ich habe das Inkassoverfahren heute gestoppt. Sie müssen nichts bezahlen und "
        "erhalten bis Freitag eine schriftliche Bestätigung, dass die Forderung "
        "zurückgezogen ist. Ab sofort bin ich Ihre persönliche Ansprechpartnerin für diesen "
        "Fall, direkt erreichbar unter +41 58 555 10 20.\n\n"
        "Darf ich Sie anrufen, um den Rest direkt mit Ihnen zu klären? Schreiben Sie mir "
        "einfach, wann es Ihnen passt.\n\n"
        "Freundliche Grüsse\nMira Steiner\nLeiterin Kundendialog, Alpenbahn AG",
        desk.day(2, "14:10"),
    )
    desk.status(case, "mira", Case.Status.WAITING_CUSTOMER, desk.day(2, "14:11"))


SCENARIOS = [double_charge, cancelled_subscription_letter, dunning_dispute_in_forum]
