"""The shipped triage corpus keeps its format, its size and a sensible balance of labels."""

from __future__ import annotations

import dataclasses
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from brandwache.triage.data import check_corpus as corpus

FILES = {"de": "corpus_de.tsv", "en": "corpus_en.tsv"}
MIN_LINES = {"de": 2000, "en": 700}


@cache
def checked(name: str) -> tuple[list[corpus.Row], list[str]]:
    return corpus.check(corpus.DATA_DIR / name)


def load(name: str) -> list[corpus.Row]:
    rows, problems = checked(name)
    assert problems == []
    return rows


def share(counter: Counter[str], key: str) -> float:
    return counter[key] / sum(counter.values())


@pytest.fixture(scope="module", params=sorted(FILES))
def language_rows(request: pytest.FixtureRequest) -> tuple[str, list[corpus.Row]]:
    return request.param, load(FILES[request.param])


def test_every_corpus_file_follows_the_format_without_duplicates() -> None:
    paths = sorted(corpus.DATA_DIR.glob("corpus_*.tsv"))
    assert {path.name for path in paths} >= set(FILES.values())
    for path in paths:
        _, problems = checked(path.name)
        assert problems == [], "\n".join(problems[:20])


def test_each_language_has_enough_lines_in_its_own_language(
    language_rows: tuple[str, list[corpus.Row]],
) -> None:
    language, rows = language_rows
    assert len(rows) >= MIN_LINES[language]
    assert {row.language for row in rows} == {language}


def test_about_four_in_ten_lines_are_irrelevant(
    language_rows: tuple[str, list[corpus.Row]],
) -> None:
    _, rows = language_rows
    assert 0.30 <= share(corpus.counts(rows)["relevance"], "false") <= 0.50


def test_feedback_is_mostly_negative_then_neutral_then_positive(
    language_rows: tuple[str, list[corpus.Row]],
) -> None:
    _, rows = language_rows
    relevant = [row for row in rows if row.relevant]
    sentiment = Counter(row.sentiment for row in relevant)
    assert 0.45 <= share(sentiment, "negative") <= 0.60
    assert 0.22 <= share(sentiment, "neutral") <= 0.36
    assert 0.14 <= share(sentiment, "positive") <= 0.26


def test_the_checker_refuses_a_tone_on_an_irrelevant_text() -> None:
    row = corpus.Row(
        7, "Was für ein herrlicher Sonntag am See!", "de", "false", "positive", "other", "", ()
    )
    assert corpus.row_problems(row, "x.tsv") == ["x.tsv:7: an irrelevant text is neutral"]
    assert corpus.row_problems(dataclasses.replace(row, sentiment="neutral"), "x.tsv") == []


def test_every_kind_and_category_is_well_represented(
    language_rows: tuple[str, list[corpus.Row]],
) -> None:
    _, rows = language_rows
    counts = corpus.counts(rows)
    relevant = [row for row in rows if row.relevant]
    assert all(share(counts["kind"], kind) >= 0.08 for kind in corpus.KINDS)
    assert all(
        Counter(row.kind for row in relevant)[kind] >= 0.05 * len(relevant) for kind in corpus.KINDS
    )
    assert all(share(counts["category"], category) >= 0.05 for category in corpus.CATEGORIES)


def test_urgency_signals_mark_some_relevant_lines_and_each_signal_occurs(
    language_rows: tuple[str, list[corpus.Row]],
) -> None:
    _, rows = language_rows
    counts = corpus.counts(rows)
    relevant = sum(counts["urgency lines"].values())
    assert 0.10 <= share(counts["urgency lines"], "with a signal") <= 0.25
    assert all(counts["urgency"][signal] >= 0.02 * relevant for signal in corpus.URGENCY)


def test_the_other_languages_file_has_french_and_italian_lines() -> None:
    rows = load("corpus_other.tsv")
    assert Counter(row.language for row in rows) == {"fr": 20, "it": 20}


def test_the_checker_reports_broken_lines(tmp_path: Path) -> None:
    good = "Der Zug nach Bern hat heute wieder 20 Minuten Verspätung."
    lines = [
        "\t".join(corpus.COLUMNS),
        f"{good}\tde\ttrue\tnegative\tcomplaint\tdelivery\t",
        f"{good.replace('20', '25')}\tde\ttrue\tnegative\tcomplaint\tdelivery\t",
        "Ein Text ohne gültige Stimmung, leider.\tde\ttrue\tangry\tcomplaint\tdelivery\t",
        "Eisbahn Dolder öffnet am Samstag wieder.\tde\tfalse\tneutral\tother\tproduct\t",
        "Ich kündige und gehe zur Zeitung, sofort.\tde\ttrue\tnegative\tcomplaint\tcontract\tpress",
        "Zu kurz.\tde\ttrue\tnegative\tcomplaint\tdelivery\t",
        "Eine Zeile mit zu wenigen Spalten\tde\ttrue",
    ]
    path = tmp_path / "corpus_broken.tsv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, problems = corpus.check(path)
    expected = [
        "duplicates line 2",
        "sentiment 'angry'",
        "no category",
        "urgency",
        "words",
        "columns",
    ]
    for fragment in expected:
        assert any(fragment in problem for problem in problems), fragment
    assert corpus.main([str(path)]) == 1


def test_the_checker_finds_near_duplicates() -> None:
    def row(line: int, text: str) -> corpus.Row:
        return corpus.Row(line, text, "de", "true", "negative", "complaint", "delivery", ())

    rows = [
        row(2, "Der Bus nach Thun ist heute wieder nicht gekommen, ich warte seit einer Stunde."),
        row(
            3,
            "Der Bus nach Thun ist heute schon wieder nicht gekommen, ich warte seit einer Stunde!",
        ),
        row(4, "Das Paket ist angekommen, aber die Vase darin war zerbrochen."),
    ]
    assert [(a.line, b.line) for a, b in corpus.near_duplicates(rows)] == [(2, 3)]
