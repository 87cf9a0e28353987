"""`brandwache build-name-lexicon`: rebuild the shipped name lexicon from its sources.

The sources are two packages that are needed only here, never at run time:

    pip install names-dataset==3.3.1 wordfreq==3.1.1

`names-dataset` holds given names and surnames with a rank per country (loading it takes
about 3 GB of memory and half a minute); `wordfreq` how frequent a word is in German and
English text. The command keeps the names ranked in the countries Brandwache's customers
come from, adds the frequent German and English words, and writes one small table,
`privacy/data/name_lexicon.tsv`, which `namelexicon.py` loads (see DATA.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from brandwache.privacy.namelexicon import LEXICON_PATH, LexiconRow, write_lexicon

# Where most customers live (names down to a deep rank) ...
HOME_COUNTRIES = ("CH", "DE", "AT", "LI", "LU", "GB", "IE", "US", "CA")
# ... and where the larger immigrant groups come from (names down to a shallower rank). The
# data set has no figures for Kosovo, Bosnia, North Macedonia or Sri Lanka: Albania,
# Serbia, Croatia, Slovenia and India stand in for them.
ORIGIN_COUNTRIES = (
    "TR", "IT", "PT", "ES", "FR", "BE", "NL", "PL", "CZ", "HU", "RS", "HR", "SI", "AL",
    "GR", "RU", "IN", "CN", "PH", "NG", "ET", "MA", "DZ", "TN", "EG", "IQ", "SY", "IR",
    "AF", "BR",
)  # fmt: skip
# Deepest rank kept: (given names, surnames) for home countries and for origin countries.
# Deeper ranks of the data set are mostly noise: nicknames, words, surnames in the wrong field.
HOME_DEPTH = (3000, 10000)
ORIGIN_DEPTH = (1500, 3000)
# Frequent words are kept down to this Zipf frequency (3 = once per million words).
WORD_FLOOR = 3.0
WORD_LANGUAGES = ("de", "en")
# A name is one word of letters, joined by hyphens or an apostrophe (O'Neill, Hans-Peter).
NAME = re.compile(r"[^\W\d_]{2,}(?:['-][^\W\d_]{2,})*|[^\W\d_]'[^\W\d_]{2,}")


def best_ranks(ranks: Mapping[str, int | None], depth: int, origin_depth: int) -> tuple[int, int]:
    """The best (lowest) rank in a home country and in any kept country; 0 where there is none."""
    home = [r for c, r in ranks.items() if r and c in HOME_COUNTRIES and r <= depth]
    origin = [r for c, r in ranks.items() if r and c in ORIGIN_COUNTRIES and r <= origin_depth]
    return min(home, default=0), min(home + origin, default=0)


def select_names(
    entries: Mapping[str, Mapping[str, Any]], given: bool
) -> dict[str, tuple[int, int]]:
    """Name (case-folded) -> (home rank, best rank) from names-dataset's {name: {"rank": ...}}."""
    depth, origin_depth = (
        (HOME_DEPTH[0], ORIGIN_DEPTH[0]) if given else (HOME_DEPTH[1], ORIGIN_DEPTH[1])
    )
    selected: dict[str, tuple[int, int]] = {}
    for name, info in entries.items():
        name = name.strip().replace("\u2019", "'")
        if not NAME.fullmatch(name):
            continue
        home, best = best_ranks(info.get("rank", {}), depth, origin_depth)
        if not best:
            continue
        key = name.casefold()
        if key in selected:  # spellings that fold together: keep the better of each rank
            old_home, old_best = selected[key]
            home = min(r for r in (home, old_home) if r) if home or old_home else 0
            best = min(best, old_best)
        selected[key] = (home, best)
    return selected


def frequent_words(words: Iterable[str], zipf: Any) -> dict[str, dict[str, float]]:
    """Word -> {language: Zipf frequency} for every word at or above WORD_FLOOR somewhere."""
    table: dict[str, dict[str, float]] = {}
    for word in words:
        if not NAME.fullmatch(word):
            continue
        found = {lang: zipf(word, lang) for lang in WORD_LANGUAGES}
        if max(found.values()) >= WORD_FLOOR:
            table[word.casefold()] = found
    return table


def build_rows(
    given: Mapping[str, tuple[int, int]],
    surnames: Mapping[str, tuple[int, int]],
    words: Mapping[str, dict[str, float]],
    zipf: Any,
) -> list[LexiconRow]:
    rows = []
    for key in sorted(set(given) | set(surnames) | set(words)):
        freq = words.get(key) or {lang: zipf(key, lang) for lang in WORD_LANGUAGES}
        rows.append(
            LexiconRow(
                key,
                *given.get(key, (0, 0)),
                *surnames.get(key, (0, 0)),
                round(freq["de"] * 10),
                round(freq["en"] * 10),
            )
        )
    return rows


class Command(BaseCommand):
    help = "Rebuild privacy/data/name_lexicon.tsv from names-dataset and wordfreq (build only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=Path, default=LEXICON_PATH, help="Where to write.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            from names_dataset import NameDataset
            from wordfreq import top_n_list, zipf_frequency
        except ImportError as error:  # pragma: no cover - depends on the build environment
            raise CommandError(
                "Needs the build-only packages: pip install names-dataset==3.3.1 wordfreq==3.1.1"
            ) from error
        self.stdout.write("Loading names-dataset (about 3 GB of memory) ...")
        dataset = NameDataset()
        given = select_names(dataset.first_names, given=True)
        surnames = select_names(dataset.last_names, given=False)
        del dataset
        vocabulary = {w for lang in WORD_LANGUAGES for w in top_n_list(lang, 200_000)}
        words = frequent_words(sorted(vocabulary), zipf_frequency)
        rows = build_rows(given, surnames, words, zipf_frequency)
        write_lexicon(rows, options["output"])
        self.stdout.write(
            f"{len(given)} given names, {len(surnames)} surnames, {len(words)} frequent words: "
            f"{len(rows)} rows in {options['output']}"
        )
