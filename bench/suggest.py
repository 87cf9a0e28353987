"""Suggested answers with a large knowledge base: index build time and suggestion latency.

    python bench/suggest.py [--articles 10000] [--database sqlite|postgres|none]

The knowledge base is the demo's 55 articles and text modules plus generated articles
made of the demo's sentences with other places, trains, prices and German compounds, so
the vocabulary grows as in a real one. The messages are the 182 labelled customer
messages of the evaluation set; their accuracy among the generated articles is printed
too. Beside the ranking, in the same run: plain word TF-IDF (scikit-learn defaults) and
a substring scan (count the message's words found in each article).

With a database (default SQLite) the articles are stored and `answers.index.suggest` is
timed as the case page calls it: revision check, rebuild on the first call, feedback.
"""

from __future__ import annotations

import argparse
import random
import re
from time import perf_counter

import common
import numpy as np

PLACES = [
    "Zürich",
    "Bern",
    "Basel",
    "Luzern",
    "Chur",
    "Thun",
    "Spiez",
    "Olten",
    "Brig",
    "Interlaken",
    "Lugano",
    "Davos",
    "Zermatt",
    "Winterthur",
    "Aarau",
    "Biel",
    "Fribourg",
    "Genf",
    "Lausanne",
    "Sion",
    "Arosa",
    "Grindelwald",
    "Andermatt",
    "Visp",
]
PARTS = [
    "Bahnhof",
    "Gleis",
    "Perron",
    "Wagen",
    "Abteil",
    "Sitz",
    "Tür",
    "Fenster",
    "Rampe",
    "Lift",
    "Treppe",
    "Schalter",
    "Automat",
    "Karte",
    "Billett",
    "Abo",
    "Pass",
    "Gutschein",
    "Rechnung",
    "Quittung",
    "Konto",
    "Zahlung",
    "Gebühr",
    "Tarif",
    "Zone",
    "Velo",
    "Gepäck",
    "Koffer",
    "Tasche",
    "Schliessfach",
    "Fund",
    "Hund",
    "Kinder",
    "Familien",
    "Gruppen",
    "Schul",
    "Nacht",
    "Wochenend",
    "Sommer",
    "Winter",
    "Ski",
    "Wander",
    "Ausflug",
    "Reise",
    "Strecke",
    "Bau",
    "Ersatz",
    "Bus",
    "Schiff",
    "Halbtax",
    "Jahres",
    "Monats",
    "Tages",
    "Spar",
    "Studenten",
    "Senioren",
    "Firmen",
    "Pendler",
    "Park",
    "Kaffee",
    "Speise",
]
TOPICS = [
    "Regeln",
    "Preise",
    "Ausnahmen",
    "Fristen",
    "Hinweise",
    "Ablauf",
    "Bedingungen",
    "Angebot",
    "Änderungen",
    "Fragen",
]


def generated_items(count: int, seeds: list, seed: int = 7) -> list:
    from brandwache.answers.ranking import Item

    rng = random.Random(seed)
    sentences: dict[str, list[str]] = {"de": [], "en": []}
    for item in seeds:
        if item.kind == "article":
            for sentence in re.split(r"(?<=[.!?])\s+", item.body):
                if len(sentence.split()) > 4:
                    sentences[item.language].append(sentence.strip())
    items = []
    for number in range(count):
        language = "en" if rng.random() < 0.25 else "de"
        pool = sentences[language]
        first, second = rng.sample(PARTS, 2)
        compound = first + second.lower()
        place = rng.choice(PLACES)
        body = " ".join(rng.sample(pool, rng.randint(3, 7)))
        body = re.sub(r"CHF \d+", f"CHF {rng.randint(2, 300)}", body)
        where = "This applies to" if language == "en" else "Das gilt für"
        body += f" {where} {compound} in {place}, Linie {rng.randint(1, 999)}."
        title = f"{compound} {place}: {rng.choice(TOPICS)}"
        items.append(Item(key=f"article:gen-{number}", title=title, body=body, language=language))
    return items


def plain_tfidf(items: list):
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer()
    matrix = vectorizer.fit_transform([f"{i.title} {i.keywords} {i.body}" for i in items])

    def rank(text: str) -> list[str]:
        scores = (matrix @ vectorizer.transform([text]).T).toarray().ravel()
        top = np.argpartition(-scores, 3)[:3]
        return [items[row].key for row in top[np.argsort(-scores[top])]]

    return rank


def substring_scan(items: list):
    texts = [f"{i.title} {i.keywords} {i.body}".lower() for i in items]

    def rank(text: str) -> list[str]:
        words = [w for w in re.findall(r"\w+", text.lower()) if len(w) > 3]
        scores = np.array([sum(w in t for w in words) for t in texts])
        return [items[row].key for row in np.argsort(-scores, kind="stable")[:3]]

    return rank


def build(label: str, factory, items: list):
    started = perf_counter()
    built = factory(items)
    print(f"  {label:28} index built in {perf_counter() - started:6.2f} s")
    return built


def latency(label: str, rank, messages: list, evaluate=None) -> None:
    """Latency per message; accuracy too unless the ranker has seen the messages' labels."""
    samples: list[float] = []
    for message in messages:
        samples += common.timed(lambda text=message.text: rank(text), 1)
    quality = ""
    if evaluate is not None:
        result = evaluate(rank, messages)
        quality = f"   top-1 {result.top1_accuracy:5.1%}  top-3 {result.top3_accuracy:5.1%}"
    print(f"  {label:28} {common.summary(samples)}{quality}")


def in_memory(items: list, messages: list) -> None:
    from brandwache.answers import evaluation
    from brandwache.answers.ranking import Feedback, Index

    print(f"In memory, {len(items)} articles and modules, {len(messages)} messages:")
    from brandwache.answers.text import lemma

    started = perf_counter()  # once per process, before the first index
    lemma("Verspätung", "de"), lemma("delays", "en")
    print(f"  {'lemmatiser dictionaries':28} loaded in {perf_counter() - started:6.2f} s")
    index = build("Brandwache ranking", Index, items)
    baseline = build("plain TF-IDF baseline", plain_tfidf, items)
    scan = build("substring scan baseline", substring_scan, items)
    latency("Brandwache ranking", evaluation.index_ranker(index), messages, evaluation.evaluate)
    rng = random.Random(5)
    records = [(m.text, m.expected[0]) for m in rng.choices(messages, k=2000)]
    started = perf_counter()
    feedback = Feedback.from_texts(index, records)
    print(f"  {'2,000 recorded choices':28} vectorised in {perf_counter() - started:6.2f} s")
    with_feedback = lambda text: [s.item.key for s in index.search(text, feedback=feedback)]  # noqa: E731
    latency("… with 2,000 choices", with_feedback, messages)  # they hold the labels
    latency("plain TF-IDF baseline", baseline, messages, evaluation.evaluate)
    latency("substring scan baseline", scan, messages[:40], evaluation.evaluate)


def stored(database: str, items: list, messages: list) -> None:
    var_dir, server = common.setup_django(database)
    try:
        from brandwache.answers import index
        from brandwache.answers.actions import bump_revision
        from brandwache.answers.demo import load_knowledge_base
        from brandwache.answers.models import Article, TextModule

        load_knowledge_base()
        Article.objects.bulk_create(
            Article(
                slug=item.key.partition(":")[2],
                title=item.title[:200],
                body=item.body,
                language=item.language,
            )
            for item in items
            if item.key.startswith("article:gen-")
        )
        bump_revision(content=True)  # bulk_create sends no signals
        stored_items = Article.objects.count() + TextModule.objects.count()
        print(f"Stored in {database}, {stored_items} articles and modules:")
        started = perf_counter()
        index.suggest("Verspätung")
        print(f"  {'first call (index rebuilt)':28} {perf_counter() - started:6.2f} s")
        samples = []
        for message in messages:
            samples += common.timed(lambda text=message.text: index.suggest(text), 1)
        print(f"  {'index.suggest':28} {common.summary(samples)}")
    finally:
        common.teardown(var_dir, server)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--database", choices=["sqlite", "postgres", "none"], default="sqlite")
    args = parser.parse_args()
    from brandwache.answers import evaluation

    seeds = evaluation.demo_items()
    items = seeds + generated_items(max(0, args.articles - len(seeds)), seeds)
    messages = evaluation.load_messages()
    in_memory(items, messages)
    if args.database != "none":
        stored(args.database, items, messages)


if __name__ == "__main__":
    main()
