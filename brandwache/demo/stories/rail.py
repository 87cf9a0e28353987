"""Travel with the (fictional) Alpenbahn AG: delays, a cancelled train, praise, questions."""

from __future__ import annotations

from brandwache.cases.models import Case
from brandwache.demo.desk import Desk, quoted
from brandwache.demo.files import text_pdf
from brandwache.intake.channels.base import ParsedAttachment

SIGN_LUCA = "Freundliche Grüsse\nLuca Frei\nKundendienst Alpenbahn AG"


def missed_connection(desk: Desk) -> None:
    """A German customer misses his connection; the thread runs to a refund."""
    becker = ("Jonas Becker", "jonas.becker@example.de")
    ticket = ParsedAttachment(
        "Fahrkarte_IC718.pdf",
        "application/pdf",
        text_pdf(
            [
                "Alpenbahn AG - Online-Fahrkarte",
                "Basel SBB -> München Hbf, 2. Klasse, 1 Erwachsener",
                "IC 718 ab Basel 17:33, an Zürich HB 18:26",
                "EC 196 ab Zürich HB 18:33, an München Hbf 22:05",
                "Preis: CHF 64.80   Auftragsnummer: ALP-48K2-77Q1",
            ],
            title="Fahrkarte",
        ),
    )
    first = desk.email(
        "anschluss-zuerich-1",
        sender=becker,
        subject="Anschluss in Zürich verpasst – Erstattung?",
        when=desk.day(3, "08:12"),
        attachments=[ticket],
        text=(
            "Sehr geehrte Damen und Herren,\n\n"
            "am Sonntag war ich mit dem IC 718 von Basel nach Zürich unterwegs (Abfahrt "
            "17:33). Der Zug stand wegen einer Signalstörung über 40 Minuten vor Olten, "
            "Durchsagen gab es kaum. In Zürich war mein Anschluss nach München längst weg, "
            "der nächste Zug fuhr erst am nächsten Morgen. Ich musste ein Hotel nehmen "
            "(148 Franken) und kam einen halben Arbeitstag zu spät ins Büro.\n\n"
            "Die Fahrkarte hänge ich an. Ich erwarte, dass Sie mir die Hotelkosten und "
            "einen Teil des Fahrpreises erstatten.\n\n"
            "Mit freundlichen Grüßen\nJonas Becker\n\n"
            "-- \nJonas Becker\nLindenstraße 12, 68161 Mannheim\nTel. +49 621 555 0142\n"
        ),
    )
    case = first.case
    desk.categorise(case, "delivery")
    desk.assign(case, "mira", desk.day(3, "09:05"), owner="luca", team="rail")
    answer = desk.reply(
        case,
        "luca",
        "Guten Tag Herr Becker\n\n"
        "es tut mir leid, dass Sie nach der langen Wartezeit vor Olten auch noch Ihren "
        "Anschluss nach München verpasst haben und eine Nacht in Zürich bleiben mussten.\n\n"
        "Wir übernehmen Ihre Hotelkosten und erstatten Ihnen 50 % des Fahrpreises. Dafür "
        "brauche ich nur noch die Hotelrechnung – in Ihrer Mail war die Fahrkarte, aber "
        "keine Rechnung. Sobald sie da ist, überweise ich Ihnen den Betrag innert drei "
        f"Arbeitstagen.\n\n{SIGN_LUCA}",
        desk.day(3, "10:40"),
    )
    desk.status(case, "luca", Case.Status.WAITING_CUSTOMER, desk.day(3, "10:41"))
    hotel_bill = ParsedAttachment(
        "Hotelrechnung.pdf",
        "application/pdf",
        text_pdf(
            [
                "Hotel Limmatblick, Zürich",
                "Rechnung Nr. 2026-11873",
                "1 Nacht Einzelzimmer inkl. Frühstück: CHF 148.00",
                "Gast: Jonas Becker   bezahlt mit Karte",
            ],
            title="Hotelrechnung",
        ),
    )
    desk.email(
        "anschluss-zuerich-2",
        sender=becker,
        subject=f"Re: {answer.subject.removeprefix('Re: ')}",
        when=desk.day(2, "07:55"),
        reply_to=answer,
        attachments=[hotel_bill],
        text=(
            "Guten Morgen Herr Frei,\n\n"
            "vielen Dank für die schnelle Antwort! Die Hotelrechnung hänge ich jetzt an – "
            "die hatte ich tatsächlich vergessen.\n\n"
            "Viele Grüße\nJonas Becker\n\n" + quoted(answer, "Alpenbahn Kundendienst")
        ),
    )
    desk.reply(
        case,
        "luca",
        "Guten Tag Herr Becker\n\n"
        "besten Dank für die Rechnung. Ich habe die Erstattung eben freigegeben: "
        "CHF 148.00 für das Hotel und 50 % Ihres Fahrpreises (CHF 32.40), zusammen "
        "CHF 180.40. Das Geld ist spätestens am Freitag auf Ihrem Konto.\n\n"
        "Als kleines Dankeschön für Ihre Geduld: Mit dem Code KAFFEE-7Q2M bekommen Sie "
        "bei Ihrer nächsten Fahrt zwei Kaffees im Bordrestaurant.\n\n"
        f"Gute Fahrt beim nächsten Mal!\n\n{SIGN_LUCA}",
        desk.day(2, "09:30"),
    )
    desk.status(case, "luca", Case.Status.RESOLVED, desk.day(2, "09:31"))


def cancelled_train_english(desk: Desk) -> None:
    """A tourist writes in English about a cancelled train and a missed panorama train."""
    message = desk.email(
        "cancelled-ic1083",
        sender=("Oliver Grant", "oliver.grant@example.at"),
        subject="Cancelled train – refund for seat reservations?",
        when=desk.ago(hours=2, minutes=40),
        text=(
            "Hello,\n\n"
            "my wife and I had seat reservations on the IC 1083 from Zurich to Chur "
            "yesterday, but the train was cancelled without any announcement on the "
            "platform. We took the next train an hour later and missed our booked panorama "
            "train in Chur (non-refundable, 2 x CHF 49).\n\n"
            "Could you please refund the seat reservations and tell us whether you cover "
            "the missed connection as well?\n\n"
            "Booking reference: ALP-7H2K9Q\n\n"
            "Kind regards,\nOliver Grant\nVienna, Austria\n"
        ),
    )
    case = message.case
    desk.categorise(case, "delivery")
    desk.assign(case, "luca", desk.ago(hours=2, minutes=5), owner="luca", team="rail")
    desk.status(case, "luca", Case.Status.OPEN, desk.ago(hours=2, minutes=5))
    desk.note(
        case,
        "luca",
        "Auf Englisch antworten. Reservationen ALP-7H2K9Q werden erstattet; der "
        "Panoramazug gehört der Partnerbahn – Kulanz für die verpassten Plätze mit "
        "Mira klären, Antwort an den Kunden heute noch.",
        desk.ago(hours=2),
    )


def praise_for_conductor(desk: Desk) -> None:
    """Praise for a conductor: answered, passed on, closed."""
    message = desk.email(
        "lob-zugbegleiterin",
        sender=("Ursula Gerber", "ursula.gerber@example.ch"),
        subject="Lob für Ihre Zugbegleiterin",
        when=desk.day(5, "10:02"),
        text=(
            "Liebes Alpenbahn-Team\n\n"
            "Am Samstag war ich mit meinem Rollstuhl im RegioExpress von Bern nach "
            "Interlaken unterwegs. In Spiez klemmte die Rampe, und die Zugbegleiterin "
            "(ich glaube, sie heisst Frau Marti) hat nicht lockergelassen, bis zwei "
            "Kollegen geholfen haben. Sie hat sogar dafür gesorgt, dass mein Anschlussbus "
            "wartete. So etwas erlebt man selten – bitte richten Sie ihr meinen herzlichen "
            "Dank aus!\n\n"
            "Herzliche Grüsse\nUrsula Gerber\n"
        ),
    )
    case = message.case
    desk.categorise(case, "other")
    desk.assign(case, "mira", desk.day(5, "11:05"), owner="luca", team="rail")
    desk.priority(case, "luca", Case.Priority.LOW, desk.day(5, "11:20"))
    desk.reply(
        case,
        "luca",
        "Liebe Frau Gerber\n\n"
        "herzlichen Dank für Ihre Zeilen – so etwas lesen wir sehr gern! Ich habe Ihr Lob "
        "an Frau Marti und ihr Team weitergeleitet. Die klemmende Rampe in Spiez haben wir "
        "dem Unterhalt gemeldet; sie wird bis Ende Woche repariert.\n\n"
        f"Wir wünschen Ihnen weiterhin gute Fahrt!\n\n{SIGN_LUCA}",
        desk.day(5, "11:30"),
    )
    desk.status(case, "luca", Case.Status.RESOLVED, desk.day(5, "11:31"))
    desk.status(case, "mira", Case.Status.CLOSED, desk.day(4, "09:00"))


def bicycle_question(desk: Desk) -> None:
    """A simple question from the web form, answered within the hour."""
    message = desk.webform(
        "velo-ic-chur",
        when=desk.day(1, "07:30"),
        name="Lea Bachmann",
        email="lea.bachmann@example.ch",
        subject="Velo im IC mitnehmen?",
        category="other",
        text=(
            "Hallo\n\n"
            "wir möchten am Sonntag mit zwei Velos von Zürich nach Chur fahren (IC um "
            "10:37). Muss ich für die Velos einen Platz reservieren, und kostet das etwas "
            "zusätzlich zur Velo-Tageskarte?\n\n"
            "Danke und Gruss\nLea"
        ),
    )
    case = message.case
    desk.assign(case, "luca", desk.day(1, "08:02"), owner="luca", team="rail")
    desk.reply(
        case,
        "luca",
        "Hallo Frau Bachmann\n\n"
        "Sie brauchen pro Velo eine Velo-Tageskarte (CHF 14) und im IC zusätzlich eine "
        "Veloreservation (CHF 2 pro Velo). Am Sonntag empfehle ich, heute noch zu "
        "reservieren – die Plätze sind am Wochenende schnell weg. Die Veloabteile finden "
        "Sie vorne im Zug, beim Steuerwagen.\n\n"
        f"Gute Fahrt nach Chur!\n\n{SIGN_LUCA}",
        desk.day(1, "08:15"),
    )
    desk.status(case, "luca", Case.Status.RESOLVED, desk.day(1, "08:16"))


def glasses_found(desk: Desk) -> None:
    """Lost property: found, the customer thanks in a threaded reply, closed."""
    egli = ("Thomas Egli", "thomas.egli@example.ch")
    message = desk.email(
        "brille-ir-2316",
        sender=egli,
        subject="Brille im Zug liegen gelassen",
        when=desk.day(4, "18:47"),
        text=(
            "Guten Abend\n\n"
            "Ich habe heute im IR 2316 von Luzern nach Bern (an 17:58) meine Brille im "
            "schwarzen Etui liegen gelassen, 1. Klasse, Wagen vorne. Wurde sie gefunden?\n\n"
            "Gruss\nThomas Egli\n079 555 48 20\n"
        ),
    )
    case = message.case
    desk.categorise(case, "other")
    desk.assign(case, "luca", desk.day(3, "08:05"), owner="luca", team="rail")
    answer = desk.reply(
        case,
        "luca",
        "Guten Tag Herr Egli\n\n"
        "gute Nachricht: Ihre Brille wurde gefunden und liegt im Fundbüro im Bahnhof Bern "
        "(Fundnummer 88-41207). Sie können sie bis Samstag mit einem Ausweis abholen, das "
        "Fundbüro ist täglich von 7 bis 19 Uhr geöffnet.\n\n"
        f"{SIGN_LUCA}",
        desk.day(3, "08:20"),
    )
    desk.status(case, "luca", Case.Status.RESOLVED, desk.day(3, "08:21"))
    desk.email(
        "brille-ir-2316-dank",
        sender=egli,
        subject=f"AW: {answer.subject.removeprefix('Re: ')}",
        when=desk.day(3, "12:10"),
        reply_to=answer,
        text=(
            "Vielen Dank, habe sie über Mittag abgeholt. Super Service!\n\n"
            "Gruss\nThomas Egli\n\n" + quoted(answer, "Alpenbahn Kundendienst")
        ),
    )
    desk.status(case, "luca", Case.Status.CLOSED, desk.day(3, "13:00"))


def replacement_bus_call(desk: Desk) -> None:
    """A phone call without e-mail address: the answer has to be a call back."""
    message = desk.entry(
        "phone",
        "ersatzbus-thun",
        when=desk.ago(hours=1, minutes=10),
        agent="luca",
        name="Heinz Moser",
        phone="+41 31 555 62 90",
        subject="Ersatzbus Thun–Spiez nicht angeschrieben",
        category="service",
        text=(
            "Herr Moser ruft an: Der Ersatzbus zwischen Thun und Spiez (Bauarbeiten) war am "
            "Bahnhof Thun nirgends angeschrieben. Er hat ihn verpasst und 40 Minuten "
            "gewartet. Keine Entschädigung verlangt, möchte aber wissen, ob die "
            "Beschilderung verbessert wird. Hat keine E-Mail, bittet um Rückruf bis Ende "
            "Woche (vormittags)."
        ),
    )
    desk.priority(message.case, "luca", Case.Priority.LOW, desk.ago(hours=1))


SCENARIOS = [
    missed_connection,
    cancelled_train_english,
    praise_for_conductor,
    bicycle_question,
    glasses_found,
    replacement_bus_call,
]
