"""Triage throughput per core on tweet- and e-mail-length texts, beside Presidio and one regex.

    python bench/triage.py [--texts 2000]

Texts come from the shipped triage corpus: tweets are its short lines, e-mails six of its
lines between a salutation and a signature with a phone number and an address. Each figure is
texts per CPU second of this one process (`process_time`), measured in the same run:

- triage, batched: `analyse_many` in batches of 100 (language, classifiers, urgency)
- triage, one by one: `analyse` per text (what the background task does)
- triage + PII: batched triage plus `find_personal_data` per text (all our recognisers)
- PII alone: `find_personal_data` per text
- Presidio built-in: Presidio's analyzer offline (no NLP model) with its own pattern
  recognisers for e-mail, IBAN, phone (CH/DE/AT/GB/US/IE), credit card and URL
  (`common.presidio_builtin`, the same baseline as `bench/pii.py`)
- baseline: one e-mail regular expression, the least any pass over the text costs
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import re
import tempfile
from collections.abc import Callable
from time import process_time

import common  # also puts the project on the import path

SALUTATIONS = ["Sehr geehrte Damen und Herren", "Grüezi", "Guten Tag", "Dear Sir or Madam"]
SIGNATURE = "Freundliche Grüsse\n{name}\nSeestrasse {house}, 8002 Zürich\n+41 79 {a} {b} {c}"
NAMES = ["Petra Muster", "Ruedi Meier", "Anna Keller", "Hans Huber", "Claudia Lüthi"]
BATCH = 100


def setup() -> None:
    """Settings without a database: triage reads only the category list."""
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)  # one line per text
    os.environ["BRANDWACHE_VAR_DIR"] = tempfile.mkdtemp(prefix="brandwache-bench-")
    os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 40)
    os.environ["DJANGO_SETTINGS_MODULE"] = "brandwache.settings"
    import django

    django.setup()


def corpus_lines() -> list[str]:
    from brandwache.triage.dataset import read_corpus, shipped_corpora

    return [example.text for path in shipped_corpora() for example in read_corpus(path)]


def tweets(lines: list[str], count: int) -> list[str]:
    short = [line for line in lines if len(line) <= 200]
    return [random.Random(index).choice(short) for index in range(count)]


def emails(lines: list[str], count: int) -> list[str]:
    rng = random.Random(7)
    result = []
    for _ in range(count):
        body = "\n\n".join(rng.sample(lines, 6))
        signature = SIGNATURE.format(
            name=rng.choice(NAMES),
            house=rng.randint(1, 200),
            a=rng.randint(100, 999),
            b=rng.randint(10, 99),
            c=rng.randint(10, 99),
        )
        result.append(f"{rng.choice(SALUTATIONS)}\n\n{body}\n\n{signature}\n")
    return result


def per_text(function: Callable[[str], object], items: list[str]) -> float:
    function(items[0])  # warm-up: lazy loading is not throughput
    started = process_time()
    for item in items:
        function(item)
    return len(items) / (process_time() - started)


def batched(function: Callable[[list[str]], object], items: list[str]) -> float:
    function(items[:BATCH])
    started = process_time()
    for start in range(0, len(items), BATCH):
        function(items[start : start + BATCH])
    return len(items) / (process_time() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=2000)
    args = parser.parse_args()
    setup()
    from brandwache.privacy.masking import find_personal_data
    from brandwache.triage.analysis import analyse, analyse_many, current_model
    from brandwache.triage.language import detect_language
    from brandwache.triage.urgency import find_urgency

    model = current_model()
    presidio_analyse = common.presidio_builtin()
    plain = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")

    def triage_and_pii(texts: list[str]) -> None:
        analyse_many(texts)
        for text in texts:
            find_personal_data(text)

    lines = corpus_lines()
    levels = "two levels" if model.combiner is not None else "first level only"
    print(f"model {model.version}, {model.features.size:,} features, {levels}; texts/s per core")
    for label, items in (
        ("tweet", tweets(lines, args.texts)),
        ("e-mail", emails(lines, args.texts)),
    ):
        length = sum(map(len, items)) // len(items)
        figures = {
            "triage, batched": batched(analyse_many, items),
            "triage, one by one": per_text(analyse, items),
            "  of which classifiers": batched(model.probabilities, items),
            "  of which language": per_text(detect_language, items),
            "  of which urgency": per_text(find_urgency, items),
            "triage + PII, batched": batched(triage_and_pii, items),
            "PII alone": per_text(find_personal_data, items),
            "Presidio built-in (5 kinds)": per_text(presidio_analyse, items),
            "baseline: one regex": per_text(plain.findall, items),
        }
        print(f"\n{label} ({length} chars, {len(items)} texts)")
        for name, rate in figures.items():
            print(f"  {name:<30} {rate:>10,.0f}")


if __name__ == "__main__":
    main()
