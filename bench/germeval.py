"""GermEval 2017 figures of the triage method beside the previous one, and their speed.

    BRANDWACHE_GERMEVAL_DIR=/path/to/germeval2017 python bench/germeval.py [--no-cv] [--folds 5]
    python bench/germeval.py --data /path/to/germeval2017

The folder must hold the official `dev-2017-09-15.xml` and `test_dia-2017-09-15.xml` (CC BY-NC
4.0; not in the repository). In one run, for the current method (first level, second level with
cues) and the baseline (the first level alone, as before the second level existed):

- trained on dev, scored on test_dia (`evaluate germeval TEST --train DEV [--baseline]`)
- k-fold cross-validation over dev and test_dia pooled (`evaluate germeval DEV --also TEST
  --folds 5 [--baseline]`), unless --no-cv (it takes several minutes)
- classifier throughput: texts per CPU second of one process for tweet-length texts (GermEval
  documents of at most 200 characters), batches of 100, with the model trained on both files

and once: the configured (shipped) model on both files, and the majority baselines.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path
from time import process_time

import common  # noqa: F401  (puts the project on the import path)

DEV = "dev-2017-09-15.xml"
TEST = "test_dia-2017-09-15.xml"
BATCH = 100


def setup() -> None:
    os.environ["BRANDWACHE_VAR_DIR"] = tempfile.mkdtemp(prefix="brandwache-bench-")
    os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 40)
    os.environ["DJANGO_SETTINGS_MODULE"] = "brandwache.settings"
    import django

    django.setup()


def throughput(model: object, texts: list[str]) -> float:
    model.probabilities(texts[:BATCH])  # type: ignore[attr-defined]  (warm-up)
    started = process_time()
    for start in range(0, len(texts), BATCH):
        model.probabilities(texts[start : start + BATCH])  # type: ignore[attr-defined]
    return len(texts) / (process_time() - started)


def row(name: str, scores: dict[str, float]) -> str:
    return f"  {name:<52} {scores['relevance']:>9.3f} {scores['sentiment']:>9.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=os.environ.get("BRANDWACHE_GERMEVAL_DIR"))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--no-cv", action="store_true", help="Skip the cross-validation.")
    args = parser.parse_args()
    if not args.data or not (Path(args.data) / DEV).is_file():
        parser.error(f"give the folder with {DEV} and {TEST} (--data or BRANDWACHE_GERMEVAL_DIR)")
    setup()
    from brandwache.triage.analysis import current_model
    from brandwache.triage.evaluation import GERMEVAL_CUES, evaluate_germeval
    from brandwache.triage.germeval import read_germeval
    from brandwache.triage.training import fit

    dev, test = Path(args.data) / DEV, Path(args.data) / TEST
    both = read_germeval(dev) + read_germeval(test)
    tweets = [example.text for example in both if len(example.text) <= 200]
    print(f"{'setting':<54} {'relevance':>9} {'sentiment':>9}   (micro-F1)")
    for file in (test, dev):
        result = evaluate_germeval(file, model=current_model())
        print(row(f"majority baseline, {file.name}", result.baselines))
        print(row(f"shipped model {current_model().version}, {file.name}", result.scores))
    speed = {}
    for name, baseline in (("baseline (first level only)", True), ("current method", False)):
        print(f"{name}:")
        result = evaluate_germeval(test, train_files=[dev], baseline=baseline)
        print(row("trained on dev, scored on test_dia", result.scores))
        if not args.no_cv:
            result = evaluate_germeval(dev, also=[test], k=args.folds, baseline=baseline)
            print(row(f"{args.folds}-fold cross-validation, dev + test_dia", result.scores))
        options = {"stacked": False} if baseline else {"cue_settings": GERMEVAL_CUES}
        speed[name] = throughput(fit(both, **options), tweets)
    print(f"\nclassifiers, texts per CPU second ({len(tweets)} GermEval texts of <= 200 chars):")
    for name, rate in speed.items():
        print(f"  {name:<52} {rate:>9,.0f}")


if __name__ == "__main__":
    main()
