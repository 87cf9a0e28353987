"""The shipped name lexicon: how common a word is as a given name, as a surname, as a word.

`data/name_lexicon.tsv` (built by `brandwache build-name-lexicon`, see DATA.md) has one row
per case-folded word: its best rank as a given name and as a surname in the countries kept
(0: not a name there), and its Zipf frequency in German and English text times ten (0:
rarer than once per billion words). Names are common words too ("Paul" is frequent because
people are called Paul), so whether a name is an ordinary word is judged against how
frequent a name of its rank is expected to be: "Will" and "Hope" are far more frequent than
their rank as given names explains, "Paul" and "Sandra" are not.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import NamedTuple

LEXICON_PATH = Path(__file__).with_name("data") / "name_lexicon.tsv"
HEADER = (
    "# Brandwache name lexicon, built by `brandwache build-name-lexicon` from names-dataset\n"
    "# 3.3.1 (Apache-2.0) and the word frequencies of wordfreq 3.1.1 (CC BY-SA 4.0; from Google\n"
    "# Books Ngrams, Wikipedia, ParaCrawl, the Leeds Internet Corpus, OpenSubtitles and the\n"
    "# SUBTLEX lists of Brysbaert et al.). This file: CC BY-SA 4.0. See privacy/DATA.md.\n"
    "# word\tgiven name: home rank, best rank\tsurname: home rank, best rank\t"
    "zipf de x10\tzipf en x10 (empty: 0)\n"
)

# Zipf frequency a pure name of rank r is expected to reach: about 5.2 for the top names
# (Michael, Thomas), 4.2 at rank 100, 3.7 at rank 1000. Fitted by eye on names that are no
# words; a name more than MARGIN above it is mostly used as an ordinary word.
TOP_NAME_ZIPF = 5.2
ZIPF_PER_DECADE = 0.5
MARGIN = 0.45
# Above this a word is a word whatever its rank as a name ("Will", "Die", "Art").
WORD_ZIPF = 5.5
# The rank assumed for a name ranked only outside the home countries.
ABROAD_RANK = 3000
LANGUAGES = ("de", "en")


_TENTHS = [n / 10 for n in range(100)]


class LexiconRow(NamedTuple):
    word: str
    given_home: int
    given: int
    surname_home: int
    surname: int
    zipf_de: int
    zipf_en: int


class Lexicon:
    """Lookups by case-folded word; every method takes any casing."""

    def __init__(self, rows: Iterable[LexiconRow]) -> None:
        # word -> (home rank, best rank), only for names
        self.given: dict[str, tuple[int, int]] = {}
        self.surname: dict[str, tuple[int, int]] = {}
        self.zipf: dict[str, dict[str, float]] = {lang: {} for lang in LANGUAGES}
        for row in rows:
            if row.given:
                self.given[row.word] = (row.given_home, row.given)
            if row.surname:
                self.surname[row.word] = (row.surname_home, row.surname)
            # one float object per tenth, shared: the table holds 120,000 frequencies
            if row.zipf_de:
                self.zipf["de"][row.word] = _TENTHS[row.zipf_de]
            if row.zipf_en:
                self.zipf["en"][row.word] = _TENTHS[row.zipf_en]

    def frequency(self, word: str, languages: Iterable[str] = LANGUAGES) -> float:
        """The highest Zipf frequency of the word in the languages (0 when rare)."""
        key = word.casefold()
        return max((self.zipf[lang].get(key, 0.0) for lang in languages), default=0.0)

    def is_word(
        self,
        word: str,
        home_rank: int,
        languages: Iterable[str] = LANGUAGES,
        margin: float = MARGIN,
    ) -> bool:
        """Whether `word`, a name of `home_rank`, is more often an ordinary word."""
        frequency = self.frequency(word, languages)
        if frequency >= WORD_ZIPF:
            return True
        # A name only ranked abroad ("Sunday" in Nigeria) is rare in German or English text.
        expected = TOP_NAME_ZIPF - ZIPF_PER_DECADE * math.log10(home_rank or ABROAD_RANK)
        return frequency > expected + margin

    def given_rank(self, word: str) -> int:
        """Best rank as a given name in any kept country (0: not a given name)."""
        return self.given.get(word.casefold(), (0, 0))[1]

    def surname_rank(self, word: str) -> int:
        return self.surname.get(word.casefold(), (0, 0))[1]

    def is_given_name(self, word: str, languages: Iterable[str] = LANGUAGES) -> bool:
        """A given name that is not mostly an ordinary word ("Sandra" yes, "Will" no)."""
        ranks = self.given.get(word.casefold())
        return ranks is not None and not self.is_word(word, ranks[0], languages)

    def is_surname(self, word: str, languages: Iterable[str] = LANGUAGES) -> bool:
        """A surname that is not mostly an ordinary word ("Huber" yes, "Winter" no)."""
        ranks = self.surname.get(word.casefold())
        return ranks is not None and not self.is_word(word, ranks[0], languages)

    def is_name(self, word: str) -> bool:
        """Known as a given name or a surname at all, ordinary word or not."""
        key = word.casefold()
        return key in self.given or key in self.surname


def iter_lexicon(path: Path) -> Iterator[LexiconRow]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#") or not line.strip():
                continue
            word, *numbers = line.rstrip("\n").split("\t")
            yield LexiconRow(word, *(int(n) if n else 0 for n in numbers))


def read_lexicon(path: Path) -> list[LexiconRow]:
    return list(iter_lexicon(path))


def write_lexicon(rows: Iterable[LexiconRow], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write(HEADER)
        for word, *numbers in rows:
            out.write("\t".join([word, *(str(n) if n else "" for n in numbers)]) + "\n")
    path.chmod(0o644)  # shipped with the code, not private data


@cache
def lexicon() -> Lexicon:
    return Lexicon(iter_lexicon(LEXICON_PATH))
