"""Explicit and implicit complaints: `brandwache listen classify` scored on labelled posts.

    python bench/listening/classify.py [--errors] [--tuning-only]

Each set goes through the command itself (JSON Lines in, JSON Lines out, gold fields
removed first), with `organisations.json`. Printed per set: macro-F1 over the four labels,
precision/recall/F1 per label, per organisation the explicit and implicit complaints
predicted against true (relative error), macro-F1 per language, and posts per second of
the command beside the bare triage of the same texts in the same run (best of 3, after a
warm-up), and macro-F1 and the largest count error file by file. `--errors` lists the
wrong posts of the tuning sets only; the held-out sets are scored, never shown.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from time import perf_counter
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

HERE = Path(__file__).resolve().parent
ORGANISATIONS = HERE / "organisations.json"
# Each group is scored as one set (ids are unique across its files), then file by file.
SETS = (
    ("Tuning sets", [HERE / f"posts_tuning{part}.jsonl" for part in ("", "_b", "_c")]),
    ("Held-out sets", [HERE / f"posts_heldout{part}.jsonl" for part in ("", "_b", "_c")]),
)
LABELS = ("explicit_complaint", "implicit_complaint", "other_about_org", "unrelated")
COMPLAINTS = ("explicit_complaint", "implicit_complaint")
GOLD_FIELDS = ("gold_organisation", "gold_label")


def run_command(posts: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    from django.core.management import call_command

    stdin = io.StringIO("".join(json.dumps(post, ensure_ascii=False) + "\n" for post in posts))
    stdout = io.StringIO()
    call_command(
        "listen", "classify", "--organisations", str(ORGANISATIONS), stdin=stdin, stdout=stdout
    )
    return [json.loads(line) for line in stdout.getvalue().splitlines()]


def best_seconds(function: Callable[[], object], repeat: int = 3) -> float:
    function()
    times = []
    for _ in range(repeat):
        started = perf_counter()
        function()
        times.append(perf_counter() - started)
    return min(times)


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def per_label(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, tuple[float, ...]]:
    scores = {}
    for label in LABELS:
        hits = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        said = sum(p == label for p in predicted)
        true = sum(g == label for g in gold)
        precision = hits / said if said else 0.0
        recall = hits / true if true else 0.0
        scores[label] = (precision, recall, f1(precision, recall), true)
    return scores


def macro_f1(gold: Sequence[str], predicted: Sequence[str]) -> float:
    scores = per_label(gold, predicted)
    present = [label for label in LABELS if scores[label][3]]
    return sum(scores[label][2] for label in present) / len(present) if present else 0.0


def read_rows(paths: Sequence[Path]) -> list[dict[str, Any]]:
    return [
        json.loads(line)
        for path in paths
        for line in path.read_text(encoding="utf-8").splitlines()
        if line
    ]


def count_error(rows: Sequence[dict[str, Any]], results: Sequence[dict[str, Any]]) -> float:
    """The largest relative error of an organisation's explicit or implicit count."""
    true_counts = Counter((row["gold_organisation"], row["gold_label"]) for row in rows)
    said_counts = Counter((result["organisation"], result["label"]) for result in results)
    slugs = {row["gold_organisation"] for row in rows if row["gold_organisation"]}
    return max(
        abs(said_counts[slug, label] - true_counts[slug, label]) / true_counts[slug, label]
        for slug in slugs
        for label in COMPLAINTS
        if true_counts[slug, label]
    )


def score(name: str, paths: Sequence[Path], *, show_errors: bool) -> None:
    from brandwache.triage.analysis import analyse_many

    rows = read_rows(paths)
    posts = [{k: v for k, v in row.items() if k not in GOLD_FIELDS} for row in rows]
    results = run_command(posts)
    assert [r["id"] for r in results] == [p["id"] for p in posts], "output out of order"
    gold = [row["gold_label"] for row in rows]
    predicted = [result["label"] for result in results]
    org_right = sum(
        row["gold_organisation"] == result["organisation"]
        for row, result in zip(rows, results, strict=True)
    )
    print(f"\n## {name} ({len(rows)} posts)\n")
    print(f"macro-F1 {macro_f1(gold, predicted):.3f}, organisation right {org_right}/{len(rows)}")
    print("\n| label | precision | recall | F1 | true |\n|---|---|---|---|---|")
    for label, (precision, recall, f, true) in per_label(gold, predicted).items():
        print(f"| {label} | {precision:.3f} | {recall:.3f} | {f:.3f} | {true} |")

    print("\n| organisation | explicit pred/true | error | implicit pred/true | error |")
    print("|---|---|---|---|---|")
    true_counts = Counter((row["gold_organisation"], row["gold_label"]) for row in rows)
    said_counts = Counter((result["organisation"], result["label"]) for result in results)
    slugs = sorted({row["gold_organisation"] for row in rows if row["gold_organisation"]})
    worst = 0.0
    for slug in slugs:
        cells = []
        for label in COMPLAINTS:
            said, true = said_counts[(slug, label)], true_counts[(slug, label)]
            error = (said - true) / true if true else float(said > 0)
            worst = max(worst, abs(error))
            cells += [f"{said}/{true}", f"{error:+.0%}"]
        print(f"| {slug} | " + " | ".join(cells) + " |")
    print(f"\nlargest relative count error {worst:.0%}")

    print("\n| file | posts | macro-F1 | largest count error |\n|---|---|---|---|")
    start = 0
    for path in paths:
        size = len(read_rows([path]))
        part = slice(start, start + size)
        start += size
        print(
            f"| {path.name} | {size} | {macro_f1(gold[part], predicted[part]):.3f} "
            f"| {count_error(rows[part], results[part]):.0%} |"
        )

    languages = sorted({row.get("lang") or "?" for row in rows})
    print("\n| language | posts | macro-F1 |\n|---|---|---|")
    for language in languages:
        picks = [i for i, row in enumerate(rows) if (row.get("lang") or "?") == language]
        lang_f1 = macro_f1([gold[i] for i in picks], [predicted[i] for i in picks])
        print(f"| {language} | {len(picks)} | {lang_f1:.3f} |")

    command = best_seconds(lambda: run_command(posts))
    triage = best_seconds(lambda: analyse_many([post["text"] for post in posts]))
    print(
        f"\nthroughput: command {len(posts) / command:,.0f} posts/s, "
        f"bare triage {len(posts) / triage:,.0f} posts/s (same posts, same run)"
    )
    if show_errors:
        print("\nwrong (gold → predicted):")
        for row, result in zip(rows, results, strict=True):
            if (row["gold_organisation"], row["gold_label"]) != (
                result["organisation"],
                result["label"],
            ):
                print(
                    f"{row['id']} {row['gold_organisation']}/{row['gold_label']} → "
                    f"{result['organisation']}/{result['label']} | {row['text'][:140]}"
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list the tuning set's mistakes")
    parser.add_argument("--tuning-only", action="store_true", help="skip the held-out set")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="brandwache-classify-") as workdir:
        os.environ["BRANDWACHE_VAR_DIR"] = workdir
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "brandwache.settings")
        import django

        django.setup()
        for index, (name, paths) in enumerate(SETS[:1] if args.tuning_only else SETS):
            score(name, paths, show_errors=args.errors and index == 0)


if __name__ == "__main__":
    main()
