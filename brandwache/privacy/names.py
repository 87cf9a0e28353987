"""Person names from context and from the name lexicon.

There is no statistical model. A name is found two ways:

- by its context: a title ("Frau X"), a form label or an introduction ("Name: X", "mein
  Name ist X"), a mail header ("Von: X <...>"), a chat speaker ("Agent X:"), a greeting or
  a closing ("Hallo X", "LG\\nX"), a mention ("spoke to X"). The stronger the context, the
  less the word itself has to look like a name: after "Frau" anything capitalised is one
  ("Frau Fuchs"), after "Hallo" or "spoke to" only a known name is ("Hallo Telenord" greets
  a company). The cues are in `namewords.py`.
- by the lexicon (`namelexicon.py`): a known given name that is no ordinary word ("Sandra",
  not "Will"), a given name followed by a known surname, initials with a surname
  ("H.-J. Meier"), all-caps pairs ("PETRA MUSTER"), a surname-first line ("Muster Petra"),
  a lower-case given name after "an", "mit", "die" ... ("danke an sandra"), and later
  mentions of a name found once ("Herr Meyer ... Meyer sagte").
- names the lexicon lacks: two rare capitalised words in a context ("Von: Zorlan Quibble"),
  or one on its own line under a closing ("Gruss\nChrigi"); rare compounds of ordinary
  words ("Fundbüro", "Paketblitz") are nouns and firms, not names.

A find is dropped when it is part of a brand, a company ("Müller AG", "Bäckerei Huber",
"Marks & Spencer"), a street or a place ("Paul-Klee-Platz", "Sankt Gallen").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import namewords as nw
from .namecheck import (
    BOTH,
    WORD,
    compound,
    first_names,
    given_alone,
    known,
    known_given,
    stop,
    style,
)
from .namelexicon import WORD_ZIPF
from .namespans import RARE_ZIPF, SURNAME_FIRST_ZIPF, TextWords
from .namewords import Cue
from .spans import Kind, Span

__all__ = ["find_names", "first_names"]

_LINE_END = re.compile(r"[ \t]*(?:[,.!(|–-].*)?$")
_LOWER_WORD = re.compile(r"[a-zäöüéèáíóú]{2,}")


class _Finder(TextWords):
    """The rules: where in a text names stand."""

    def context(self, cues: nw.Cues) -> None:
        text = self.text
        # Headers ("Von:"), speakers ("Nadine:") and "Agent (Zorlan):" all need a colon.
        colon = ":" in text
        for m in cues.titles(text):
            self.add(self.take(m.end(), Cue.TITLE))
        for i, word in enumerate(self.words):
            for cue, pattern in cues.anchored.get(word[:3].casefold(), ()):
                m = pattern.match(text, self.starts[i])
                if m:
                    self.add(self.take(m.end(), cue))
        for m in cues.header.finditer(text) if colon else ():
            self.add(self.take(m.end(), Cue.HEADER))
        for m in cues.title_line.finditer(text):
            self.add(self.take(m.end(), Cue.TITLE))  # "Herr\nBeat Aeschlimann"
        for m in cues.closing.finditer(text):
            # "Gruss\nChrigi" is signed; "Danke\nHelvetel" may thank a company
            personal = not nw.THANKS_START.match(m.group())
            found = self.take(m.end(), Cue.GREETING, signature=personal)
            if found and (personal or not self.rest_of_line(found[1]).strip(" .!")):
                self.add(found)
        for m in cues.inline_closing.finditer(text):
            found = self.take(m.end(), Cue.GREETING)
            # Only a name that ends its line: "Gruss Reto", not "Danke Peter für die Hilfe".
            if found and _LINE_END.match(self.rest_of_line(found[1])):
                self.add(found)
        for m in cues.agent_in_brackets.finditer(text) if colon else ():
            # "Agent (Zorlan):" names its agent; "Paketblitz AT (Berisha):" needs a known name
            cue = Cue.TITLE if nw.ROLE_END.search(m.group()) else Cue.MENTION
            found = self.take(m.end(), cue, lower_ok=False)
            if found and text[found[1] : found[1] + 1] == ")":
                self.add(found)
        self.add(self.last_line())
        speakers = list(cues.speaker.finditer(text)) if colon else []  # used twice
        for m in speakers:
            # "Nadine:" needs a given name that is no word ("IBAN:", "Konto:" are labels);
            # "Casey (Limmatwerk):" a known name.
            # "Parcelhop (Zara):" is Zara of Parcelhop.
            word = WORD.match(text, m.start("name"))
            name = word.group() if word else ""
            bracket = WORD.search(m.group("bracket") or "")
            if not m.group("role") and not (
                given_alone(name, self.languages)
                or (
                    m.group("bracket")
                    and style(name) == "title"
                    and not stop(name)
                    and not (bracket and known_given(bracket.group()))
                    and (known(name) or (self.rare(name, RARE_ZIPF) and not compound(name)))
                )
            ):
                continue
            found = self.take(m.start("name"), Cue.TITLE, lower_ok=False)
            if found and found[1] == m.end("name"):
                self.add(found)
        self.add_lower_case_speakers(speakers)

    def add_lower_case_speakers(self, speakers: list[re.Match[str]]) -> None:
        """A chat of lower-case speakers ("jonas: hast du ...\nmarie: ja"): two given names."""
        lines = [
            m for m in speakers if not m.group("role") and _LOWER_WORD.fullmatch(m.group("name"))
        ]
        names = [m for m in lines if known_given(m.group("name")) and not stop(m.group("name"))]
        if len({m.group("name") for m in names}) >= 2:
            for m in names:
                self.add((m.start("name"), m.end("name")))

    def last_line(self) -> tuple[int, int] | None:
        """A text that ends in a line of just a name is signed with it ("...\n\nFlorence")."""
        text = self.text.rstrip()
        start = text.rfind("\n") + 1
        if not start or not text[start:].strip() or start not in self.at:
            return None
        found = self.take(start, Cue.GREETING, lower_ok=False, signature=True)
        if not found or text[found[1] :].strip(" .!"):
            return None
        # "Anna Keller", "Keller Anna", "Zoltar Quibble", not "Kantonspolizei Bern"
        first = last = self.at[found[0]]
        while last + 1 < len(self.words) and self.starts[last + 1] < found[1]:
            last += 1
        name = self.words[first : last + 1]
        if (
            known_given(name[0])
            or (len(name) > 1 and self.surname(name[0]) and known_given(name[1]))
            or self.all_rare(name)
        ):
            return found
        return None

    def lexicon_names(self) -> None:
        words, styles, starts, ends = self.words, self.styles, self.starts, self.ends
        text = self.text
        given = self.lex.given
        last = len(words) - 1
        for i, word in enumerate(words):
            shape = styles[i]
            # a single space to the next word; inline, as this runs for every word
            joined = i < last and starts[i + 1] - ends[i] == 1 and text[ends[i]] == " "
            if shape == "title":
                if word.casefold() in given and self.alone(i) and not self.month(i):
                    self.add(self.take(starts[i], Cue.LEXICON))
                elif joined and self.given_and_surname(word, words[i + 1]):
                    self.add((starts[i], ends[self.extend(i, Cue.LEXICON)]))
                elif (
                    joined
                    and self.line_start(i)
                    and not stop(word)
                    and not known_given(word)
                    and self.surname(word)
                    and self.lex.frequency(word) < SURNAME_FIRST_ZIPF
                    and given_alone(words[i + 1], self.languages)
                ):
                    self.add((starts[i], ends[i + 1]))  # "Muster Petra" in a signature
            elif shape == "initial" and self.text[ends[i] : ends[i] + 1] == ".":
                # not the second letter of "H.-J." or of "i. A." / "z. B."
                if i == 0 or (self.gap(i - 1) not in (".", ".-") and len(words[i - 1]) > 1):
                    self.add(self.take(starts[i], Cue.LEXICON))
            elif shape == "upper" and joined and styles[i + 1] == "upper":
                if self.upper_pair(word, words[i + 1]):
                    self.add((starts[i], ends[self.extend(i, Cue.TITLE)]))
            elif shape == "lower" and word in given and not self.embedded(i):
                cue = words[i - 1] if i and self.gap(i - 1) == " " else ""
                strong = cue in nw.STRONG_LOWER_CUES
                # "die steffi", but "der roman": after an article only a name that is no word
                margin = 0.0 if cue in nw.ARTICLES else None
                cued = strong or cue in nw.LOWER_CUES
                if (cued and given_alone(word, BOTH, margin, any_rank=strong)) or (
                    given_alone(word, BOTH)
                    and joined
                    and len(words[i + 1]) > 2
                    and self.surname(words[i + 1])
                ):
                    self.add(self.take(starts[i], Cue.LEXICON, checked=True))

    def given_and_surname(self, first: str, second: str) -> bool:
        """ "Max Huber", "Grace Kelly": any given name before a surname that is no word."""
        return (
            style(second) == "title"
            and len(first) > 2
            and not stop(first)
            and not stop(second)
            and known_given(first)
            and self.lex.frequency(first) < WORD_ZIPF
            and self.surname(second)
        )

    def namelike(self, word: str) -> bool:
        """A word of a found name that marks the person wherever it stands again."""
        return (
            style(word) in ("title", "upper")
            and len(word) > 2
            and not stop(word)
            and (
                self.surname(word)
                or given_alone(word, self.languages)
                or (self.lex.frequency(word) < 3.0 and not self.lex.is_name(word))
            )
        )

    def upper_pair(self, first: str, second: str) -> bool:
        """ "PETRA MUSTER" or "MUSTER PETRA": a given name and a known name, no common words."""
        if stop(first) or stop(second):
            return False
        return (known_given(first) or known_given(second)) and all(
            self.lex.is_name(w) and self.lex.frequency(w) < 5.0 for w in (first, second)
        )

    def repeated(self, names: list[tuple[int, int]]) -> bool:
        """Add other mentions of the names found: "Herr Meyer? ... Meyer ist der Nachname"."""
        seen = set()
        self.found = names
        for start, end in names:
            for m in WORD.finditer(self.text, start, end):
                word = m.group()
                if self.namelike(word):
                    seen.add(word.casefold())
        if not seen:
            return False
        count = len(self.found)
        for i, word in enumerate(self.words):
            if self.styles[i] in ("title", "upper") and word.casefold() in seen:
                start = self.starts[i]
                if any(s <= start < e for s, e in names):
                    continue
                # "der Fuchs", "im Winter" name the animal and the season
                if i == 0 or self.words[i - 1].casefold() not in nw.DETERMINERS:
                    self.add((start, self.ends[i]))
        return len(self.found) > count


def find_names(text: str, language: str | None = None) -> Iterator[Span]:
    finder = _Finder(text, language)
    finder.context(nw.compiled_cues(language))
    finder.lexicon_names()
    if not finder.found:
        return
    names = finder.names()
    if finder.repeated(names):
        names = finder.names()
    for start, end in names:
        yield Span(start, end, Kind.NAME, text[start:end])
