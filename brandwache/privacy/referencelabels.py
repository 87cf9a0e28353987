"""The label words of reference numbers, and the words that name other numbers.

German stems take their suffix ("Kunden" + "nummer", "Kd." + "-Nr."), other labels stand
alone ("Rechnung", "Aktenzeichen", "claim", "PNR"); `references.py` reads them. Written by
hand from general knowledge of German and English (see DATA.md).
"""

from __future__ import annotations

# Labels after which any code with digits is a reference. German compounds take their
# suffix ("Kunden" + "nummer"), so the stems are listed once with every suffix.
DE_STEMS = (
    r"Kunden|Kd\.?|Vertrags|Rechnungs|Re\.|Bestell|Bestellungs|Auftrags|Buchungs|Reservierungs|"
    r"Reservations|Ticket|Fall|Vorgangs|Referenz|Schadens?|Schadenfall|Polic?en|Polizzen|"
    r"Versicherungs|Versicherungsschein|Versicherten|Mitglieds|Mitglieder|Abo|Abonnements?|"
    r"Sendungs|Sendungsverfolgungs|Tracking|Paket|Zähler|Zählpunkt|Messpunkt|Bussen|Straf|"
    r"BahnCard|Halbtax|GA|SwissPass|Kundenkarten|Karten|Cumulus|Supercard|Payback|AHV|"
    r"Sozialversicherungs|SV|Renten(?:versicherungs)?|Steuer|Steueridentifikations|Pass|"
    r"Reisepass|Ausweis|Personalausweis|Identitätskarten|ID-Karten|Führerschein|Benutzer|"
    r"User|Login|Konto|Kundenkonto|Vertragskonto|Retouren|Rücksende|Beleg|Bestätigungs|"
    r"Transaktions|Mandats|Lieferschein|Gutschrift|Mahnungs|Beschwerde|Reklamations|"
    r"Garantie|Auftragsbestätigungs|Storno|Anmelde|Teilnehmer|Patienten|Mieter|Objekt|"
    r"Anschluss|Geräte|Antrags|Melde|Fahrgast|Case|Fund|ID|Banking|E-Banking|Online-Banking|"
    r"Verfüger|Vertragspartner|Darlehens|Kredit|Leasing|Fahrausweis|Abonnenten|"
    r"Mitgliedschafts|Miet|Mietvertrags|Bons?"
)
DE_SUFFIXES = (
    r"nummer|-nummer|nr\.?|-nr\.?| nr\.?|n?r\b|-?id\b|-ID\b|-?code|-?referenz|-?kennung|"
    r"-?zeichen"
)
# Labels that stand alone ("Rechnung 2024-118", "PNR X7K2LM").
DE_WORDS = (
    r"Rechnung|Bestellung|Auftrag|Vertrag|Police|Polizze|Buchung|Reservation|Reservierung|"
    r"Ticket|Vorgang|Schadenfall|Aktenzeichen|Az\.|Geschäftszeichen|Kassenzeichen|"
    r"Zahlungsreferenz|QR-Referenz|ESR-Referenz|Referenz|Ref\.|Zählpunkt|Messpunkt|"
    r"Zählpunktbezeichnung|Kundenkonto|Vertragskonto|Sendung|Paket|Lieferung|Retoure|"
    r"BahnCard(?: \d{2,3})?|Halbtax(?:-?Abo)?|GA|SwissPass|Abo|AHVN?13|Steuer-?ID|"
    r"Kundenlogin|Kundenummer|Kundenr\.?|KdNr\.?|Kd\.?-?Nr\.?|Verwendungszweck|Mandatsreferenz|"
    r"Fall|Reklamation|Beschwerde|Garantiefall|Auftragsbestätigung|Pass|Ausweis|Konto|"
    r"Versicherungsschein|Zähler|Ordnungsbusse|Busse|Bussen|Anonymverfügung|Strafverfügung|"
    r"Strafbescheid|Bußgeldbescheid|Bussgeldbescheid|Verwarnung|Mahnung|Ihr Zeichen|"
    r"Ihre Zeichen|Unser Zeichen|Geschäftszahl|Zl\.|GZ|Kundenkarte|Darlehen|Abo-Nr\.?|Kunde|Kundin|"
    r"Reisepass|Personalausweis|Identitätskarte|ID-Karte|Mitgliedschaft|Mitgliedskarte|Bon|"
    r"Kassenbon|Quittung|Buchungen|Bestellungen|Rechnungen|Verträge|Aufträge|Tickets|Vertrags|"
    r"Auftrags"
)
EN_WORDS = (
    r"customer|client|account|acct\.?|contract|order|invoice|bill|booking|reservation|"
    r"confirmation|PNR|record locator|ticket|e-ticket|case|claim|complaint|incident|"
    r"service request|request|job|work order|reference|ref\.?|your ref\.?|our ref\.?|policy|"
    r"member|membership|loyalty(?: card)?|rewards|frequent flyer|Miles & More|Clubcard|Nectar|"
    r"Railcard|Oyster(?: card)?|Leap card|tracking|parcel|package|shipment|consignment|waybill|"
    r"delivery|return|RMA|meter|meter serial|MPAN|MPRN|GPRN|payment reference|payment ref\.?|"
    r"transaction|mandate|direct debit|fine|penalty(?: charge)?(?: notice)?|PCN|"
    r"National Insurance|NI|NINO|social security|SSN|PPS|PPSN|NHS|passport|ID card|"
    r"identity card|driving licen[cs]e|driver'?s licen[cs]e|user|user ID|subscriber|"
    r"subscription|patient|tenant|crime reference|bag(?:gage)? reference|file|citation|notice|"
    r"loan|lease|agreement|application|enquiry|inquiry|repair|warranty|voucher|pass|acc\.?|"
    r"registration|tenancy|bookings|orders|invoices|tickets|accounts|cases|claims|receipt"
)
EN_SUFFIXES = (
    r"number|no\.?|nr\.?|num\.?|ID|#|code|ref\.?|reference|account(?: number| no\.?)?|"
    r"card(?: number| no\.?)?|key|locator"
)

# The first part of a compound or the word before "Nr." that makes it another number:
# "Telefonnummer", "Hausnr. 12", "USt-IdNr." are no customer's.
NOT_REFERENCES = (
    "telefon", "tel", "ruf", "handy", "mobil", "fax", "haus", "artikel", "modell", "serien",
    "kontakt", "service", "hotline", "notruf", "zimmer", "platz", "sitzplatz", "gleis", "bus",
    "zug", "wagen", "linien", "flug", "kurs", "version", "seiten", "postleit", "kredit",
    "bank", "debit", "ec-", "geschenk", "visiten", "land", "stadt", "speise", "post", "sim",
    "ust", "mwst", "uid", "vat", "handelsregister", "firmen", "register", "steuernummer",
    "kenn", "waren", "vor", "schrift", "satz", "land", "speise", "eintritts", "wahl", "ab",
    "auto", "netz", "anschluss", "durchwahl", "nummern",
)  # fmt: skip
# Words before "Nr.", "No.", "#" or "ID" that name a thing, place or firm: "Art.-Nr.",
# "Room No.", "Store #", "Wales No." (a company register).
NOT_NUMBERED = (
    "art", "seite", "linie", "whg", "wohnung", "top", "stiege", "tür", "stock", "etage", "raum",
    "gebäude", "block", "filiale", "kasse", "schalter", "ausgabe", "heft", "band", "kapitel",
    "folge", "pos", "box", "fach", "tisch", "reihe", "sitz", "halle", "stand", "tor", "ausgang",
    "eingang", "bahnsteig", "route", "strecke", "produkt", "teil", "material", "mat", "katalog",
    "charge", "patent", "hr", "fn", "che", "iban", "bic", "blz", "phone", "tel", "mobile", "cell",
    "contact", "helpline", "flight", "train", "platform", "gate", "seat", "row", "room", "table",
    "page", "issue", "episode", "vol", "chapter", "section", "item", "article", "part", "model",
    "serial", "sku", "catalog", "store", "shop", "branch", "unit", "apt", "suite", "flat",
    "house", "building", "floor", "level", "door", "lot", "batch", "company", "charity",
    "registered", "wales", "england", "scotland", "ireland", "reg", "plate", "car", "vehicle",
    "exit", "junction", "pin", "step", "pitch", "size", "track", "apple", "face", "touch",
    "caller", "bundle", "opening", "the", "a", "an", "pharmacy", "docket", "hearing", "office",
    "station", "school", "church", "ward", "district", "precinct", "filial", "markt",
)  # fmt: skip
