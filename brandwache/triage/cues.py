"""Cues: a few dozen hand-made numbers per text that n-gram counts cannot carry.

The second level of the triage model (`classifier.Combiner`) reads them beside the first
level's probabilities:

- form: length bands, a forum reply ("Re:"), a retweet, links, @handles, hashtags, "!!"/"??"
  (a long crawled page or a news lede is rarely feedback, a short post often is);
- brand: whether, how early and how often the text names the organisation whose feedback
  counts as relevant, and whether it addresses it by handle (`CueSettings.brand_terms`, chosen
  when a model is trained: "Alpenbahn" for a rail company); in TF-IDF a name is one feature
  among hundreds, diluted in long texts and blind to where it stands;
- tone: counts of positive and negative words and emoticons from the small lexicon below,
  German and English, which also covers words the training texts never used;
- context (only when `CueSettings` names the organisation's field): words of that field, the
  name beside one of them, and names of other organisations or look-alike senses.

All cues work on normalised text (`text.normalise`: lower case, umlauts folded, URLs and
handles as placeholders). A model stores `CUES_VERSION` and refuses to load under another one.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cached_property

import numpy as np

# Bumped whenever a cue changes its meaning or the lexicon changes.
CUES_VERSION = 1


def _entries(text: str) -> list[str]:
    return text.split()


# A trailing "*" matches any continuation ("verspaet*": verspaetet, Verspaetung). Emoticons
# are matched after normalisation, so "<3" is written "<0" (digits become 0).
POSITIVE = _entries("""
danke* dankbar* toll* super* klasse prima perfekt* wunderbar* wunderschoen* schoen* freu*
gluecklich* gut gute guten gutes besser* beste bester besten bestes bestens angenehm* bequem*
puenktlich* freundlich*
hilfsbereit* nett* zuverlaessig* schnell* entspannt* sauber* gelungen* genial* geil* mega cool*
lob* gratul* glueckwunsch* empfehl* grossartig* herzlich* spitze fantastisch* traumhaft* erfreulich*
zufrieden* begeistert* kulant* bravo vorbildlich* gemuetlich* komfortabel* verbessert* loesung*
geholfen* hilfreich* lieb liebe lieben yay juhu hurra endlich
thank* thx great* excellent* amazing* awesome* brilliant* lovely* perfect* happy* glad* pleased*
friendly* helpful* kindly quick* punctual* comfortable* clean* smooth* best better good
nice* love* loved fantastic* wonderful* superb* impressed* recommend* cheers kudos
""")
NEGATIVE = _entries("""
verspaet* spaet* ausfall* ausgefallen* faellt streik* stoerung* kaputt* defekt* chaos* chaot* mist
scheiss* kack* nervt nervig* nerv* aerger* wuetend* sauer frust* genervt* katastroph* peinlich*
unfaehig* schlecht* mies* miserabel* furchtbar* schrecklich* ekel* eklig* dreckig* schmutzig*
ueberfuellt* stinkt* stinken* abzock* frechheit* unverschaemt* sauerei* skandal* schade leider
traurig* hass* doof* bloed* dumm* idiot* unmoeglich* unzumutbar* zumutung* versag* verpasst*
gestrandet* gesperrt* sperrung* unfall* toedlich* verletzt* gewalt* fehlt fehlen* panne* pannen*
beschwer* reklamation* problem* warteschleife* vergeblich* ignorier* enttaeusch* jammer* kein
keine keinen nie niemand nichts nix ohne wtf fail* sinnlos* schlimm* kalt ueberteuert* wucher*
late delay* cancel* strike* broken* awful* terrible* horrible* worst* worse* bad poor*
disgust* dirty* filthy* rude* useless* joke ridiculous* unacceptable* annoy* angry* furious*
disappoint* frustrat* complain* refund* overcharg* ripoff rip-off scam* shame* never nobody
nothing stuck stranded* waited waiting hate*
""")
EMOTICONS_POSITIVE = (":)", ":-)", ";)", ";-)", ":d", "<0", "😀", "😁", "😂", "😊", "😍", "🙂",
                      "👍", "❤", "🎉", "✌", "👏", "🥰", "😃")  # fmt: skip
EMOTICONS_NEGATIVE = (":(", ":-(", ":/", "-.-", "-_-", "😠", "😡", "😤", "😒", "🙄", "😩", "😫",
                      "👎", "😞", "😢", "😭", "🤬", "💩", "😱")  # fmt: skip

LENGTH_BANDS = (80, 140, 200, 300, 600)  # characters of the normalised text
FORM = (
    ("reply", re.compile(r"^re:")),
    ("retweet", re.compile(r"^rt\b")),
    ("link", re.compile(r"_url_")),
    ("handle", re.compile(r"_user_")),
    ("hashtag", re.compile(r"#\w")),
    ("repeated_marks", re.compile(r"[!?]{2,}")),
    ("exclamation", re.compile(r"!")),
    ("question", re.compile(r"\?")),
)
WORD = re.compile(r"\w+")
# Where a name counts as early: the head of a post or the title of a page.
EARLY, OPENING = 60, 200


def _lexicon_pattern(entries: list[str]) -> re.Pattern[str]:
    parts = sorted(
        (re.escape(e[:-1]) + r"\w*" if e.endswith("*") else re.escape(e) + r"\b" for e in entries),
        key=len,
        reverse=True,
    )
    return re.compile(r"\b(?:" + "|".join(parts) + ")")


POSITIVE_WORDS = _lexicon_pattern(POSITIVE)
NEGATIVE_WORDS = _lexicon_pattern(NEGATIVE)


# Any emoticon at all: most texts have none, and one search is cheaper than counting each.
ANY_EMOTICON = re.compile("|".join(map(re.escape, EMOTICONS_POSITIVE + EMOTICONS_NEGATIVE)))


def _count(text: str, needles: tuple[str, ...]) -> int:
    return sum(text.count(needle) for needle in needles)


@dataclass(frozen=True)
class CueSettings:
    """Which organisation the brand cues look for; empty: those cues are always 0.

    `context_terms` (words of the organisation's field: "zug*", "gleis*" for a rail company)
    and `other_terms` (other organisations and look-alike senses of its name: "sbb",
    "achterbahn*"), in normalised spelling with "*" as in the tone lexicon, add the
    `CONTEXT_CUES`; without them a model has the base cues only (models made before them too).
    """

    brand_terms: tuple[str, ...] = ()
    context_terms: tuple[str, ...] = ()
    other_terms: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {
            "version": CUES_VERSION,
            "brand_terms": list(self.brand_terms),
            "context_terms": list(self.context_terms),
            "other_terms": list(self.other_terms),
        }

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> CueSettings:
        def terms(key: str) -> tuple[str, ...]:
            return tuple(str(term) for term in data.get(key) or [])  # type: ignore[attr-defined]

        return cls(terms("brand_terms"), terms("context_terms"), terms("other_terms"))

    @property
    def has_context(self) -> bool:
        return bool(self.context_terms or self.other_terms)

    @cached_property
    def _context(self) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
        return (
            _lexicon_pattern(list(self.context_terms)) if self.context_terms else None,
            _lexicon_pattern(list(self.other_terms)) if self.other_terms else None,
        )

    @cached_property
    def _brand(self) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
        from .text import normalise

        terms = sorted({normalise(term) for term in self.brand_terms if term.strip()}, key=len)
        if not terms:
            return None
        alternatives = "|".join(re.escape(term) for term in reversed(terms))
        # The handle form: "_user_ db_bahn" after normalisation of "@DB_Bahn".
        return re.compile(rf"\b(?:{alternatives})\b"), re.compile(rf"_user_ (?:{alternatives})")


# Cues of the field around the name, for models whose settings name that field: how many of
# its words the text uses, whether one stands within `NEAR` words of the name ("DB" beside
# "Zug" is the company, "DB" beside "Dachboden" is not), and how often it names others.
CONTEXT_CUES = ("context_words_log", "brand_near_context", "other_names_log")
NEAR = 8


def cue_names(settings: CueSettings | None = None) -> tuple[str, ...]:
    context = CONTEXT_CUES if settings is not None and settings.has_context else ()
    return (
        *(f"shorter_than_{band}" for band in LENGTH_BANDS),
        "words_log",
        *(name for name, _pattern in FORM),
        "brand_named",
        "brand_early",
        "brand_in_opening",
        "brand_count_log",
        "brand_addressed",
        "positive_words_log",
        "negative_words_log",
        "positive_share",
        "negative_share",
        "positive_emoticons",
        "negative_emoticons",
        *context,
    )


def _context_cues(text: str, settings: CueSettings) -> list[float]:
    field, others = settings._context
    near = False
    context_starts = [match.start() for match in field.finditer(text)] if field else []
    if context_starts and settings._brand is not None:
        # Word positions from character offsets: the normalised text has single spaces.
        positions = [text.count(" ", 0, start) for start in context_starts]
        for mention in settings._brand[0].finditer(text):
            here = text.count(" ", 0, mention.start())
            if any(abs(here - position) <= NEAR for position in positions):
                near = True
                break
    other_count = len(others.findall(text)) if others else 0
    return [math.log1p(len(context_starts)), float(near), math.log1p(other_count)]


def cues(text: str, settings: CueSettings) -> np.ndarray:
    """The cue vector of one normalised text, in the order of `cue_names(settings)` (float32)."""
    length = len(text)
    words = max(1, len(WORD.findall(text)))
    values = [float(length < band) for band in LENGTH_BANDS]
    values.append(math.log1p(words) / 4)
    values += [float(pattern.search(text) is not None) for _name, pattern in FORM]
    brand = settings._brand
    if brand is None:
        values += [0.0] * 5
    else:
        mentions, addressed = brand
        first = mentions.search(text)
        count = len(mentions.findall(text)) if first else 0
        start = first.start() if first else length + 1
        values += [
            float(first is not None),
            float(start < EARLY),
            float(start < OPENING),
            math.log1p(count) / 2,
            float(addressed.search(text) is not None),
        ]
    positive = len(POSITIVE_WORDS.findall(text))
    negative = len(NEGATIVE_WORDS.findall(text))
    values += [
        math.log1p(positive),
        math.log1p(negative),
        5 * positive / words,
        5 * negative / words,
    ]
    if ANY_EMOTICON.search(text) is None:
        values += [0.0, 0.0]
    else:
        values += [
            math.log1p(_count(text, EMOTICONS_POSITIVE)),
            math.log1p(_count(text, EMOTICONS_NEGATIVE)),
        ]
    if settings.has_context:
        values += _context_cues(text, settings)
    return np.asarray(values, dtype=np.float32)


def cue_matrix(texts: list[str], settings: CueSettings) -> np.ndarray:
    """One row of cues per normalised text."""
    if not texts:
        return np.zeros((0, len(cue_names(settings))), dtype=np.float32)
    return np.vstack([cues(text, settings) for text in texts])
