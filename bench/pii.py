"""Personal data: how much stays visible, how many words are masked wrongly, and how fast.

    python bench/pii.py [--texts 5000] [SET.jsonl ...]

Quality, on every labelled set given (default: all `brandwache/privacy/tests/*.jsonl`):
entities left visible (any letter or digit not masked) and ordinary words masked on texts
without personal data, for Brandwache's finder and, in the same run, for Presidio's own
offline recognisers (e-mail, IBAN, phone for CH/DE/AT/GB/US/IE, card, URL) as the
baseline. The held-out sets' figures are the honest ones: nothing was tuned on them.

Speed, texts per CPU second of this one process on tweets, short e-mails, letters (about
800 characters) and the labelled texts: `find_personal_data`, the `brandwache anonymize
--jsonl` code path (parse, anonymise, write JSON), Presidio's own recognisers, and one
e-mail regex (the least any pass over the text costs).
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from time import process_time

import common  # also puts the project on the import path

SETS = Path(common.ROOT, "brandwache", "privacy", "tests")
TWEET = "@AlpenbahnAG schon wieder 40 min Verspätung in Olten, Anschluss weg. {name} {phone} #bahn"
EMAIL = (
    "Sehr geehrte Damen und Herren\n\nMeine Rechnung Nr. {number} wurde doppelt abgebucht. "
    "Bitte überweisen Sie den Betrag auf mein Konto CH93 0076 2011 6238 5295 7. Ich bin unter "
    "{phone} erreichbar oder per Mail an {mail}. Meine Adresse: Seestrasse {house}, 8002 Zürich."
    "\n\nFreundliche Grüsse\n{name}\n"
)
LETTER = (
    "Guten Tag\n\nIch wende mich zum dritten Mal an Sie, weil meine Reklamation vom letzten "
    "Monat noch immer offen ist. Am Schalter in Winterthur hiess es, die Rückerstattung komme "
    "innert zehn Arbeitstagen; seither ist nichts passiert, und auf zwei Mails kamen nur "
    "automatische Antworten.\n\nEs geht um das Halbtax-Abo mit der Kundennummer {number}, das "
    "ich wegen eines Umzugs gekündigt habe. Die Bestätigung der Kündigung liegt bei. Trotzdem "
    "wurde der volle Betrag erneut von meiner Kreditkarte abgebucht, diesmal sogar mit einer "
    "Mahngebühr.\n\nBitte schreiben Sie mir den Betrag gut und bestätigen Sie das schriftlich. "
    "Tagsüber erreichen Sie mich unter {phone}, sonst per Mail an {mail}. Meine neue Adresse "
    "lautet Bahnhofstrasse {house}, 8400 Winterthur.\n\nMit freundlichen Grüssen\n{name}\n"
)
NAMES = ["Petra Muster", "Ruedi Meier", "Anna Keller", "Hans Huber", "Claudia Lüthi"]


def texts(template: str, count: int) -> list[str]:
    rng = random.Random(3)
    return [
        template.format(
            name=rng.choice(NAMES),
            phone=f"+41 79 {rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
            number=rng.randint(100000, 999999),
            mail=f"kunde{rng.randint(1, 9999)}@example.ch",
            house=rng.randint(1, 200),
        )
        for _ in range(count)
    ]


def rate(function: Callable[[str], object], items: list[str]) -> float:
    function(items[0])  # warm-up: lazy loading is not throughput
    started = process_time()
    for item in items:
        function(item)
    return len(items) / (process_time() - started)


def jsonl_rate(items: list[str]) -> float:
    from brandwache.privacy.jsonlines import anonymise_lines

    lines = [json.dumps({"id": i, "lang": "de", "text": t}) + "\n" for i, t in enumerate(items)]
    list(anonymise_lines(lines[:1]))
    started = process_time()
    written = sum(1 for _ in anonymise_lines(lines))
    return written / (process_time() - started)


def presidio_finder() -> Callable[[str, str | None], list]:
    from brandwache.privacy.spans import Kind, Span

    analyse = common.presidio_builtin()

    def find(text: str, language: str | None = None) -> list[Span]:
        return [Span(r.start, r.end, Kind.EMAIL, text[r.start : r.end]) for r in analyse(text)]

    return find


def quality(paths: Iterable[Path], baseline: Callable) -> None:
    from brandwache.privacy.evaluation import exposure_report, load_examples, measure_exposure

    for path in paths:
        examples = load_examples(path)
        clean = sum(not example.spans for example in examples)
        print(f"\n== {path.name}: {len(examples)} texts, {clean} without personal data")
        ours = measure_exposure(examples)
        print(exposure_report(ours))
        theirs = measure_exposure(examples, baseline)
        print(
            f"baseline Presidio built-in: left visible {100 * theirs.leak_rate():.1f} %, "
            f"words masked on texts w/o PII {100 * theirs.over_masking():.1f} %"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=5000)
    parser.add_argument("sets", nargs="*", type=Path)
    args = parser.parse_args()
    from brandwache.privacy.evaluation import load_examples
    from brandwache.privacy.masking import find_personal_data

    paths = args.sets or sorted(SETS.glob("*.jsonl"))
    baseline = presidio_finder()
    quality(paths, baseline)

    labelled = [example.text for path in paths for example in load_examples(path)]
    plain = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
    print("\ntexts/s per core")
    for label, items in (
        ("tweet", texts(TWEET, args.texts)),
        ("e-mail", texts(EMAIL, args.texts)),
        ("letter", texts(LETTER, args.texts)),
        ("labelled", labelled),
    ):
        length = sum(map(len, items)) // len(items)
        finder = rate(find_personal_data, items)
        print(
            f"{label:8} ({length:3} chars)  find_personal_data {finder:7,.0f}"
            f"  anonymize --jsonl {jsonl_rate(items):7,.0f}"
            f"  Presidio built-in {rate(baseline, items):7,.0f}"
            f"  one regex {rate(plain.findall, items):9,.0f}"
        )


if __name__ == "__main__":
    main()
