"""The regular expressions behind the playbook detectors, German and English.

Kept apart from the detectors' logic so the word lists can grow without hiding it. All
patterns match case-insensitively on text whose quotations are already blanked out.
"""

from __future__ import annotations

import re


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), FLAGS)


FLAGS = re.IGNORECASE

APOLOGY = _any(
    r"\b(?:es|das|dies) tut (?:mir|uns)\b(?:\s+\w+){0,4}?\s+leid\b",
    r"\btut (?:mir|uns) (?:\w+ ){0,3}leid\b",
    r"\b(?:ich|wir) (?:möchten? (?:mich|uns) )?entschuldigen? (?:mich|uns)\b",
    r"\b(?:ich|wir) (?:möchten?|will|wollen) (?:mich|uns) (?:\w+ ){0,8}entschuldigen\b",
    r"\bentschuldigen? (?:ich|wir) (?:mich|uns)\b",
    r"\bentschuldigen sie (?:bitte |vielmals |nochmals )*(?:die|den|das|diese[nrs]?"
    r"|unsere?[nrs]?)\b",
    r"\bbitte[nt]? (?:\w+ ){0,3}(?:vielmals |in aller form )?um entschuldigung\b",
    r"\b(?:unsere|meine) (?:aufrichtige |ausdrückliche |herzliche |grosse |große )?"
    r"entschuldigung\b",
    r"^\W*entschuldigung\b",
    r"\bentschuldigung für\b",
    r"\b(?:ich|wir) bedauer(?:e|n)\b",
    r"\bbedauer(?:e|n) (?:ich|wir)\b",
    r"\bbedaure\b",
    r"\bverzeih(?:en sie|ung)\b",
    r"\b(?:i|we)(?:'m|'re| am| are)(?: \w+){0,2}? sorry\b",
    r"\bsorry\b(?! state)",
    r"\b(?:owe you|schulden ihnen) (?:an? |eine )?(?:apology|entschuldigung)\b",
    r"\bapologies\b",
    r"\b(?:mich|uns) (?:\w+ ){0,8}(?:zu )?entschuldigen\b",
    r"\bforgive (?:us|me)\b",
    r"\bentschuldigung\W*$",
    r"\b(?:i|we) (?:do |sincerely |truly |deeply |really )?apologi[sz]e\b",
    r"\b(?:our|my) (?:sincere |sincerest |deepest |humble |heartfelt )?apologies\b",
    r"\bplease accept (?:our|my) (?:\w+ )?apolog",
    r"\bapologies for\b",
    r"\b(?:i|we) (?:deeply |sincerely |truly )?regret\b(?! to inform)",
)

NEGATED = re.compile(r"\b(?:not|nicht|never|nie|kein\w*|no|don't|do not|doesn't)\b", FLAGS)

WEEKDAY_DE = r"(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)\w*"

MONTH_DE = (
    r"(?:januar|jänner|februar|märz|maerz|april|mai|juni|juli|august|september|oktober"
    r"|november|dezember)"
)

DATE_DE = rf"\d{{1,2}}\.\s?(?:\d{{1,2}}\.(?:\d{{2,4}})?|{MONTH_DE})"

NUM_DE = r"(?:\d+|einer|einem|eines|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|zwölf)"

UNIT_DE = r"(?:stunden|tagen?|werktagen?|arbeitstagen?|geschäftstagen?|wochen|minuten)"

WEEKDAY_EN = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"

MONTH_EN = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december)"
)

NUM_EN = r"(?:\d+|one|two|three|four|five|six|seven|ten|a few)"

UNIT_EN = r"(?:hours?|days?|business days|working days|weeks?|minutes)"

DONE_DE = (
    r"(?:veranlasst|ausgelöst|überwiesen|angewiesen|gutgeschrieben|erstattet|zurückerstattet|versandt"
    r"|verschickt|storniert|korrigiert|ersetzt|behoben|freigeschaltet|zurückgebucht)"
)

DONE_EN = (
    r"(?:refunded|credited|sent|shipped|dispatched|cancell?ed|corrected|issued|replaced"
    r"|reversed|fixed|reactivated|transferred)"
)

PRECISE_TIME = _any(
    rf"\b(?:bis|spätestens|noch vor|vor) (?:spätestens |zum |am |ende |kommende[nm]? "
    rf"|nächste[nm]? |diese[nm]? |heute |morgen )*(?:{WEEKDAY_DE}|{DATE_DE}|morgen|übermorgen"
    rf"|heute|mittag|abend|ende (?:der |dieser |nächster |kommender )?woche|wochenende"
    rf"|monatsende|ende (?:des )?monats?|ende {MONTH_DE}|\d{{1,2}}(?:[:.]\d{{2}})? uhr)\b",
    rf"\b(?:am|diesen|kommenden|nächsten) {WEEKDAY_DE}\b",
    rf"\bam {DATE_DE}",
    r"\b(?:noch )?heute\b",
    r"(?<!guten )\bmorgen(?: früh| vormittag| nachmittag| abend| mittag)?\b",
    r"\bübermorgen\b",
    rf"\b(?:innerhalb|innert) (?:von |der nächsten |der kommenden )?{NUM_DE} {UNIT_DE}\b",
    rf"\bin (?:den nächsten )?{NUM_DE} {UNIT_DE}\b",
    r"\b(?:diese|nächste|kommende) woche\b",
    rf"\b(?:mit|bei|auf) (?:der|ihrer) (?:nächsten|kommenden|folgenden|{MONTH_DE}-?) ?"
    r"(?:monats)?(?:rechnung|abrechnung|lieferung|zahlung)\b",
    r"\b(?:in der )?(?:kalenderwoche|kw) ?\d{1,2}\b|\b(?:in )?(?:calendar )?week \d{1,2}\b",
    r"\bum \d{1,2}(?:[:.]\d{2})? uhr\b",
    rf"\bby (?:the )?(?:end of )?(?:{WEEKDAY_EN}|tomorrow|tonight|today|noon|midday"
    rf"|(?:the )?end of (?:the |this |next )?(?:day|week|month)|{MONTH_EN} \d{{1,2}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)? (?:of )?{MONTH_EN}|\d{{1,2}}(?::\d{{2}})? ?(?:am|pm)"
    rf"|close of business)\b",
    rf"\bwithin (?:the next )?{NUM_EN} {UNIT_EN}\b",
    rf"\bin (?:the next )?{NUM_EN} {UNIT_EN}\b",
    r"\b(?:today|tonight|tomorrow(?: morning| afternoon| evening)?|this (?:afternoon|evening"
    r"|morning|week)|next week)\b",
    rf"\b(?:on|for) (?:{WEEKDAY_EN}|tomorrow)\b",
    rf"\bfür (?:{WEEKDAY_DE}|morgen|übermorgen|den {DATE_DE})",
    rf"\bon (?:{MONTH_EN} \d{{1,2}}|\d{{1,2}}(?:st|nd|rd|th)? (?:of )?{MONTH_EN})",
    rf"\b(?:with|on) your (?:next|{MONTH_EN}) (?:invoice|bill|statement|delivery)\b",
    rf"\bbefore (?:{WEEKDAY_EN}|\d{{1,2}}(?::\d{{2}})? ?(?:am|pm)|noon|the weekend)\b",
    r"\bat \d{1,2}(?::\d{2})? ?(?:am|pm|o'clock)\b",
)

REMEDY = _any(
    r"\b(?:geht|gehen) (?:[\w-]+ ){0,6}(?:raus|hinaus|heraus|in die post)\b|\bgo(?:es)? out\b",
    r"\bneue[nsr]? [\w-]*(?:gerät|exemplar|karte|ticket|rechnung|teil|paket)\w*",
    r"\bnew (?:\w+ )?(?:charger|device|card|unit|item|invoice|ticket|part|phone|parcel)\b",
    r"\b(?:buch|zahl|nehm|hol|schick|send|erhalt|bekomm)\w* [^.!?,;]{0,80}?\b(?:zurück|ab)\b",
    r"\b\w*(?:erstatt|gutschr|gutgeschrieben|überw[ie]|zurückzahl|rückzahl|zurückbuch|storni"
    r"|korrigier|berichtig|ersetz|ersatz|austausch|tausch|nachliefer|liefer|versend|versand"
    r"|verschick|schick|sende[nt]?\b|zustell|zugestellt|repar|beheb|behob|techniker|auszahl"
    r"|ausbezahl|rabatt|preisnachlass|kulanz|freischalt|entsperr|aktivier|umbuch|nachbesser"
    r"|abhol|gutschein|geld zurück|rückgängig|freigeschalt|anweis|angewiesen|neues gerät"
    r"|neue[ns]? exemplar|erlass|zurück auf ihr\w* konto)\w*",
    r"\b(?:refund|credit|reimburs|replac|repair|ship|dispatch|deliver|send|sent|resend"
    r"|correct|cancel|fix|reactivat|voucher|discount|technician|engineer|collect|pick up"
    r"|exchange|transfer|compensat|waive|reverse|money back"
    r"|post (?:it|them|the|a|an|your|you)\b|back (?:in|on|to) your account)\w*",
)

COMMITTER = _any(
    r"\b(?:ich|wir|uns|mir|i|we|us|i'll|we'll|i've|we've|i'm|we're)\b",
    r"\b(?:wird|werden|wurde|wurden|will be|has been|have been|is being|are being)\b",
    r"\b(?:erscheint|erfolgt|folgt|kommt|trifft|holt|bringt|liefert|schickt|erhalten|bekommen)\b",
    r"\b(?:will|shall|is going to|are going to|was|were|ist|sind|is|are|geht|goes)\b",
    r"\b(?:sie erhalten|erhalten sie|sie bekommen|bekommen sie|geht ihnen|you(?:'ll| will) "
    r"(?:receive|get|have|see))\b",
)

DONE = _any(
    rf"\b(?:soeben|eben|gerade|bereits|schon|heute) (?:\w+ ){{0,4}}{DONE_DE}\b",
    rf"\b(?:just|already|now|today) (?:been )?{DONE_EN}\b",
)

# Usual durations and hopes are no commitment.
HEDGE = _any(
    r"\b(?:normalerweise|in der regel|üblicherweise|voraussichtlich|hoffentlich)\b|\bbis zu \d",
    r"\b(?:usually|normally|typically|generally|hopefully)\b|\bup to \d",
)

# Clauses asking the customer to act are no commitment of ours.
REQUEST = _any(
    r"\bbitte (?:\w+ ){0,4}sie\b",
    r"\b(?:können|könnten|würden|möchten|wollen) sie\b",
    r"^\W*(?:senden|schicken|schreiben|geben|rufen|teilen|melden|füllen) sie\b",
    r"\b(?:please|could you|can you|would you|kindly)\b",
    r"\b(?:sie haben|sie hatten|you have|you had|you've)\b",
)

CLAUSE = re.compile(r"[^,;:–]+")

OURS = re.compile(r"\b(?:bei uns|unser\w*|intern\w*|our|on our (?:side|end)|we)\b", FLAGS)

EXCUSE = _any(
    r"\bsystemumstellung\w*",
    r"\bumstellung (?:unseres|unserer|des|der) \w*(?:system|software|it|plattform)\w*",
    r"\bpersonelle[nr]? (?:engp(?:ä|ae)ss\w*|unterbesetzung|ausf(?:ä|ae)ll\w*|gründen?)",
    r"\bpersonal(?:mangel|engp(?:ä|ae)ss\w*|knappheit|ausf(?:ä|ae)ll\w*|not)\b",
    r"\bunterbesetz\w*",
    r"\bkrankheits(?:bedingt|fäll|ausf(?:ä|ae)ll)\w*|\bgrippewelle\b",
    r"\b(?:ferien|urlaubs)(?:zeit|bedingt|abwesenheit)\w*",
    r"\b(?:hohe[ns]?|erhöhte[ns]?|grosse[ns]?|große[ns]?|ausserordentlich hohe[ns]?"
    r"|aussergewöhnlich hohe[ns]?|außergewöhnlich hohe[ns]?|sehr hohe[ns]?) (?:\w+ )?"
    r"(?:aufkommen|anfrageaufkommen|anfragevolumen|arbeitsaufkommen|auftragsvolumen"
    r"|arbeitslast|ansturm|volumen)\b",
    r"\b(?:flut|vielzahl|menge) (?:an|von) (?:anfragen|bestellungen|e-mails|mails)\b",
    r"\bunser\w* \w*(?:system|server|it|software|lager|warenwirtschaft|computer|netzwerk"
    r"|website|webseite|shop|telefonanlage|rechenzentrum)\w* (?:war|ist|wurde|hatte|waren)"
    r" (?:\w+ ){0,3}(?:ausgefallen|abgestürzt|down|überlastet|gestört|nicht erreichbar"
    r"|ausser betrieb|außer betrieb|offline)",
    r"\b(?:system|server|it|software|netzwerk|strom)-?(?:ausfall|ausfalls|ausfälle|probleme?n?"
    r"|störung(?:en)?|panne|absturz)\b",
    r"\binterne[nrm]? (?:probleme|schwierigkeiten|umstrukturierung|umstellung"
    r"|reorganisation|kommunikationsprobleme|abläufe)\b",
    r"\bumstrukturierung\w*|\breorganisation\b",
    r"\bneue[rn]? (?:mitarbeiter\w*|kolleg\w*)",
    r"\b(?:halbe|ganze) team\b",
    r"\b(?:mehrere |viele )?(?:mitarbeitende|mitarbeiter\w*|kolleg\w*) (?:war|waren|sind|ist)"
    r" (?:\w+ )?(?:krank|abwesend|in den ferien|im urlaub)",
    r"\b(?:wir sind|wir waren|sind wir|waren wir) (?:\w+ ){0,2}(?:ausgelastet|überlastet"
    r"|unterbesetzt)",
    r"\bstaff(?:ing)? (?:shortages?|problems|issues)\b|\bshort[- ]staffed\b|\bunderstaffed\b",
    r"\b(?:our|the) (?:\w+ )?(?:system|systems|server|servers|website|it|software|phone"
    r" system|warehouse)\b (?:was|were|went|has been|had been|is) (?:\w+ )?(?:down|offline"
    r"|unavailable|broken|crashed|overloaded|failing)",
    r"\bsystem (?:migration|changeover|switchover|outage|failure)s?\b",
    r"\b(?:unusually |exceptionally |very |extremely )?high (?:volume|number|levels?) of "
    r"(?:requests|enquiries|inquiries|calls|emails|e-mails|orders|contacts|messages)\b",
    r"\binternal (?:problems|issues|restructuring|reorganisation|reorganization|difficulties)\b",
    r"\b(?:staff|employee|colleague|team member|team)s? (?:illness|sickness|on sick leave"
    r"|(?:were |was |are |is )?(?:off sick|ill|sick|on holiday|on vacation|away))\b",
    r"\b(?:our|the) (?:\w+ )?(?:system|server|website|software|warehouse)s? (?:\w+ )?(?:crashed"
    r"|failed|went down|broke down)\b",
    r"\bsick leave\b|\bflu (?:outbreak|wave|going around)\b|\bholiday season\b",
    r"\bnew (?:employee|colleague|team member|staff member)\b",
    r"\bwe(?:'re| are| have been| were| had been) (?:\w+ ){0,2}(?:swamped|overwhelmed"
    r"|inundated|overloaded|understaffed)\b",
)

# Technical trouble counts as an excuse only where it is ours, not the customer's device.
OUR_THING = _any(
    r"\b(?:unser\w*|our) (?:\w+ )?(?:versandpartner|lieferant|logistikpartner|paketdienst"
    r"|zulieferer|supplier|courier|carrier|delivery partner|logistics partner)\w*",
    r"\b(?:unser\w*|our|bei uns|intern\w*) (?:\w+ ){0,2}\w*(?:system|software|server|lager|netz"
    r"|warenwirtschaft|computer|website|webseite|shop|telefonanlage|rechenzentrum|call ?cent"
    r"|hotline|app|plattform|platform|datenbank|database|warehouse|phone)\w*",
    r"\b(?:unser\w*|our) (?:\w+ ){0,2}(?:it|edv|informatik)\b",
)

FAILING = _any(
    r"\w*ausf(?:a|ä)ll\w*|\boutages?\b|\bstreik\w*|\bon strike\b",
    r"\b(?:ausgefallen|abgestürzt|gestört|überlastet|streikte?|offline|down|crashed|failed"
    r"|failing|broken|overloaded|unavailable|nicht erreichbar|not be reached|could not be"
    r" reached)\b",
    r"\b(?:causing|caused|had|hatte|hat|bereitet|verursacht|gemacht) (?:\w+ ){0,2}(?:problems"
    r"|issues|probleme|schwierigkeiten)\b|\b(?:probleme|schwierigkeiten) (?:\w+ ){0,2}"
    r"(?:bereitet|verursacht|gemacht)\b",
)

STAFF_AWAY = _any(
    r"\b(?:unser\w*|our|im team|bei uns|many of our|several of our|mehrere|viele) (?:\w+ ){0,2}"
    r"(?:mitarbeit\w*|kolleg\w*|agents?|staff|employees?|team\w*|people)\b.{0,40}\b(?:krank"
    r"|abwesend|ferien|urlaub|ill|sick|off|away|on holiday|on leave)\b",
    r"\b(?:umzug|umbau) (?:unseres|unserer|des|der) \w+|\bmoved offices\b|\boffice move\b",
    r"\bzu wenig (?:leute|personal|mitarbeit\w*)|\b(?:too few|not enough) (?:people|staff|agents)",
    r"\b(?:einführung|umstellung|migration|wechsel) (?:auf |eines |einer |unseres |unserer |des "
    r"|der )?(?:neue[nsr]? )?(?:crm|system\w*|software|it|plattform|erp)\b",
    r"\b(?:rolling out|introducing|switching to|migrating to|moving to) (?:a |our )?new "
    r"(?:crm|system|software|platform|erp)\b",
    r"\b(?:längere|lange|erhöhte) (?:warte|bearbeitungs|antwort)zeiten\b",
    r"\b(?:sehr viele|so viele|besonders viele|unzählige|extrem viele) (?:anfragen|bestellungen"
    r"|e-mails|mails|anrufe|reklamationen)\b|\b(?:wegen|aufgrund) (?:der |einer )?inventur\b",
    r"\b(?:huge|large|high|record|enormous|massive) (?:number|volume|amount) of (?:requests"
    r"|enquiries|inquiries|calls|emails|orders|complaints)\b|\bso many (?:requests|enquiries"
    r"|inquiries|calls|emails|orders)\b|\bstocktaking\b",
    r"\b(?:longer|long|increased|high) (?:waiting|response|handling) times\b",
)

TECHNICAL = _any(
    r"\btechnische[nr]? (?:probleme|problemen|schwierigkeiten|störung(?:en)?|pannen?)\b",
    r"\btechnical (?:problems|issues|difficulties|glitch(?:es)?|error)\b",
    r"\bkommunikationsprobleme\w*|\bcommunication (?:problems|issues)\b",
)

DISOWNED = _any(r"\bkeine (?:ausrede|entschuldigung)\b", r"\bno excuse\b", r"\bnot an excuse\b")

NEXT_STEP = _any(
    r"\b(?:ich|wir) (?:\w+ ){0,3}melde(?:n)? (?:mich|uns)\b",
    r"\bmelde(?:n)? (?:ich|wir) (?:mich|uns)\b",
    r"\bmelde (?:ich )?mich\b|\bmelden (?:wir )?uns\b",
    r"\b(?:ich|wir) (?:werde|werden) (?:mich|uns) (?:\w+ ){0,8}melden\b",
    r"\bsie hören (?:\w+ ){0,5}von (?:mir|uns)\b",
    r"\b(?:wird|werden) sie (?:\w+ ){0,8}(?:anrufen|kontaktieren|informieren|zurückrufen"
    r"|benachrichtigen)\b",
    r"\b(?:wird|werden) sich (?:\w+ ){0,8}(?:bei ihnen )?melden\b",
    r"\bwill (?:\w+ ){0,3}(?:give you a (?:call|ring)|call you|contact you|get in touch"
    r"|get back to you|be in touch|email you|update you|let you know)\b",
    r"\bkeep you in the loop\b",
    r"\bhören sie (?:\w+ ){0,5}von (?:mir|uns)\b",
    r"\b(?:ich|wir) (?:rufe|rufen) sie\b",
    r"\brufe(?:n)? (?:ich|wir) sie\b",
    r"\b(?:ich|wir) (?:werde|werden) sie (?:\w+ ){0,8}(?:anrufen|kontaktieren|informieren"
    r"|benachrichtigen|zurückrufen)\b",
    r"\b(?:ich|wir) (?:kontaktiere|kontaktieren|informiere|informieren|benachrichtige"
    r"|benachrichtigen) sie\b",
    r"\b(?:informiere|informieren|kontaktiere|kontaktieren|benachrichtige|benachrichtigen)"
    r" (?:ich|wir) sie\b",
    r"\b(?:halte|halten) (?:ich|wir )?(?:sie )?(?:\w+ ){0,5}(?:auf dem laufenden|informiert)",
    r"\b(?:sie erhalten|erhalten sie|sie bekommen|bekommen sie) (?:\w+ ){0,6}(?:bestätigung"
    r"|e-mail|email|mail|nachricht|sendungsnummer|tracking\w*|rückmeldung|bescheid|antwort"
    r"|information|brief|sms|anruf|link|auftragsbestätigung)\w*",
    r"\b(?:gebe|geben) ihnen (?:\w+ ){0,4}(?:bescheid|rückmeldung|nachricht)\b",
    r"\b(?:gebe|geben) (?:ich|wir) ihnen (?:\w+ ){0,3}(?:bescheid|rückmeldung|nachricht)\b",
    r"\b(?:ich|wir) (?:schreibe|schreiben|maile|mailen) ihnen\b",
    r"\b(?:schicke|sende|schicken|senden) (?:ich |wir )?ihnen (?:\w+ ){0,4}(?:bestätigung|nachricht"
    r"|e-mail|mail|info|zwischenstand|sendungsnummer)\w*",
    r"\b(?:den|die|das) sie (?:\w+ ){0,5}(?:per e-mail|per mail|per post|per sms) (?:erhalten"
    r"|bekommen)\b",
    r"\bschreibe(?:n)? (?:ich|wir) ihnen\b",
    r"\b(?:der )?nächste schritt\b|\bals nächstes\b",
    r"\b(?:i|we)(?:'ll| will| shall| am going to| are going to) (?:\w+ ){0,8}(?:get back to you"
    r"|be in touch|contact you|call you|ring you|phone you|email you|e-mail you|write to you"
    r"|update you|let you know|keep you|follow up|reach out|send you|report back|come back to"
    r" you)\b",
    r"\byou(?:'ll| will) (?:\w+ ){0,2}(?:receive|get|hear)\b",
    r"\bnext step\b|\bkeep you (?:posted|updated|informed)\b",
)
