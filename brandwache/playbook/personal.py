"""Is a reply written to this customer, or a standard text sent unchanged? Pure functions.

- `greeting_by_name`: the reply opens with a salutation that names the contact ("Grüezi
  Frau Muster", "Dear Mr Keller", "Hallo Petra,").
- `refers_to_customer`: the reply shares content with the customer's message. Both texts
  are cut into words and numbers; stopwords, greeting and service boilerplate ("Anfrage",
  "Kundendienst") and the contact's name are dropped; words are folded (case, umlauts, ß)
  and stemmed by cutting common endings. Two words match when their stems are equal or one
  is the start of the other with at least six letters in common ("Rechnung" and
  "Rechnungsbetrag"). A shared number (an amount, a date, an order number) weighs 2, a
  shared word 1; the reply refers to the message at weight 2, or at 1 when the customer
  wrote fewer than seven content words.
- `unchanged_standard_text`: the reply is (nearly) a knowledge-base text as rendered:
  word-level similarity (difflib's ratio) of at least 0.9 with one of the given texts, also
  after dropping the salutation line of both, so changing only the greeting does not count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from brandwache.playbook.text import NOT_FOUND, Finding, mask_quotes, normalise_word

SALUTATION = re.compile(
    r"^\W*(?:sehr geehrte[rs]?|liebe[rs]?|hallo|guten (?:tag|morgen|abend)|grüezi|grüessech"
    r"|grüss gott|grüß gott|grüss dich|servus|moin|hoi|salü|dear|hello|hi|hey"
    r"|good (?:morning|afternoon|evening)|bonjour)\b",
    re.IGNORECASE,
)
TITLES = frozenset(
    ["frau", "herr", "herrn", "dr", "prof", "mr", "mrs", "ms", "miss", "mx", "sir", "madam"]
    + ["familie", "family", "und", "and"]
)
WORD = re.compile(r"\d+(?:[.,'’]\d+)*|[^\W\d_]+(?:[-'][^\W\d_]+)*")

STOPWORDS = frozenset(
    word
    for line in (Path(__file__).parent / "stopwords.txt").read_text(encoding="utf-8").splitlines()
    if not line.startswith("#")
    for word in line.split()
)
ENDINGS = ("ungen", "innen", "ern", "en", "er", "es", "em", "e", "n", "s", "ing", "ed")
MIN_PREFIX = 6


@dataclass(frozen=True)
class Token:
    key: str
    is_number: bool
    text: str


def _stem(word: str) -> str:
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def _number_key(raw: str) -> str:
    value = raw.replace("'", "").replace("’", "").replace(",", ".").rstrip(".")
    if re.fullmatch(r"\d+\.\d{2}", value) and value.endswith(".00"):
        value = value[:-3]  # 20.00 and 20 are the same amount
    return value


def _tokens(text: str, exclude: frozenset[str] = frozenset()) -> list[Token]:
    tokens = []
    for match in WORD.finditer(text):
        raw = match.group()
        if raw[0].isdigit():
            digits = sum(ch.isdigit() for ch in raw)
            if digits >= 2:
                tokens.append(Token(_number_key(raw), True, raw))
            continue
        folded = normalise_word(raw)
        if len(folded) < 3 or raw.casefold() in STOPWORDS or folded in STOPWORDS:
            continue
        if folded in exclude:
            continue
        tokens.append(Token(_stem(folded), False, raw))
    return tokens


def _same(a: str, b: str) -> bool:
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    return len(shorter) >= MIN_PREFIX and longer.startswith(shorter)


def name_parts(name: str) -> frozenset[str]:
    """The folded words of a contact's name that can stand in a salutation."""
    parts = set()
    for word in re.split(r"[\s,]+", name):
        word = word.strip(".")
        folded = normalise_word(word)
        if len(folded) >= 2 and folded not in TITLES:
            parts.add(folded)
            parts.update(normalise_word(p) for p in word.split("-") if len(p) >= 2)
    return frozenset(parts)


def greeting_by_name(text: str, name: str | None) -> Finding:
    parts = name_parts(name or "")
    if not parts:
        return NOT_FOUND
    offset = 0
    for line in text.split("\n")[:4]:
        words = [normalise_word(w.strip(".")) for w in WORD.findall(line)][:6]
        starts_with_name = bool(words) and (
            words[0] in parts or (words[0] in TITLES and len(words) > 1 and words[1] in parts)
        )
        if (SALUTATION.match(line) and parts & set(words)) or starts_with_name:
            start = offset + len(line) - len(line.lstrip())
            return Finding(True, line.strip(), start, offset + len(line.rstrip()))
        if line.strip():
            break  # only the opening line can be the greeting
        offset += len(line) + 1
    return NOT_FOUND


def refers_to_customer(text: str, customer_text: str, name: str | None = None) -> Finding:
    exclude = name_parts(name or "")
    theirs = _tokens(customer_text, exclude)
    if not theirs:
        return NOT_FOUND
    their_words = {t.key for t in theirs if not t.is_number}
    their_numbers = {t.key for t in theirs if t.is_number}
    shared: list[str] = []
    weight = 0
    seen: set[str] = set()
    for token in _tokens(mask_quotes(text), exclude):
        if token.key in seen:
            continue
        if token.is_number and token.key in their_numbers:
            weight += 2
        elif not token.is_number and any(_same(token.key, w) for w in their_words):
            weight += 1
        else:
            continue
        seen.add(token.key)
        shared.append(token.text)
    needed = 2 if len(their_words) + len(their_numbers) >= 7 else 1
    if weight >= needed:
        return Finding(True, ", ".join(shared[:6]))
    return NOT_FOUND


def _words(text: str) -> list[str]:
    return [normalise_word(w) for w in WORD.findall(text)]


def _without_salutation(text: str) -> str:
    lines = text.strip().split("\n")
    if lines and SALUTATION.match(lines[0]):
        lines = lines[1:]
    return "\n".join(lines)


def similarity(a: str, b: str) -> float:
    """Word-level similarity of two texts, 0 to 1."""
    words_a, words_b = _words(a), _words(b)
    if not words_a or not words_b:
        return 0.0
    matcher = SequenceMatcher(None, words_a, words_b, autojunk=False)
    if matcher.real_quick_ratio() < STANDARD_THRESHOLD:
        return matcher.real_quick_ratio()
    return matcher.ratio()


STANDARD_THRESHOLD = 0.9


def unchanged_standard_text(
    text: str, standard_texts: Iterable[str], threshold: float = STANDARD_THRESHOLD
) -> Finding:
    body = _without_salutation(text)
    best, best_text = 0.0, ""
    for standard in standard_texts:
        if not standard.strip():
            continue
        score = max(similarity(text, standard), similarity(body, _without_salutation(standard)))
        if score > best:
            best, best_text = score, standard
    if best >= threshold:
        excerpt = " ".join(best_text.split())[:80]
        return Finding(True, f"{excerpt} ({round(best * 100)} %)")
    return NOT_FOUND


@dataclass(frozen=True)
class PersonalCheck:
    """The personalisation verdict on one reply draft."""

    greeting: Finding
    reference: Finding
    standard: Finding

    @property
    def impersonal(self) -> bool:
        """No greeting by name and nothing of the customer's message, or a standard text."""
        return self.standard.found or not (self.greeting.found or self.reference.found)

    def as_dict(self) -> dict[str, object]:
        return {
            "greeting_by_name": self.greeting.as_dict(),
            "refers_to_customer": self.reference.as_dict(),
            "unchanged_standard_text": self.standard.as_dict(),
            "impersonal": self.impersonal,
        }


def check_personal(
    text: str,
    *,
    name: str | None,
    customer_text: str,
    standard_texts: Sequence[str] = (),
) -> PersonalCheck:
    return PersonalCheck(
        greeting=greeting_by_name(text, name),
        reference=refers_to_customer(text, customer_text, name),
        standard=unchanged_standard_text(text, standard_texts),
    )
