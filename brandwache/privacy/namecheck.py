"""What a single word is, for `names.py`: its shape, whether it is a known given name or
surname, a given name that counts on its own, or a word that is never part of a name.

Results are cached per word: texts repeat their words, and the lexicon never changes.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from . import namefirms
from . import namewords as nw
from .namelexicon import lexicon
from .places import CITIES

# Letters and hyphens; an apostrophe only in O'Neill, D'Souza (not in "I'm" or "Sarah's").
# Two alternatives rather than an optional prefix: the same words, found a fifth faster.
WORD = re.compile(r"(?:[ODLodl]['’](?=[A-ZÄÖÜ])[^\W\d_]+|[^\W\d_]+)(?:-[^\W\d_]+)*")
# Inner capitals only after these: McDonald, MacArthur, DeLuca, LeBlanc, O'Neill.
CAPITAL_PREFIX = re.compile(r"(?:Mc|Mac|De|Di|Da|La|Le|Van|[ODL]['’])(?=[A-ZÄÖÜ])")
# Prefixes that make a surname whatever follows: McAllister, O'Sullivan.
SURNAME_PREFIX = re.compile(r"(?:Mc|Mac|O['’])[A-ZÄÖÜ][a-zäöü]{2,}$")
NOT_NAMES = frozenset(w.casefold() for w in nw.NOT_NAMES)
NOT_ALONE = NOT_NAMES | {w.casefold() for w in nw.WORDS_NOT_GIVEN_NAMES}
COMPANY_AFTER = frozenset(w.casefold() for w in namefirms.COMPANY_AFTER)
COMPANY_BEFORE = frozenset(w.casefold() for w in namefirms.COMPANY_BEFORE)
PLACES = frozenset(c.casefold() for c in CITIES) | {t.casefold() for t in nw.TOWNS}
STREET_ENDINGS = ("strasse", "straße", "gasse", "allee", "platz", "weg", "street", "road")
# A bare given name must be common somewhere: deep ranks of the data set hold nicknames,
# words and surnames put in the wrong field.
BARE_HOME_RANK = 1000
BARE_ABROAD_RANK = 300
BOTH = ("de", "en")
# Both halves of a compound are at least this frequent (Zipf): "Fund" + "büro".
COMPOUND_ZIPF = 3.3


@lru_cache(maxsize=1 << 16)
def style(word: str) -> str | None:
    """ "title", "upper", "lower", "initial" (a single capital) or None ("SkyArc", "iPhone")."""
    if word.isupper():
        return "upper" if len(word) > 1 else "initial"
    if word.islower():
        return "lower"
    if word[0].isupper():
        for part in word.split("-"):
            prefix = CAPITAL_PREFIX.match(part)
            rest = part[prefix.end() if prefix else 0 :][1:]
            if not part or (rest and not rest.islower()):
                return None
        return "title"
    return None


@lru_cache(maxsize=1 << 16)
def known_given(word: str) -> bool:
    given = lexicon().given
    key = word.casefold()
    return key in given or all(p in given for p in key.split("-"))


@lru_cache(maxsize=1 << 16)
def known_surname(word: str, languages: tuple[str, ...] = BOTH, ordinary_too: bool = False) -> bool:
    """A surname, or a double name with one ("Marti-Keller"); ordinary words only if asked."""
    lex = lexicon()
    # the data set spells "O'Neill" as "Oneill"
    for part in {word, *word.split("-"), word.replace("'", "").replace("’", "")}:
        ranks = lex.surname.get(part.casefold())
        if ranks and (ordinary_too or not lex.is_word(part, ranks[0], languages)):
            return True
    return bool(SURNAME_PREFIX.match(word))


def known(word: str) -> bool:
    return known_given(word) or known_surname(word, BOTH, True)


@lru_cache(maxsize=1 << 16)
def given_alone(
    word: str, languages: tuple[str, ...], margin: float | None = None, any_rank: bool = False
) -> bool:
    """A given name that counts without context: common, no ordinary word, no surname.

    `any_rank` drops "common" for lower-case names after a cue ("from keisha").
    """
    lex = lexicon()
    key = word.casefold()
    ranks = lex.given.get(key)
    if ranks is None or len(key) < 3 or key in NOT_ALONE or key in PLACES:
        return False
    home, best = ranks
    common = (home and home <= BARE_HOME_RANK) or (best <= BARE_ABROAD_RANK and len(key) > 3)
    if not (common or any_rank):
        return False
    surname = lex.surname.get(key)
    rank = home or best * 3
    if (
        surname
        and surname[0]
        and (surname[0] * 10 < rank or (rank > 300 and surname[0] * 3 < rank))
    ):
        return False  # "Huber", "Weber", "Schumacher": mostly surnames
    if margin is None:
        return not lex.is_word(word, home, languages)
    return not lex.is_word(word, home, languages, margin)


@lru_cache(maxsize=1 << 16)
def compound(word: str) -> bool:
    """Made of two words: "Fundbüro", "Paketblitz", "Brightwave", unlike "Ylmazoglu".

    Rare words count as names the lexicon lacks; compounds of ordinary words are mostly
    nouns and company names instead. ("Zimmermann" is one too, but a known surname.)
    """
    lex = lexicon()
    key = word.casefold()
    for cut in range(3, len(key) - 2):
        head, tail = key[:cut], key[cut:]
        if lex.frequency(tail) >= COMPOUND_ZIPF and (
            lex.frequency(head) >= COMPOUND_ZIPF or lex.frequency(head.rstrip("s")) >= COMPOUND_ZIPF
        ):
            return True
    return False


@lru_cache(maxsize=1 << 16)
def stop(word: str) -> bool:
    """Words that are never part of a name: "Team", "Kundendienst", "AG", "Bahnhofstrasse"."""
    key = word.casefold()
    last = key.rsplit("-", 1)[-1]
    return (
        key in NOT_NAMES
        or last in NOT_NAMES
        or last in COMPANY_AFTER
        or key.endswith(STREET_ENDINGS)
    )


_AFTER = re.compile(r"[ \t]*([^\W\d_][\w.]*)")
_BEFORE = re.compile(r"([^\W\d_][\w.]*)[ \t]*$")
_AMPERSAND_AFTER = re.compile(r"[ \t]*[&+][ \t]*([^\W\d_]+)")
_AMPERSAND_BEFORE = re.compile(r"([^\W\d_]+)[ \t]*[&+][ \t]*$")


def firm_or_place(text: str, start: int, end: int, languages: tuple[str, ...]) -> bool:
    """Whether the name at text[start:end] belongs to a firm, a shop or a place."""
    after = _AFTER.match(text, end)
    if after and after.group(1).casefold().rstrip(".") in COMPANY_AFTER:
        return True  # "Meier AG", "Müller Drogerie", "Oliver Plunkett Street"
    before = _BEFORE.search(text, max(0, start - 30), start)
    if before and before.group(1).casefold().rstrip(".") in COMPANY_BEFORE:
        return True  # "Bäckerei Huber", "Sankt Gallen"
    # "Marks & Spencer", "Meier+Co" are firms; "Mia & Jonas" are two persons.
    partner = _AMPERSAND_AFTER.match(text, end) or _AMPERSAND_BEFORE.search(
        text, max(0, start - 30), start
    )
    if partner:
        return not (
            given_alone(text[start:end], languages) and given_alone(partner.group(1), languages)
        )
    return text[end : end + 1] == "-"  # cut off before a hyphen: no whole name


@cache
def brand_names() -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, namefirms.BRANDS)) + r")(?!\w)")


@cache
def first_names() -> frozenset[str]:
    """Given names common enough to count on their own (case-folded)."""
    return frozenset(name for name in lexicon().given if given_alone(name, BOTH))
