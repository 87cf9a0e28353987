"""Personal-data detection speed on tweet- and e-mail-length texts, beside one plain regex.

    python bench/pii.py [--texts 5000]

`find_personal_data` runs our recognisers inside Presidio's analyzer; "recognisers alone"
calls the same recognisers directly, so the difference is what Presidio's engine costs.
The baseline is a single e-mail-address regular expression over the same texts: the least
any detector has to do.
"""

from __future__ import annotations

import argparse
import random
import re
from time import process_time

import common  # noqa: F401  (puts the project on the import path)

TWEET = "@AlpenbahnAG schon wieder 40 min Verspätung in Olten, Anschluss weg. {name} {phone} #bahn"
EMAIL = (
    "Sehr geehrte Damen und Herren\n\nMeine Rechnung Nr. {number} wurde doppelt abgebucht. "
    "Bitte überweisen Sie den Betrag auf mein Konto CH93 0076 2011 6238 5295 7. Ich bin unter "
    "{phone} erreichbar oder per Mail an {mail}. Meine Adresse: Seestrasse {house}, 8002 Zürich."
    "\n\nFreundliche Grüsse\n{name}\n"
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


def rate(function, items: list[str]) -> float:
    function(items[0])  # warm-up: lazy loading is not throughput
    started = process_time()
    for item in items:
        function(item)
    return len(items) / (process_time() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=5000)
    args = parser.parse_args()
    from brandwache.privacy.engine import recognisers
    from brandwache.privacy.masking import find_personal_data

    direct = recognisers("und")

    def recognisers_alone(text: str) -> None:
        for recogniser in direct:
            recogniser.analyze(text, [])

    plain = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
    print("texts/s per core")
    for label, template in (("tweet", TWEET), ("e-mail", EMAIL)):
        items = texts(template, args.texts)
        length = sum(map(len, items)) // len(items)
        detector = rate(find_personal_data, items)
        alone = rate(recognisers_alone, items)
        baseline = rate(plain.findall, items)
        print(
            f"{label:7} ({length} chars)  find_personal_data {detector:8,.0f}"
            f"   recognisers alone {alone:8,.0f}   baseline one regex {baseline:9,.0f}"
        )


if __name__ == "__main__":
    main()
