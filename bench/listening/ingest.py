"""Listening ingest at scale: generated posts through `listen import`'s path, beside baselines.

    python bench/listening/ingest.py [--posts 100000] [--database sqlite|postgres] [--seed 7]

Posts are generated with a fixed seed: German and English, 5-80 words, about the eight
organisations of `organisations.json` (half of them with listening queries, the others
matched by `classify`), about 30 % about none of them, about 10 % reposts ("RT @x: …")
and near-duplicates of earlier posts, and reply chains. They go through `import_lines`
(what `brandwache listen import` calls) on a fresh database. Printed in the same run:

- ingest: posts/s of wall and of CPU time, the seconds of it spent in case actions and
  the rate of everything else, peak resident memory after 10 %, 50 % and 100 % of the
  posts (flat = it does not grow with the number of posts), and the counts
- baseline: bare triage (`analyse_many` in batches of 500) of the same texts
- baseline: a bare `bulk_create` of the same raw rows and post rows (no matching)
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from time import perf_counter, process_time

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common import setup_django, teardown  # noqa: E402 (needs the path above)

HERE = Path(__file__).resolve().parent
BATCH = 500
QUERIES = {  # four organisations listen with queries, the other four through classify
    "alpenbahn": "(@alpenbahn OR Alpenbahn OR alpenbahn.ch OR Sparbillett) NOT Gewinnspiel",
    "helvetel": 'Helvetel OR @helvetel OR helvetel.ch OR "Helvetel Box"',
    "northline": "(@northlinerail OR Northline OR northline-rail.co.uk) NOT quiz",
    "kaufhafen": "Kaufhafen OR @kaufhafen OR kaufhafen.de OR Hafenkarte",
}
COMPLAINT_DE = [
    "mein Paket ist seit zwei Wochen nicht angekommen und niemand antwortet",
    "der Zug ist schon wieder ausgefallen, keine Durchsage, nichts",
    "die Rechnung ist doppelt abgebucht worden, eine Frechheit",
    "seit drei Tagen kein Internet, die Hotline legt einfach auf",
    "die App stürzt bei jedem Login ab, so kann man nicht arbeiten",
    "der Kundendienst hat mir zum dritten Mal etwas anderes erzählt",
    "die Karte wurde ohne Grund gesperrt und ich stehe an der Kasse",
]
COMPLAINT_EN = [
    "my parcel has been stuck for two weeks and nobody replies",
    "the train was cancelled again with no announcement at all",
    "I was charged twice this month and support keeps ignoring me",
    "no broadband for three days and the helpline just hangs up",
    "the app crashes every time I log in, absolutely useless",
    "still waiting for the refund they promised a month ago",
]
NEUTRAL_DE = [
    "hat jemand Erfahrung mit dem neuen Tarif, lohnt sich der Wechsel",
    "heute ging alles problemlos, pünktlich und freundlich, danke",
    "die neue Filiale am Bahnhof hat jetzt auch am Sonntag offen",
    "ich überlege mir, das Abo auf nächsten Monat zu kündigen",
]
NEUTRAL_EN = [
    "does anyone know whether the new plan includes roaming",
    "everything went smoothly today, friendly staff, thanks",
    "they opened a new shop near the station this week",
    "thinking about switching my contract next month",
]
UNRELATED_DE = [
    "Heute schönes Wetter am See, endlich wieder draussen sitzen",
    "Wer hat ein gutes Rezept für Zwetschgenkuchen ohne Hefe",
    "Das Konzert gestern war laut, aber die Stimmung war grossartig",
    "Mein Velo hat einen Platten, morgen gehe ich halt zu Fuss",
]
UNRELATED_EN = [
    "Lovely sunny afternoon in the park with the kids",
    "Anyone got a good recipe for plum cake without yeast",
    "The gig last night was loud but the crowd was great",
    "Flat tyre on the bike again, walking tomorrow then",
]
FILLER_DE = [
    "und",
    "dann",
    "habe",
    "ich",
    "noch",
    "einmal",
    "nachgefragt",
    "aber",
    "es",
    "kam",
    "wieder",
    "nur",
    "eine",
    "Vertröstung",
]
FILLER_EN = [
    "and",
    "then",
    "I",
    "asked",
    "once",
    "more",
    "but",
    "all",
    "I",
    "got",
    "was",
    "another",
    "vague",
    "promise",
]
REPLIES_DE = ["Bei mir genau dasselbe.", "Kenne ich, immer noch nichts passiert.", "Echt jetzt?"]
REPLIES_EN = ["Same here, still nothing.", "Exactly the same for me.", "Seriously?"]


def organisations() -> list[dict[str, object]]:
    return json.loads((HERE / "organisations.json").read_text(encoding="utf-8"))


PLACES = [
    "Basel",
    "Bern",
    "Chur",
    "Olten",
    "Zürich",
    "Wien",
    "Linz",
    "Graz",
    "Hamburg",
    "Köln",
    "Leipzig",
    "Hannover",
    "York",
    "Leeds",
    "Hull",
    "Bristol",
    "Brig",
    "Aarau",
    "Biel",
    "Ulm",
]


def _detail(rng: random.Random, english: bool) -> str:
    """A detail of one writer's own (days, place, time), so texts vary as real ones do and
    only the planted copies are near-duplicates."""
    days, place = rng.randint(1, 60), rng.choice(PLACES)
    hour, minute = rng.randint(5, 23), rng.choice((0, 10, 15, 20, 30, 40, 45, 50))
    if english:
        return f"day {days} of this, {place}, {hour}:{minute:02d}"
    return f"Tag {days}, {place}, {hour}:{minute:02d} Uhr"


def _sized(rng: random.Random, core: str, english: bool) -> str:
    """The text with a detail of its own, padded with filler words or cut to 5-80 words."""
    detail = _detail(rng, english).split()
    filler = FILLER_EN if english else FILLER_DE
    target = rng.choice((rng.randint(5, 20), rng.randint(5, 20), rng.randint(20, 80)))
    words = core.split()[: max(target - len(detail), 3)] + detail
    while len(words) < target:
        words.append(rng.choice(filler))
    return " ".join(words)


def generate(count: int, seed: int) -> Iterator[dict[str, object]]:
    """`count` posts in the `listen import` line shape, the same for the same seed."""
    rng = random.Random(seed)
    orgs = organisations()
    start = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    recent: list[dict[str, object]] = []  # earlier posts to repost or answer
    for index in range(count):
        english = rng.random() < 0.45
        at = start + timedelta(seconds=index * 6)
        post: dict[str, object] = {
            "id": f"b{index}",
            "source": "bench",
            "url": f"https://social.example/@user{rng.randint(1, 20_000)}/{index}",
            "author": f"@user{rng.randint(1, 20_000)}",
            "created_at": at.isoformat(),
            "lang": "en" if english else "de",
        }
        roll = rng.random()
        if roll < 0.10 and recent:  # a repost or a near-duplicate
            earlier = rng.choice(recent)
            if rng.random() < 0.5:
                post["text"] = f"RT {earlier['author']}: {earlier['text']}"
            else:
                post["text"] = str(earlier["text"]) + rng.choice((" !!", " 😡", " #fail"))
        elif roll < 0.22 and recent:  # a reply in a chain
            parent = rng.choice(recent[-200:])
            post["in_reply_to"] = parent["id"]
            post["text"] = _sized(rng, rng.choice(REPLIES_EN if english else REPLIES_DE), english)
        elif roll < 0.52:  # about none of the organisations
            post["text"] = _sized(
                rng, rng.choice(UNRELATED_EN if english else UNRELATED_DE), english
            )
        else:
            org = rng.choice(orgs)
            names = [org["name"], *org["aliases"], *org["handles"], *org["products"]]  # type: ignore[misc]
            name = str(rng.choice(names))
            if rng.random() < 0.6:
                core = rng.choice(COMPLAINT_EN if english else COMPLAINT_DE)
            else:
                core = rng.choice(NEUTRAL_EN if english else NEUTRAL_DE)
            post["text"] = _sized(rng, f"{name} {core}", english)
        recent.append(post)
        if len(recent) > 2000:
            del recent[:1000]
        yield post


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ingest(lines: list[str]) -> tuple[float, float, list[tuple[int, float]], object, float]:
    """Wall s, CPU s, peak MiB at 10/50/100 %, the import result, and the wall seconds
    spent in the case actions (a complaint put on a case: contact, case, clocks, routing,
    customer update), timed around `recording._attach_case`, which the path calls."""
    from brandwache.listening import recording
    from brandwache.listening.jsonl import import_lines
    from brandwache.listening.models import Source

    in_cases = [0.0]
    attach = recording._attach_case

    def timed_attach(*args: object) -> int:
        started = perf_counter()
        try:
            return attach(*args)  # type: ignore[arg-type]
        finally:
            in_cases[0] += perf_counter() - started

    recording._attach_case = timed_attach  # type: ignore[assignment]

    source = Source.objects.create(name="bench", kind=Source.Kind.JSONL)
    marks = {max(1, len(lines) // 10), max(1, len(lines) // 2), len(lines)}
    memory: list[tuple[int, float]] = []

    def watched() -> Iterator[str]:
        for number, line in enumerate(lines, start=1):
            yield line
            if number in marks:  # the batch holding this line is read only after this
                memory.append((number, peak_mib()))

    wall, cpu = perf_counter(), process_time()
    try:
        result = import_lines(source, watched())
    finally:
        recording._attach_case = attach  # type: ignore[assignment]
    return perf_counter() - wall, process_time() - cpu, memory, result, in_cases[0]


def bare_triage(texts: list[str]) -> float:
    from brandwache.triage.analysis import analyse_many

    analyse_many(texts[:BATCH])  # warm-up: loading the model is not throughput
    started = process_time()
    for start in range(0, len(texts), BATCH):
        analyse_many(texts[start : start + BATCH])
    return len(texts) / (process_time() - started)


def bare_bulk_create(posts: list[dict[str, object]], lines: list[str]) -> float:
    """Posts/s for bulk_create of the same raw and post rows in batches, one commit each."""
    from django.db import transaction

    from brandwache.intake.models import RawMessage
    from brandwache.listening.models import Post, Source

    source = Source.objects.create(name="bare", kind=Source.Kind.JSONL)
    started = perf_counter()
    for start in range(0, len(posts), BATCH):
        with transaction.atomic():
            raws = RawMessage.objects.bulk_create(
                RawMessage(
                    channel="bare",
                    external_id=f"{source.pk}:{post['id']}",
                    payload=line.encode(),
                    content_type="application/json",
                    size=len(line),
                    metadata={"source": source.pk},
                )
                for post, line in zip(
                    posts[start : start + BATCH], lines[start : start + BATCH], strict=True
                )
            )
            Post.objects.bulk_create(
                Post(
                    source=source,
                    external_id=str(post["id"]),
                    raw=raw,
                    url=str(post["url"]),
                    author=str(post["author"]),
                    created_at=datetime.fromisoformat(str(post["created_at"])),
                    lang=str(post["lang"]),
                    text=str(post["text"]),
                    in_reply_to=str(post.get("in_reply_to") or ""),
                )
                for post, raw in zip(posts[start : start + BATCH], raws, strict=True)
            )
    return len(posts) / (perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    var_dir, server = setup_django(args.database)
    try:
        from brandwache.cases.models import Case
        from brandwache.intake.models import RawMessage
        from brandwache.listening.models import ListeningQuery, Mention, Post
        from brandwache.organisations.models import Organisation

        for entry in organisations():
            organisation = Organisation.objects.create(**entry)
            if entry["slug"] in QUERIES:
                ListeningQuery.objects.create(
                    organisation=organisation, name="bench", query=QUERIES[str(entry["slug"])]
                )
        posts = list(generate(args.posts, args.seed))
        lines = [json.dumps(post, ensure_ascii=False) for post in posts]
        words = sum(len(str(post["text"]).split()) for post in posts) / len(posts)
        print(
            f"{len(posts):,} posts, {words:.0f} words on average, seed {args.seed}, "
            f"database {args.database}, start {peak_mib():.0f} MiB"
        )
        wall, cpu, memory, result, in_cases = ingest(lines)
        print(
            f"ingest (listen import)      {len(posts) / wall:9,.0f} posts/s wall "
            f"{len(posts) / cpu:9,.0f} posts/s CPU   ({wall:.1f} s)"
        )
        print(
            f"  of which case actions     {in_cases:9.1f} s; the rest (reading, matching, "
            f"triage, dedupe, threads, storing) {len(posts) / (wall - in_cases):,.0f} posts/s"
        )
        print(
            "  peak memory  "
            + "   ".join(f"{number:,} posts: {mib:.0f} MiB" for number, mib in memory)
        )
        duplicates = Post.objects.filter(duplicate_of__isnull=False).count()
        print(
            f"  raw {RawMessage.objects.count():,}, posts {Post.objects.count():,}, "
            f"duplicates {duplicates:,}, mentions {Mention.objects.count():,}, "
            f"cases {Case.objects.count():,}, failed {result.outcome.failed:,}"  # type: ignore[attr-defined]
        )
        texts = [str(post["text"]) for post in posts]
        print(f"baseline  bare triage         {bare_triage(texts):9,.0f} posts/s CPU")
        print(f"baseline  bare bulk_create    {bare_bulk_create(posts, lines):9,.0f} posts/s wall")
    finally:
        teardown(var_dir, server)


if __name__ == "__main__":
    main()
