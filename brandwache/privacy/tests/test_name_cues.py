"""The cue patterns in their fast forms find exactly what the plain forms find: the
alternatives split by the word they start with, and titles without a look-behind."""

from __future__ import annotations

import re

import pytest

from brandwache.privacy import namewords as nw
from brandwache.privacy.namecheck import WORD

TEXTS = [
    "Sehr geehrte Frau Dr. Gisler\n\nich heisse Mara Tobler und schreibe wegen der Rechnung.",
    "Hallo Herr Imboden, hier ist nochmals Sepp vom 3. Stock. Mit freundlichen Grüssen",
    "hoi zäme, i ha mit ihrer Kollegin gsproche, sie heisst glaub Frau Zürcher?",
    "Grüß Gott! Mein Name ist Vinzenz Hofbauer, Kundennummer folgt. Servus aus Graz",
    "Hi there, my name is Orla Quigley and I spoke to Mr. Dunne yesterday. Thanks Ciara!",
    "Dear Ms O'Neill, your colleague Mrs.Hart said I'd hear back. Cheers, Dwayne",
    "Name: Petra Wyss\nVorname: Petra\nAbsender: P. Wyss, Herrengasse 4",
    "Chat mit Ihrem Kollegen Berater Kunz: leider nix passiert 🙄 lg",
    "xHerr Frau.Herr _Frau mr Mrs  Prof. Dr. Keller z.B. Herrn\tHaller",
    "DANKE FÜR NICHTS. HALLO? HERRN MÜLLER BITTE. thx a lot, hope u get it sorted",
]
LANGUAGES = ["de", "en", None]


def whole_alternation(language: str | None) -> dict[nw.Cue, re.Pattern[str]]:
    """Each cue as one pattern of all its alternatives, as before the split."""
    langs = [language] if language in nw.GREETINGS else list(nw.GREETINGS)

    def either(table: dict[str, str]) -> str:
        return "|".join(table[lang] for lang in langs)

    sources = {
        nw.Cue.LABEL: either(nw.INTRODUCTIONS),
        nw.Cue.GREETING: either(nw.GREETINGS),
        nw.Cue.MENTION: f"{either(nw.MENTIONS)}|{either(nw.THANKS)}",
    }
    patterns = {}
    for cue, source in sources.items():
        ending = r"[ \t]*,?[ \t]+" if cue == nw.Cue.GREETING else r"[ \t]*[,(:]?[ \t]*"
        patterns[cue] = re.compile(
            rf"(?<![\w-])(?:{source})(?:(?<=\W)|(?!\w)){ending}", re.IGNORECASE
        )
    return patterns


@pytest.mark.parametrize("language", LANGUAGES)
def test_split_alternatives_match_like_the_whole_alternation(language: str | None) -> None:
    cues = nw.compiled_cues(language)
    whole = whole_alternation(language)
    tried = 0
    for text in TEXTS:
        for word in WORD.finditer(text):
            for cue, pattern in cues.anchored.get(word.group()[:3].casefold(), ()):
                fast = pattern.match(text, word.start())
                plain = whole[cue].match(text, word.start())
                assert (fast and fast.span()) == (plain and plain.span()), (text, word.group())
                tried += bool(plain)
    assert tried >= 5  # the texts do contain cues


@pytest.mark.parametrize("language", LANGUAGES)
def test_titles_are_found_as_with_a_look_behind(language: str | None) -> None:
    cues = nw.compiled_cues(language)
    plain = re.compile(r"(?<![\w.])" + cues.title.pattern)
    found = 0
    for text in TEXTS:
        expected = [m.span() for m in plain.finditer(text)]
        assert [m.span() for m in cues.titles(text)] == expected, text
        found += len(expected)
    assert found >= 8
