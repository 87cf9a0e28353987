"""Text normalisation for the ranking: one spelling for German, Swiss German and English.

- `fold`: case-folded (ß → ss), umlauts transliterated (ä → ae), accents dropped, so
  "Grüße", "Grüsse" and "Gruesse" are the same string.
- `words`: the words of a text, each reduced to its lemma (simplemma, German or English
  dictionary), then folded, stop words removed.
- `CompoundSplitter`: splits German compounds ("Gepäckschein" → "gepaeck", "schein") into
  parts that occur elsewhere in the indexed texts, so "Schein" finds "Gepäckschein".
- `guess_language`: German or English by counting frequent function words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import simplemma

UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "æ": "ae", "œ": "oe", "ø": "oe"})
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
PLACEHOLDER = re.compile(r"\{[a-z0-9_]+\}")


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Frequent words that carry no topic, in their folded form. Written for this project.
GERMAN_STOP = _word_set(
    """aber alle allem allen aller alles als also am an andere anderen auch auf aus bei beim
    bin bis bitte bist da dabei damit dann das dass dem den denen denn der des dessen die dies
    diese diesem diesen dieser dieses doch dort du durch ein eine einem einen einer eines er es
    etwa euch euer fuer gegen gewesen hab habe haben hallo hat hatte hatten hier hin ich ihm ihn
    ihnen ihr ihre ihrem ihren ihrer im in ist ja jede jedem jeden jeder jetzt kann kein keine
    koennen koennte man mein meine meinem meinen meiner mich mir mit muss nach nein nicht nichts
    noch nun nur ob oder ohne sehr sein seine sich sie sind so sollte sondern sowie ueber um und
    uns unser unsere unter vom von vor war waren was weil welche wenn wer werde werden wie wieder
    will wir wird wo wurde wurden zu zum zur zwar zwischen danke dank gruss gruesse freundlich
    freundliche freundlichen geehrt geehrte geehrter herr frau damen herren gruezi guten tag
    liebe lieber mfg sein haben werden koennen muessen wollen sollen"""
)
ENGLISH_STOP = _word_set(
    """a about after again all also am an and any are as at be because been before being but by
    can could did do does doing for from had has have having he her here hers him his how i if
    in into is it its just me more most my no nor not now of on once only or other our ours out
    over own same she should so some such than that the their theirs them then there these they
    this those through to too under until up very was we were what when where which while who
    whom why will with would you your yours hello hi dear thanks thank regards kind best please
    mr mrs ms sir madam get got"""
)
# Function words that tell the two languages apart: none is also a German word ("in",
# "was", "an", "kind" are), and no German one is English.
GERMAN_MARKERS = _word_set(
    """der die das und ist nicht ich sie wir mit auf fuer ein eine einen dem den des zu von im
    bei wie wurde habe haben bitte mein meine meinen noch auch aber oder wenn dass kein keine
    gruezi hallo danke gruss gruesse ihr ihre ihnen sehr geehrte"""
)
ENGLISH_MARKERS = _word_set(
    """the and is not it we with on for a of to at by how have has please my your our
    but or if that no any thank thanks hello dear regards could would should were"""
)
STOP_WORDS = GERMAN_STOP | ENGLISH_STOP
# Linking elements between the parts of a German compound (Fahrt-s-karte, Tag-es-karte).
LINKS = ("s", "es", "n", "en", "e")
# Inflection endings a compound's last part may carry (Gepäckschein-s, Fahrkarte-n).
ENDINGS = ("en", "es", "er", "s", "n", "e")
MIN_PART = 3


@lru_cache(maxsize=200_000)
def fold_word(word: str) -> str:
    return fold(word)


def fold(text: str) -> str:
    """Lower case, ß → ss, umlauts → ae/oe/ue, other accents dropped."""
    text = unicodedata.normalize("NFC", text).casefold().translate(UMLAUTS)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def guess_language(text: str) -> str:
    """ "de" or "en": whichever language's function words occur more often (German on a tie)."""
    german = english = 0
    for match in WORD.finditer(text):
        word = fold(match.group())
        german += word in GERMAN_MARKERS
        english += word in ENGLISH_MARKERS
    return "en" if english > german else "de"


@lru_cache(maxsize=200_000)
def lemma(word: str, language: str) -> str:
    """The folded lemma of one word; the language's dictionary first, then the other one."""
    languages = ("en", "de") if language == "en" else ("de", "en")
    found = simplemma.lemmatize(word, lang=languages)
    # simplemma sometimes lemmatises to a capitalised noun or an odd English stem; both
    # still fold to one stable form, which is all the index needs.
    return fold(found)


def raw_words(text: str) -> list[str]:
    return WORD.findall(PLACEHOLDER.sub(" ", text))


@lru_cache(maxsize=200_000)
def base_form(word: str, language: str) -> str | None:
    """The folded lemma of a word as written, or None for a stop word or a single letter."""
    folded = fold(word)
    if len(folded) < 2 or folded in STOP_WORDS:
        return None
    base = lemma(word, language)
    return None if base in STOP_WORDS else base


def words(text: str, language: str) -> list[str]:
    """Lemmatised, folded words without stop words and one-letter words."""
    forms = (base_form(word, language) for word in raw_words(text))
    return [form for form in forms if form is not None]


def folded_words(text: str) -> list[str]:
    """The folded words the character n-grams are taken from (placeholders removed)."""
    return [fold_word(word) for word in raw_words(text)]


class CompoundSplitter:
    """Splits folded words into two or more parts that are words of the known vocabulary.

    The vocabulary is the indexed texts' own words, so nothing needs downloading; the
    longest known head is taken first, a linking "s"/"es"/"n"/"en"/"e" may stand between
    the parts, and each part must have at least three letters.
    """

    def __init__(self, vocabulary: Iterable[str], min_length: int = 7) -> None:
        self.vocabulary = frozenset(w for w in vocabulary if len(w) >= MIN_PART)
        self.min_length = min_length
        self._cache: dict[str, tuple[str, ...]] = {}

    def split(self, word: str) -> tuple[str, ...]:
        """The parts of `word`, or () when it is no compound of known words."""
        if len(word) < self.min_length:
            return ()
        if word not in self._cache:
            self._cache[word] = self._split(word, depth=0) or ()
        return self._cache[word]

    def _split(self, word: str, depth: int) -> tuple[str, ...] | None:
        if depth > 3:
            return None
        for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
            head, tail = word[:cut], word[cut:]
            if head not in self.vocabulary:
                continue
            for rest in self._tails(tail):
                if rest in self.vocabulary:
                    return (head, rest)
                deeper = self._split(rest, depth + 1) if len(rest) >= 2 * MIN_PART else None
                if deeper:
                    return (head, *deeper)
        return None

    @staticmethod
    def _tails(tail: str) -> list[str]:
        """The tail as it is, without a linking element, and without an inflection ending."""
        tails = [tail]
        for link in LINKS:
            if tail.startswith(link) and len(tail) - len(link) >= MIN_PART:
                tails.append(tail[len(link) :])
        for ending in ENDINGS:
            if tail.endswith(ending) and len(tail) - len(ending) >= MIN_PART:
                tails.append(tail[: -len(ending)])
        return tails

    def expand(self, tokens: Iterable[str]) -> list[str]:
        """The tokens followed by the parts of every compound among them."""
        result = list(tokens)
        for token in list(result):
            result.extend(self.split(token))
        return result
