"""The words of one text, and how a name is taken from a word on: the mechanics under
`names.py` (which holds the rules that say where to look)."""

from __future__ import annotations

import re

from . import namewords as nw
from .namecheck import (
    BOTH,
    WORD,
    brand_names,
    compound,
    firm_or_place,
    given_alone,
    known,
    known_given,
    known_surname,
    stop,
    style,
)
from .namelexicon import WORD_ZIPF, lexicon
from .namewords import Cue

MONTHS = frozenset(("jan", "mar", "mai", "april", "june", "juni", "august"))
# Mid-sentence in English a capitalised given name is a name unless it is a much more
# frequent word than its rank explains ("Apple", "France").
ENGLISH_MARGIN = 1.0
ENGLISH_START_MARGIN = 0.8
SENTENCE_END = ".!?:;\n\r\t\"'(-–•*>"
# "Meier Petra" at the start of a line; "Bauer Heinrich" could be a farm shop.
SURNAME_FIRST_ZIPF = 4.2
# How far around a name a brand containing it may reach ("Yves Saint Laurent").
BRAND_REACH = 24
# A word rarer than this (Zipf, in German and English) may be a name the lexicon lacks.
RARE_ZIPF = 3.0
SIGNATURE_ZIPF = 2.5


class TextWords:
    """One text: its words, what stands around them, and the names found so far."""

    def __init__(self, text: str, language: str | None) -> None:
        self.text = text
        self.lex = lexicon()
        self.language = language if language in BOTH else None
        self.languages: tuple[str, ...] = (language,) if self.language else BOTH
        matches = list(WORD.finditer(text))
        self.starts = [m.start() for m in matches]
        self.ends = [m.end() for m in matches]
        self.words = [m.group() for m in matches]
        self.styles = list(map(style, self.words))
        self.at = dict(zip(self.starts, range(len(matches)), strict=True))
        self.found: list[tuple[int, int]] = []

    def gap(self, i: int) -> str:
        """The text between word i and word i + 1."""
        return self.text[self.ends[i] : self.starts[i + 1]]

    def surname(self, word: str, ordinary_too: bool = False) -> bool:
        return known_surname(word, self.languages, ordinary_too)

    def alone(self, i: int) -> bool:
        """Whether word i is a given name that counts without context, where it stands.

        Mid-sentence a capitalised English word is a proper noun; after an article a German
        one is a noun ("der Roman"); after "in" or "at" a place ("at Preston").
        """
        word = self.words[i]
        if word.casefold() not in self.lex.given or self.embedded(i):
            return False
        if i and self.gap(i - 1) == " ":
            before = self.words[i - 1].casefold()
            if before in nw.PLACE_PREPOSITIONS:
                return False
            if before in nw.DETERMINERS or (
                i > 1
                and self.words[i - 1].islower()
                and self.words[i - 2].casefold() in nw.ARTICLES
                and self.gap(i - 2) == " "
            ):
                return given_alone(word, BOTH, 0.0)  # "der Roman", "ein Tiny House"
        if self.sentence_start(i):
            if self.language == "en":  # "Will you ...", "Hope this helps", but "George said"
                return given_alone(word, ("en",), ENGLISH_START_MARGIN)
            return given_alone(word, self.languages)
        if self.language == "en":
            return given_alone(word, ("en",), ENGLISH_MARGIN)
        return given_alone(word, ("de",))

    def embedded(self, i: int) -> bool:
        """Part of a hashtag, handle, address or link: "#Brooklyn", "fritz_1977", "ricardo.ch"."""
        text, start, end = self.text, self.starts[i], self.ends[i]
        return (start > 0 and text[start - 1] in "#@/._\\") or bool(
            _EMBEDDED_AFTER.match(text, end)
        )

    def before(self, i: int) -> str:
        """The last character before word i that is no space ("" at the start)."""
        text, j = self.text, self.starts[i] - 1
        while j >= 0 and text[j] in " \t":
            j -= 1
        return text[j] if j >= 0 else ""

    def sentence_start(self, i: int) -> bool:
        before = self.before(i)
        return not before or before in SENTENCE_END

    def line_start(self, i: int) -> bool:
        before = self.before(i)
        return not before or before in "\n:>"

    def rest_of_line(self, pos: int) -> str:
        end = self.text.find("\n", pos)
        return self.text[pos : end if end >= 0 else len(self.text)]

    def month(self, i: int) -> bool:
        """ "Jan" in "3. Jan" or "Jan. 2024" is a month."""
        if self.words[i].casefold() not in MONTHS:
            return False
        before = self.text[max(0, self.starts[i] - 4) : self.starts[i]]
        return bool(re.search(r"\d\.? ?$", before) or _MONTH_AFTER.match(self.text, self.ends[i]))

    # --- taking a name from a word on ------------------------------------------------

    def first_ok(self, word: str, shape: str, cue: Cue) -> bool:
        if stop(word) and not (cue >= Cue.TITLE and known(word)):  # "Mr Georgia Pennington"
            return False
        if shape == "lower":
            return given_alone(word, BOTH) or (cue >= Cue.LABEL and self.surname(word))
        if cue >= Cue.TITLE:
            return True
        if cue >= Cue.LABEL:  # "Name: Winter", not "Attn: Accounts Payable" or "Kunde: My ..."
            frequency = self.lex.frequency(word)
            return frequency < 4.5 or (known(word) and frequency < WORD_ZIPF)
        if cue >= Cue.GREETING:  # a rare word must stand beside a known name, see `take`
            return known(word) or self.lex.frequency(word) < 4.0
        if cue == Cue.MENTION and shape == "title" and self.rare(word, RARE_ZIPF):
            return True  # only as one of two rare words, see `take`
        return self.known_name(word)

    def known_name(self, word: str) -> bool:
        """A given name that is no very common word, or a surname that is no word at all."""
        return (known_given(word) and self.lex.frequency(word) < WORD_ZIPF) or self.surname(word)

    def all_rare(self, name: list[str]) -> bool:
        """Two or more rare capitalised words: "Zoltar Quibble", a name the lexicon lacks."""
        return (
            len(name) > 1
            and not compound(name[0])
            and all(style(w) == "title" and self.rare(w, RARE_ZIPF) for w in name)
        )

    def next_ok(self, word: str, shape: str | None, cue: Cue, particle: str) -> bool:
        if shape != style(word) or stop(word):
            return False
        if shape == "lower":
            return len(word) > 2 and (self.surname(word) or given_alone(word, BOTH))
        if particle in nw.PREPOSITIONS and cue < Cue.TITLE:
            # "Valentina von Helvetel" works there, "Klaus-Dieter von Arnim: Parkallee 41" is one.
            return self.surname(word) or (cue >= Cue.HEADER and self.rare(word, 3.5))
        if particle and cue < Cue.TITLE:  # "van den Berg", "de la Cruz"
            return self.surname(word, ordinary_too=True) or self.rare(word, 4.0)
        return known(word) or self.rare(word, 3.0)

    def rare(self, word: str, below: float) -> bool:
        """No frequent word, nor made of one ("Halbtax-Nummer")."""
        return all(self.lex.frequency(part) < below for part in word.split("-"))

    def take(
        self,
        pos: int,
        cue: Cue,
        lower_ok: bool = True,
        checked: bool = False,
        signature: bool = False,
    ) -> tuple[int, int] | None:
        """The name starting at `pos` after a cue, as (start, end), or None.

        `checked`: the caller has already judged the first word. `signature`: on its own
        line after a closing, where even one rare word ("Chrigi") is a name.
        """
        text, words, styles = self.text, self.words, self.styles
        skip = " \t\"'(\r\n" if cue in (Cue.LABEL, Cue.HEADER) else " \t\"'("
        while pos < len(text) and text[pos] in skip:
            pos += 1
        i = self.at.get(pos)
        if i is None:
            return None
        first, last_index = i, len(words) - 1
        if words[i] in nw.OPENING_PARTICLES and cue >= Cue.TITLE:  # "Frau von Allmen"
            while first < last_index and words[first] in nw.PARTICLES and first - i < 2:
                first += 1
            if self.gap(first - 1) != " " or styles[first] != "title" or stop(words[first]):
                return None
        elif styles[i] == "initial":  # "A. Huber", "H.-J. Meier"
            while first < last_index and styles[first] == "initial":
                if self.gap(first) not in (".", ". ", ".-"):
                    return None
                first += 1
            particle = words[first] in nw.OPENING_PARTICLES and self.gap(first) == " "
            first += particle  # "K.-D. von Arnim"
            surname = words[first]
            if styles[first] != "title" or stop(surname):
                return None
            if not self.surname(surname, ordinary_too=True) and (
                cue < Cue.GREETING and not self.rare(surname, 4.0 if particle else 3.0)
            ):
                return None
        shape = styles[first]
        if shape in (None, "initial") or (shape == "lower" and not lower_ok):
            return None
        if first == i and not checked and not self.first_ok(words[first], shape, cue):
            return None
        last = self.extend(first, cue)
        name = words[first : last + 1]
        if (
            cue == Cue.MENTION
            and first == i
            and not checked
            and not self.known_name(name[0])
            and not self.all_rare(name)
        ):
            return None  # "Meine Tochter Junaro Brühlimann", not "Danke Helvetel"
        # "Hallo Paketblitz", "Liebe Wiener Öffis", "Von: Kundendienst Telenord"
        if (
            Cue.GREETING <= cue <= Cue.HEADER
            and not any(known_given(w) or self.surname(w) for w in name)
            and not self.all_rare(name)
            and not (
                signature
                and len(name) == 1
                and styles[first] == "title"
                and self.rare(name[0], SIGNATURE_ZIPF)
                and not compound(name[0])
            )
        ):
            return None
        return self.starts[i], self.ends[last]

    def extend(self, i: int, cue: Cue) -> int:
        """The last word of the name whose first word is word i."""
        words, styles = self.words, self.styles
        shape, added = styles[i], 0
        while i + 1 < len(words) and added < 3:
            gap = self.gap(i)
            j, particle = i + 1, ""
            if gap == " " and words[j].casefold() in nw.PARTICLES and shape != "lower":
                particle = words[j].casefold()
                while j + 1 < len(words) and words[j].casefold() in nw.PARTICLES:
                    if self.gap(j) != " ":
                        return i
                    j += 1
            elif gap == " " and styles[j] == "initial" and shape == "title":
                if j + 1 < len(words) and self.gap(j) == ". ":  # "Hans P. Müller"
                    j += 1
            elif gap == ", " and cue in (Cue.LABEL, Cue.HEADER) and added == 0:
                # "Muster, Petra" in a header or form field
                if not known_given(words[j]) or known_given(words[i]):
                    return i
            elif gap != " ":
                return i
            if not self.next_ok(words[j], shape, cue, particle):
                return i
            i, added = j, added + 1
        return i

    def add(self, found: tuple[int, int] | None) -> None:
        if found:
            self.found.append(found)

    def names(self) -> list[tuple[int, int]]:
        """The finds without overlaps, companies, brands and places; longest first."""
        kept: list[tuple[int, int]] = []
        blocked: list[tuple[int, int]] = []
        brands = brand_names()
        for start, end in sorted(set(self.found), key=lambda s: (s[0] - s[1], s[0])):
            if any(s < end and start < e for s, e in kept + blocked):
                continue
            window = (max(0, start - BRAND_REACH), min(len(self.text), end + BRAND_REACH))
            brand = [
                m.span()
                for m in brands.finditer(self.text, *window)
                if m.start() < end and start < m.end()
            ]
            if brand or firm_or_place(self.text, start, end, self.languages):
                blocked.append((start, end))  # nor "Oliver" of "Oliver Plunkett Street"
                continue
            kept.append((start, end))
        return sorted(kept)


_MONTH_AFTER = re.compile(r"\.|,? ?\d")
# a handle, an address, a link, or a contraction ("Don't")
_EMBEDDED_AFTER = re.compile(r"[@_]|\.[^\W\d_]|['’]t\b")
