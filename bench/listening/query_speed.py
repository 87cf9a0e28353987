"""Listening query throughput: posts per second for a query of ten terms, beside one regex.

    python bench/listening/query_speed.py [--posts 20000] [--repeat 5]

Posts are tweet-length German and English lines put together from the fragments below
(handles, links, umlauts, emoji), a fixed seed so every run sees the same posts. Figures
are posts per second of wall time, the best of `--repeat` runs:

- query: `parse(QUERY)` once, then `matches(post, language)` per post (tokenising included)
- baseline: `re.search` of one word, the least any pass over the text costs
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path
from time import perf_counter

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from brandwache.listening.query import parse  # noqa: E402 (needs the path above)

# Ten terms: a handle, a host, a name, two wildcards, a phrase, a NEAR pair, two exclusions.
QUERY = (
    '(@alpenbahn OR alpenbahn.ch OR Alpenbahn) AND (verspät* OR ausfall* OR "nie wieder" '
    "OR Zug NEAR/3 kalt) NOT (Gewinnspiel OR Werbung)"
)
OPENINGS = [
    "Schon wieder",
    "Heute Morgen",
    "Liebe @alpenbahn,",
    "Hey @northlinerail",
    "Ganz ehrlich:",
    "Why is",
    "Seit 20 Minuten",
    "Danke an die Alpenbahn,",
]
MIDDLES = [
    "steht der Zug in Olten und niemand sagt etwas",
    "ist die S-Bahn nach Zürich ausgefallen",
    "the 8:15 to Leeds cancelled again",
    "hat mein Sparbillett nicht funktioniert",
    "war der Wagen so kalt, dass alle Jacken anhatten",
    "kommt die Verspätung ohne Durchsage",
    "my refund still has not arrived",
    "gab es endlich Kaffee im Speisewagen",
    "fährt der Ersatzbus an der Strasse vorbei",
]
ENDINGS = [
    "Nie wieder!",
    "😡😡",
    "https://www.alpenbahn.ch/fahrplan?von=olten",
    "#Gewinnspiel",
    "Top Service 👍",
    "#bahnchaos",
    "really?!",
    "Grüsse aus Bern",
    "",
]


def make_posts(count: int) -> list[tuple[str, str]]:
    """(text, language) pairs of about tweet length."""
    chooser = random.Random(4711)
    posts = []
    for _ in range(count):
        parts = [chooser.choice(OPENINGS)]
        parts += chooser.sample(MIDDLES, chooser.randint(2, 4))
        parts.append(chooser.choice(ENDINGS))
        text = " ".join(part for part in parts if part)
        language = "en" if any(word in text for word in ("the ", "my ", "Why")) else "de"
        posts.append((text, language))
    return posts


def rate(
    function: Callable[[str, str], object], posts: list[tuple[str, str]], repeat: int
) -> float:
    """Posts per second, the best of `repeat` runs over all posts."""
    best = float("inf")
    for _ in range(repeat):
        started = perf_counter()
        for text, language in posts:
            function(text, language)
        best = min(best, perf_counter() - started)
    return len(posts) / best


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--posts", type=int, default=20_000)
    arguments.add_argument("--repeat", type=int, default=5)
    options = arguments.parse_args()

    posts = make_posts(options.posts)
    query = parse(QUERY)
    word = re.compile(r"\bVerspätung\b")
    hits = sum(query.matches(text, language) for text, language in posts)
    length = sum(len(text) for text, _ in posts) / len(posts)

    print(f"{len(posts)} posts, {length:.0f} characters on average, {hits} matched")
    print(f"query of 10 terms   {rate(query.matches, posts, options.repeat):>10,.0f} posts/s")
    baseline = rate(lambda text, _language: word.search(text), posts, options.repeat)
    print(f"re.search one word  {baseline:>10,.0f} posts/s")


if __name__ == "__main__":
    main()
