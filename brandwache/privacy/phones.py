"""Phone numbers of persons in CH/DE/AT/UK/US/IE formats, checked with `phonenumbers`.

A fast regular expression finds candidates; Google's libphonenumber (`phonenumbers`) then
parses each in the likely countries and says whether it is a real number and of what
type. `PhoneNumberMatcher` does both steps itself but costs ~75 µs per tweet and country,
six times over; the candidates cost ~45 µs each, and most texts have none.

Hotlines and company service numbers are not personal data and stay: free, shared-cost,
premium and corporate numbers (0800, 0848, 0900, 0180x, 0844, 0345, 058, 1-800, ...) by
their type, any other number when it is introduced as the company's ("Hotline",
"Service-Nummer", "Zentrale", "switchboard").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberType

from .organisations import organisation_words
from .places import words
from .spans import Kind, Span

# International (+41 / 0041, optional "(0)"), national (leading 0, "(030)") or North
# American ("(415) 555-0134", "1-800-...") numbers with the usual separators. Each pattern
# starts with its one possible first character and checks the boundary after it, so sre
# jumps between candidates instead of trying every position.
_REST = r"(?:(?: ?[.\-/] ?| )?\d{1,8}){1,6}(?![\w-])(?!\.\d)(?!,\d)"
_BEFORE = r"(?<![\w+/.,-].)(?<!\d:.)"
PHONES = (
    re.compile(rf"\+{_BEFORE}[1-9]\d{{0,2}}[ .\-/]?(?:\(0\)[ .\-/]?)?\(?\d{{1,5}}\)?{_REST}"),
    re.compile(
        rf"0{_BEFORE}(?:0[1-9]\d{{0,2}}[ .\-/]?(?:\(0\)[ .\-/]?)?\(?\d{{1,5}}\)?|"
        rf" ?[1-9]\d{{0,5}}){_REST}"
    ),
    re.compile(rf"\({_BEFORE}0\d{{1,5}}\){_REST}"),
)
# North American numbers without a leading 0: read only in English text.
US_PHONE = re.compile(
    rf"[1-9(]{_BEFORE}(?:(?<=1)[ .-]\(?[2-9]\d{{2}}\)?|(?<=\()[2-9]\d{{2}}\)|(?<=[2-9])\d{{2}})"
    rf"(?=[ .-]?\d{{3}}[ .-]\d{{4}}(?!\d)){_REST}"
)
DATE_LIKE = re.compile(r"\d{1,2}\.\d{1,2}\.\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}")

SERVICE_TYPES = frozenset(
    {
        PhoneNumberType.TOLL_FREE,
        PhoneNumberType.PREMIUM_RATE,
        PhoneNumberType.SHARED_COST,
        PhoneNumberType.UAN,
    }
)
# A number given as the organisation's, right before it ("Hotline: 044 ...").
SERVICE_WORDS = (
    "hotline", "service", "kundendienst", "kundencenter", "kunden-center", "zentrale",
    "hauptnummer", "infoline", "info-nummer", "infonummer", "störung", "callcenter",
    "call cent", "switchboard", "helpline", "help line", "help desk", "helpdesk",
    "customer care", "customer support", "support line", "main number", "head office",
    "our number", "unsere nummer", "unserer",
)  # fmt: skip
# "Rufen Sie uns an: ...", "call us on ...": the writer is the organisation.
_US = re.compile(r"(?i)\b(?:uns|us)\b")
# "Tel." or "Nr." end no sentence.
_SENTENCE_END = re.compile(r"[.!?](?<!Tel.)(?<!Nr.)(?<!Fax.)(?<!ca.)(?<!Mob.)\s")
# A fax header's recipient line without a person's title: the organisation written to.
_RECIPIENT = re.compile(
    r"[ \t]*(?:An|To|Empfänger|Fax an)\s*:(?![^\n]*\b(?:Frau|Herrn?|Mrs?|Ms)\b)"
)
PERSONAL_CONTEXT = re.compile(r"(?i)\b(?:mich|mir|meine?|my|me|I|ich|privat|private)\b")

ENGLISH_WORDS = frozenset(
    words("the and you my is to please your with have call me of it for at on will this that was")
)
GERMAN_WORDS = frozenset(
    words("""
    der die und ich ist nicht sie bitte mein meine mit habe mich ein das für auf von zu im den
    dem isch nöd hoi grüezi gerne danke welches mini mis chönd
    """)
)
_WORDS = re.compile(r"[a-zäöüß]+")
_SWISS_GROUPS = re.compile(r"0\d{2} \d{3} \d{2} \d{2}")


def _language_counts(text: str) -> tuple[int, int]:
    """How many common English and German words the text has (its first 2000 characters)."""
    found = _WORDS.findall(text[:2000].casefold())
    return sum(w in ENGLISH_WORDS for w in found), sum(w in GERMAN_WORDS for w in found)


def _regions(value: str, text: str) -> tuple[str | None, ...]:
    """The countries to read a number in: the text's language's first.

    Only North American numbers go without a leading 0 ("415.555.0134"), and only in
    English text; Swiss ones are grouped "044 123 45 67"; "ß" and "€" point to Germany and
    Austria, where "0581 48 12 90" is a landline and not a Swiss corporate number.
    """
    if value.startswith(("+", "00")):
        return (None,)
    english, german_words = _language_counts(text)
    if not value.lstrip("(").startswith("0"):
        return ("US",) if english > german_words or not german_words else ()
    if _SWISS_GROUPS.fullmatch(value):
        german: tuple[str, ...] = ("CH", "DE", "AT")
    elif "ß" in text or "€" in text or "EUR" in text:
        german = ("DE", "AT", "CH")
    else:
        german = ("CH", "DE", "AT")
    return ("GB", "IE", *german) if english > german_words else (*german, "GB", "IE")


# Service ranges by the start of the national number, for numbers that only parse as
# possible: free, shared-cost and premium (08xx, 09xx, 0180x, 1-8xx in North America).
_SERVICE_START = re.compile(r"8(?:0[01]|4\d|7\d|33|55|66|77|88)|9(?:0\d|1\d)|18\d|137|118")


# Country codes read without `phonenumbers.parse`: building the number directly costs a
# tenth of parsing it. Other countries are parsed.
_COUNTRY_CODES = {"1": "US", "41": "CH", "43": "AT", "44": "GB", "49": "DE", "353": "IE"}
_CALLING_CODES = {region: int(code) for code, region in _COUNTRY_CODES.items()}


def _number(value: str, region: str | None) -> phonenumbers.PhoneNumber | None:
    digits = re.sub(r"\D", "", value.replace("(0)", ""))
    if region is None:
        international = digits[2:] if value.startswith("00") else digits
        code = next(
            (c for c in ("1", "41", "43", "44", "49", "353") if international.startswith(c)), None
        )
        if code is None:
            try:
                return phonenumbers.parse("+" + international)
            except NumberParseException:
                return None
        region, digits = _COUNTRY_CODES[code], international[len(code) :]
    elif region == "US" and len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if region != "US" and digits.startswith("0"):
        digits = digits[1:]  # the trunk prefix, or a "0" written after the country code
    if not digits:
        return None
    return phonenumbers.PhoneNumber(
        country_code=_CALLING_CODES[region], national_number=int(digits)
    )


def _personal(value: str, regions: tuple[str | None, ...]) -> bool:
    """Whether `value` is a personal number: valid (or possible) and no service number."""
    possible = None
    for region in regions:
        number = _number(value, region)
        if number is None:
            continue
        kind = phonenumbers.number_type(number)  # UNKNOWN for an invalid number
        if kind != PhoneNumberType.UNKNOWN:
            return kind not in SERVICE_TYPES
        if possible is None and phonenumbers.is_possible_number(number):
            possible = number
    # Invented and reserved numbers ("07700 900123") parse as possible, not valid.
    return possible is not None and not _SERVICE_START.match(str(possible.national_number))


def _organisations_number(text: str, start: int) -> bool:
    """Introduced as a company's: "Hotline: ...", "Rufen Sie uns an: ...", or on its line
    after the company ("An: Hansabank AG, Kreditabteilung, Fax ...", "To: Harbour Claims,")."""
    # Up to 25 characters before the number, back to the line start or another number.
    tail_start = max(start - 25, 0)
    for i in range(start - 1, tail_start - 1, -1):
        if text[i] == "\n" or text[i].isdigit():
            tail_start = i + 1
            break
    tail = text[tail_start:start]
    folded = tail.casefold()
    if (any(map(folded.__contains__, SERVICE_WORDS)) or _US.search(tail)) and (
        not PERSONAL_CONTEXT.search(tail)
    ):
        return True
    line = text[text.rfind("\n", 0, start) + 1 : start]
    ends = list(_SENTENCE_END.finditer(line)) if any(map(line.__contains__, ".!?")) else []
    sentence = line[ends[-1].end() :] if ends else line
    # "An: Hotel Seeblick – Reservation\nFax: 041 ..." : the line above is the recipient.
    above_start = text.rfind("\n", 0, max(start - len(line) - 1, 0)) + 1
    above = text[above_start : max(start - len(line) - 1, 0)] if start > len(line) else ""
    fax_line = line.lstrip().lower().startswith(("fax", "tel", "phone"))
    if not (
        organisation_words(sentence)
        or _RECIPIENT.match(line)
        or (fax_line and _RECIPIENT.match(above))
    ):
        return False
    return not PERSONAL_CONTEXT.search(sentence)


def find_phones(text: str) -> Iterator[Span]:
    matches = [m for pattern in PHONES for m in pattern.finditer(text)]
    if any(map(text.__contains__, "123456789")):
        matches += US_PHONE.finditer(text)
    last_end = -1
    for m in sorted(matches, key=lambda m: (m.start(), -m.end())):
        if m.start() < last_end:
            continue  # inside a longer number already read
        last_end = m.end()
        value = m.group()
        digits = sum(map(str.isdigit, value))
        if not 7 <= digits <= 15 or DATE_LIKE.fullmatch(value):
            continue
        if value.isdigit() and digits < 10:
            continue  # "PZN 01016070": written without any gap, a phone has ten digits

        if _organisations_number(text, m.start()):
            continue
        if _personal(value, _regions(value, text)):
            yield Span(m.start(), m.end(), Kind.PHONE, value)
