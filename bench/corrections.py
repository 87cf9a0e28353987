"""Learning from agents' corrections, measured: the same evaluation texts scored by the shipped
model and by models retrained on the first N corrections, in one run.

    python bench/corrections.py [--batches 50 200] [--seed 1] [--database sqlite|postgres]

The topic is one the shipped corpus barely covers: a mountain railway and ski resort (lifts,
pistes, ski school, season passes). `resort_pool.tsv` holds 228 labelled messages for agents
to correct, `resort_eval.tsv` 102 others to score on; both in the corpus format, written for
this benchmark, German and English, no sentence shared between them.

1. A throw-away database, migrated; every pool message arrives as an e-mail through intake
   (`intake.pipeline.ingest`) and is analysed by the background task (`triage_message`).
2. A simulated agent goes through the labels the triage got wrong (relevance, sentiment,
   kind, category, and the urgency set of relevant messages), in a seeded random order, and
   corrects them one by one with `corrections.correct_label`: the first 50, then 150 more.
3. After each batch, `brandwache train --include-cases --folds 0` (the command itself, which
   also fits the urgency signals with their cross-validated thresholds) writes a new model,
   and the evaluation messages are analysed with it (`analysis.analyse_many`).

Printed: accuracy per label and precision/recall per urgency signal on the evaluation
messages, before (shipped model) and after each batch; how many corrections of each label
the batch held. A retraining takes a few minutes.
"""

from __future__ import annotations

import argparse
import random
import uuid
from collections import Counter
from email.message import EmailMessage
from io import StringIO
from pathlib import Path
from time import perf_counter

from common import ROOT, setup_django, teardown

POOL = ROOT / "bench" / "resort_pool.tsv"
EVALUATION = ROOT / "bench" / "resort_eval.tsv"
CATEGORIES = ["billing", "delivery", "product", "service", "contract", "other"]
TASKS = ("relevance", "sentiment", "kind", "category")
SUBJECT = {"de": "Bergbahnen", "en": "Resort"}


def mail(number: int, text: str, language: str) -> bytes:
    message = EmailMessage()
    message["From"] = f"Gast {number} <gast{number}@example.ch>"
    message["To"] = "service@bergbahnen.example"
    message["Subject"] = SUBJECT.get(language, "Resort")
    message["Message-ID"] = f"<{uuid.uuid4().hex}@mail.example.ch>"
    message.set_content(text.replace(" / ", "\n\n") + "\n")
    return message.as_bytes()


def take_in(examples: list) -> list[tuple[object, object]]:
    """Each example as an inbound e-mail, analysed by the task; (example, Triage) pairs."""
    from brandwache.intake.pipeline import ingest
    from brandwache.triage.models import Triage
    from brandwache.triage.tasks import triage_message

    pairs = []
    for number, example in enumerate(examples):
        message = ingest("email", mail(number, example.text, example.language)).message
        triage_message.call(message.pk)
        pairs.append((example, Triage.objects.get(message=message)))
    return pairs


def wrong_labels(pairs: list[tuple[object, object]], seed: int) -> list[tuple[object, str, str]]:
    """(triage, label, right value) for every label the triage got wrong, shuffled."""
    from brandwache.triage.models import urgency_value

    wrong = []
    for example, triage in pairs:
        for task in TASKS:
            gold = example.labels.get(task)
            if gold is not None and triage.label(task)[0] != gold:
                wrong.append((triage, task, gold))
        if example.urgency is not None:
            gold = urgency_value(example.urgency)
            if triage.label("urgency")[0] != gold:
                wrong.append((triage, "urgency", gold))
    random.Random(seed).shuffle(wrong)
    return wrong


def scores(examples: list) -> dict[str, str]:
    """Accuracy per label and precision/recall per urgency signal of the configured model."""
    from brandwache.scoring import Score
    from brandwache.triage.analysis import analyse_many
    from brandwache.triage.urgency import KINDS

    results = analyse_many([example.text for example in examples])
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    signals = {kind: Score() for kind in KINDS}
    for example, result in zip(examples, results, strict=True):
        predicted = {
            "relevance": result.relevance.value,
            "sentiment": result.sentiment.value,
            "kind": result.kind.value,
            "category": result.category.value if result.category else "",
        }
        for task in TASKS:
            if task in example.labels:
                total[task] += 1
                right[task] += predicted[task] == example.labels[task]
        if example.urgency is not None:
            found = {signal.kind for signal in result.urgency}
            for kind in KINDS:
                signals[kind].count(found=kind in found, wanted=kind in example.urgency)
    row = {task: f"{right[task] / total[task]:.3f}" for task in TASKS}
    for kind, score in signals.items():
        row[kind] = f"{score.precision:.2f}/{score.recall:.2f}"
    return row


def retrain(folder: Path) -> float:
    from django.core.management import call_command

    started = perf_counter()
    call_command(
        "train", "--include-cases", "--folds", "0", "--output", str(folder), stdout=StringIO()
    )
    return perf_counter() - started


def use_model(folder: Path | None) -> None:
    from django.conf import settings

    settings.BRANDWACHE_TRIAGE_MODEL = str(folder) if folder else ""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--batches", type=int, nargs="+", default=[50, 200])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args()
    var_dir, server = setup_django(args.database)
    try:
        from django.conf import settings
        from django.contrib.auth.models import User

        from brandwache.triage.corrections import correct_label
        from brandwache.triage.dataset import read_corpus

        settings.BRANDWACHE_CATEGORIES = CATEGORIES
        use_model(None)
        pool, evaluation = read_corpus(POOL), read_corpus(EVALUATION)
        agent = User.objects.create_user("bench-agent")
        pairs = take_in(pool)
        wrong = wrong_labels(pairs, args.seed)
        print(
            f"{len(pool)} pool messages taken in and analysed by the shipped model; "
            f"{len(wrong)} labels wrong ({dict(Counter(label for _t, label, _v in wrong))}); "
            f"{len(evaluation)} evaluation messages"
        )
        signals = Counter(kind for example in evaluation for kind in example.urgency or ())
        print(f"evaluation messages per urgency signal: {dict(sorted(signals.items()))}")
        rows = [("shipped model", "", scores(evaluation))]
        done = 0
        for batch in sorted(args.batches):
            batch = min(batch, len(wrong))
            for triage, label, value in wrong[done:batch]:
                correct_label(triage, label, value, agent)
            held = Counter(label for _t, label, _v in wrong[:batch])
            done = batch
            folder = var_dir / f"model-{batch}"
            seconds = retrain(folder)
            use_model(folder)
            note = ", ".join(f"{label} {count}" for label, count in sorted(held.items()))
            rows.append(
                (
                    f"+ {batch} corrections",
                    f"{note}; trained in {seconds:.0f} s",
                    scores(evaluation),
                )
            )
        columns = list(rows[0][2])
        print(f"\n{'model':<20}" + "".join(f"{c:>13}" for c in columns))
        for name, _note, row in rows:
            print(f"{name:<20}" + "".join(f"{row[c]:>13}" for c in columns))
        print("\nlabels: accuracy; urgency signals: precision/recall on the evaluation messages")
        for name, note, _row in rows[1:]:
            print(f"{name}: {note}")
    finally:
        teardown(var_dir, server)


if __name__ == "__main__":
    main()
