"""The shipped name lexicon loads and judges names against words; the build keeps what it should."""

from __future__ import annotations

from pathlib import Path

from brandwache.privacy.management.commands.build_name_lexicon import (
    best_ranks,
    build_rows,
    frequent_words,
    select_names,
)
from brandwache.privacy.namelexicon import (
    LEXICON_PATH,
    Lexicon,
    LexiconRow,
    lexicon,
    read_lexicon,
    write_lexicon,
)


def test_the_shipped_lexicon_is_small_and_loads() -> None:
    assert LEXICON_PATH.stat().st_size < 6_000_000
    lex = lexicon()
    assert len(lex.given) > 20_000 and len(lex.surname) > 50_000
    assert lex.given_rank("Sandra") and lex.surname_rank("Huber")
    assert lex.given_rank("Mehmet") and lex.given_rank("Priya") and lex.surname_rank("Berisha")
    assert lex.frequency("Rechnung", ("de",)) > 4 > lex.frequency("Rechnung", ("en",))


def test_names_that_are_mostly_words_are_told_apart() -> None:
    lex = lexicon()
    assert lex.is_given_name("Sandra") and lex.is_given_name("Paul")
    assert not lex.is_given_name("Will") and not lex.is_given_name("Hope")
    assert lex.is_surname("Huber") and lex.is_surname("Meier")
    assert not lex.is_surname("Winter")
    assert not lex.is_name("Rechnung")


def test_the_table_is_read_back_as_written(tmp_path: Path) -> None:
    rows = [LexiconRow("zora", 12, 3, 0, 0, 21, 35), LexiconRow("zorn", 0, 0, 800, 90, 40, 30)]
    path = tmp_path / "lexicon.tsv"
    write_lexicon(rows, path)
    assert read_lexicon(path) == rows
    lex = Lexicon(read_lexicon(path))
    assert lex.given_rank("Zora") == 3 and lex.surname_rank("ZORN") == 90
    assert lex.frequency("zorn", ("de",)) == 4.0


def test_the_build_keeps_names_by_country_and_rank() -> None:
    assert best_ranks({"DE": 40, "TR": 3, "JP": 1}, depth=1000, origin_depth=500) == (40, 3)
    assert best_ranks({"DE": 4000, "TR": 900}, depth=3000, origin_depth=500) == (0, 0)
    entries = {
        "Ayşe": {"rank": {"TR": 5}},
        "Mia": {"rank": {"CH": 20, "DE": 30}},
        "Xx1": {"rank": {"DE": 1}},  # not a name
        "Nobody": {"rank": {"JP": 1}},  # no kept country
    }
    assert select_names(entries, given=True) == {"ayşe": (0, 5), "mia": (20, 20)}


def test_the_build_adds_word_frequencies() -> None:
    table = {("rechnung", "de"): 4.6, ("zora", "de"): 1.0}

    def zipf(word: str, language: str) -> float:
        return table.get((word.casefold(), language), 0.0)

    words = frequent_words(["Rechnung", "Zora", "x2"], zipf)
    assert words == {"rechnung": {"de": 4.6, "en": 0.0}}
    rows = build_rows({"zora": (0, 7)}, {}, words, zipf)
    assert rows == [
        LexiconRow("rechnung", 0, 0, 0, 0, 46, 0),
        LexiconRow("zora", 0, 7, 0, 0, 10, 0),
    ]
