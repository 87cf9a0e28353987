"""IBANs, payment cards and other bank account data (sort codes, Kontonummer/BLZ, routing).

The checksums come from python-stdnum: IBAN mod 97 (with each country's length and
format), Luhn for cards. Bank account numbers without a checksum only count with their
label and, where the label is ambiguous ("account number"), with a bank nearby.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from stdnum import iban, luhn

from .spans import Kind, Span

# Both start with a digit and check what stands before it afterwards, so sre can jump from
# digit to digit: an IBAN's country letters are part of the match through the look-behind.
IBAN = re.compile(
    r"\d(?<=[A-Za-z]{2}\d)(?<![A-Za-z0-9][A-Za-z]{2}\d)\d(?:[ -]?[A-Za-z0-9]{4}){2,7}"
    r"(?:[ -]?[A-Za-z0-9]{1,4})?(?![A-Za-z0-9])"
)
CARD = re.compile(r"[2-6](?<![\d.,+-][2-6])\d{3}(?:[ -]?\d){9,15}(?![\d-])")


def find_ibans(text: str) -> Iterator[Span]:
    for m in IBAN.finditer(text):
        start = m.start() - 2
        value = text[start : m.end()]
        # A trailing word in capitals can be swallowed as a group: drop groups until valid.
        while value and not iban.is_valid(value.replace("-", " "), check_country=False):
            cut = max(value.rfind(" "), value.rfind("-"))
            if cut < 15:
                value = ""
                break
            value = value[:cut]
        if value:
            yield Span(start, start + len(value), Kind.IBAN, value)


def find_cards(text: str) -> Iterator[Span]:
    """Card numbers of 13 to 19 digits (the pattern's reach) that pass Luhn; a number of one
    repeated digit counts too: masking it costs nothing."""
    if not any(map(text.__contains__, "23456")):  # where the card pattern can start
        return
    for m in CARD.finditer(text):
        if luhn.is_valid(m.group().replace("-", "").replace(" ", "")):
            yield Span(m.start(), m.end(), Kind.CARD, m.group())


_SEP = r"(?i:\s*(?:[:#=]|\bis\b|\bist\b|\blautet\b|\bno\.?|\bnr\.?|\bnumber\b|\bnummer\b))*\s*"
SORT_CODE = re.compile(
    rf"(?<!\w)(?i:sort[ -]?code|S/C|bank code){_SEP}"
    r"(?P<value>\d{2}[- ]\d{2}[- ]\d{2}|\d{6})(?![\d-])"
)
ROUTING = re.compile(
    rf"(?<!\w)(?i:routing(?: and transit)?|ABA(?: routing)?|RTN|transit){_SEP}"
    r"(?P<value>\d{9})(?!\d)"
)
BLZ = re.compile(
    rf"(?<!\w)(?i:BLZ|Bankleitzahl|Bank-Leitzahl){_SEP}(?P<value>\d{{3}} ?\d{{3}} ?\d{{2}})(?!\d)"
)
ACCOUNT = re.compile(
    r"(?<![\w-])(?i:Kontonummer|Konto-?Nr\.?|Kto\.?-?Nr\.?|Kto\.|Konto Nr\.?|Bankkonto(?:nummer)?|"
    r"Konto|account(?: number| no\.?| #)?|acct\.?(?: no\.?| #)?|acc\.?(?: no\.?| #)|a/c(?: no\.?)?|"
    r"checking account(?: number)?|savings account(?: number)?)"
    rf"{_SEP}(?P<value>\d[\d ]{{2,15}}\d)(?![\d-])"
)
# A Swiss postal account ("PC 80-12345-6"), by its shape after an account label.
POSTAL_ACCOUNT = re.compile(
    r"(?<![\w-])(?i:Postkonto|Postcheckkonto|PC-Konto|PC|Konto-?Nr\.?|Kontonummer|Konto|"
    rf"PostFinance-Konto){_SEP}(?P<value>\d{{2}}-\d{{1,6}}-\d)(?![\d-])"
)
# Where an "account number" is a bank's rather than a customer account with a company.
BANK_CONTEXT = re.compile(
    r"(?i:sort[ -]?code|routing|\bABA\b|\bbank|banking|checking|savings|\bBLZ\b|Bankleitzahl|"
    r"Sparkasse|Volksbank|Raiffeisen|Postbank|Kreditinstitut|überweis|Überweisung|\bIBAN\b|"
    r"\bBIC\b|SWIFT|\bwire\b|\bACH\b|direct deposit|Lastschrift|Bankverbindung|Kontoinhaber|"
    r"account holder|building society)"
)
_WINDOW = 120


_SORT_CODE_HINTS = ("sort", "s/c", "bank code")
_ROUTING_HINTS = ("routing", "aba", "rtn", "transit")
_BLZ_HINTS = ("blz", "leitzahl")
_ACCOUNT_HINTS = ("konto", "kto", "acc", "a/c", "checking", "savings")
_BANK_HINTS = (
    "sort", "routing", "aba", "bank", "checking", "savings", "blz", "leitzahl", "sparkasse",
    "raiffeisen", "kreditinstitut", "überweis", "iban", "bic", "swift", "wire", "ach",
    "direct deposit", "lastschrift", "kontoinhaber", "account holder", "building society",
)  # fmt: skip
_ACCOUNT_START = re.compile(r"konto|kto|acc|a/c|checking|savings|bankkonto")
_POSTAL_SHAPE = re.compile(r"\d{2}-\d{1,6}-\d(?![\d-])")


def _mentions(folded: str, hints: tuple[str, ...]) -> bool:
    return any(map(folded.__contains__, hints))


def find_bank_accounts(text: str) -> Iterator[Span]:
    folded = text.casefold()
    patterns = [
        pattern
        for pattern, hints in ((SORT_CODE, _SORT_CODE_HINTS), (ROUTING, _ROUTING_HINTS))
        if _mentions(folded, hints)
    ]
    if _mentions(folded, _BLZ_HINTS):
        patterns.append(BLZ)
    if _POSTAL_SHAPE.search(text):
        patterns.append(POSTAL_ACCOUNT)
    for pattern in patterns:
        for m in pattern.finditer(text):
            yield Span(m.start("value"), m.end("value"), Kind.BANK_ACCOUNT, m.group("value"))
    # An "account number" is a bank's only with a bank nearby, otherwise a customer number.
    if _mentions(folded, _ACCOUNT_HINTS) and _mentions(folded, _BANK_HINTS):
        labels = (ACCOUNT.match(text, hint.start()) for hint in _ACCOUNT_START.finditer(folded))
        for m in filter(None, labels) if len(folded) == len(text) else ACCOUNT.finditer(text):
            value = m.group("value").rstrip()
            digits = sum(ch.isdigit() for ch in value)
            window = text[max(0, m.start() - _WINDOW) : m.end() + _WINDOW]
            if 5 <= digits <= 17 and BANK_CONTEXT.search(window):
                start = m.start("value")
                yield Span(start, start + len(value), Kind.BANK_ACCOUNT, value)
    # "20-00-00 55779911": the account number right after the sort code.
    for m in SORT_CODE.finditer(text) if SORT_CODE in patterns else ():
        after = re.match(r"[ ,;/]+(\d{8})(?!\d)", text[m.end("value") :])
        if after:
            start = m.end("value") + after.start(1)
            yield Span(start, start + 8, Kind.BANK_ACCOUNT, after.group(1))
