"""`brandwache evaluate germeval|urgency|pii`: the scores of the text analysis.

brandwache evaluate germeval TEST.xml                       the configured (shipped) model
brandwache evaluate germeval TEST.xml --train DEV.xml       a model trained on DEV only
brandwache evaluate germeval DEV.xml --folds 5              5-fold cross-validation on DEV
brandwache evaluate germeval DEV.xml --also DIA.xml --folds 5   the same over DEV and DIA pooled
brandwache evaluate germeval ... --baseline                 trained with the first level alone
brandwache evaluate urgency [--corpus FILE ...] [--misses]  the urgency signals on a corpus
brandwache evaluate urgency --rules                         the same with the rules alone
brandwache evaluate urgency --dev                           fitted without, scored on the dev lines
brandwache evaluate pii [FILE] [--misses]                   the personal-data finder
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from brandwache.triage.dataset import DataError, read_corpus, shipped_corpora
from brandwache.triage.evaluation import evaluate_germeval, evaluate_urgency, urgency_report
from brandwache.triage.modelfile import ModelFileError
from brandwache.triage.urgency_model import DEV_CORPUS, fit_urgency, is_dev_line


class Command(BaseCommand):
    help = "Print the scores of relevance/sentiment on GermEval, of the urgency signals, or of PII."

    def add_arguments(self, parser: CommandParser) -> None:
        subparsers = parser.add_subparsers(dest="what", required=True)
        germeval = subparsers.add_parser("germeval", help="Micro-F1 on a GermEval 2017 XML file.")
        germeval.add_argument("file", type=Path)
        germeval.add_argument(
            "--train",
            action="append",
            type=Path,
            default=[],
            metavar="FILE.xml",
            help="Train a model on these GermEval files only, instead of using the shipped one.",
        )
        germeval.add_argument(
            "--folds", type=int, help="k-fold cross-validation on the file itself."
        )
        germeval.add_argument(
            "--also",
            action="append",
            type=Path,
            default=[],
            metavar="FILE.xml",
            help="With --folds: pool these GermEval files with the file before drawing folds.",
        )
        germeval.add_argument(
            "--baseline",
            action="store_true",
            help="Train with the first level alone (the method without second level and cues).",
        )
        urgency = subparsers.add_parser(
            "urgency", help="Precision/recall of the urgency signals of the configured model."
        )
        urgency.add_argument("--corpus", action="append", type=Path, metavar="FILE")
        urgency.add_argument("--misses", action="store_true", help="List every wrong signal.")
        urgency.add_argument(
            "--rules", action="store_true", help="Score the rules alone, without learnt signals."
        )
        urgency.add_argument(
            "--dev",
            action="store_true",
            help="Fit the learnt signals on the shipped corpora without the dev fifth of "
            f"{DEV_CORPUS} and score them on that fifth (takes a few minutes).",
        )
        pii = subparsers.add_parser("pii", help="Precision/recall of the personal-data finder.")
        pii.add_argument("file", nargs="?", type=Path)
        pii.add_argument("--misses", action="store_true", help="List every wrong find.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"_{options['what']}")(options)
        except (DataError, ModelFileError, OSError) as error:
            raise CommandError(str(error)) from None

    def _germeval(self, options: dict[str, Any]) -> None:
        folds = options["folds"]
        if folds is not None and folds < 2:
            raise CommandError("--folds needs at least 2.")
        if options["also"] and not folds:
            raise CommandError("--also pools files for cross-validation: give --folds too.")
        model = None
        if not folds and not options["train"]:
            from brandwache.triage.analysis import current_model

            model = current_model()
        result = evaluate_germeval(
            options["file"],
            model=model,
            train_files=options["train"],
            k=folds,
            also=options["also"],
            baseline=options["baseline"],
        )
        for line in result.lines():
            self.stdout.write(line)

    def _urgency(self, options: dict[str, Any]) -> None:
        from brandwache.triage.analysis import current_urgency_model

        paths = options["corpus"] or shipped_corpora()
        if not paths:
            raise CommandError("No corpus found; give one with --corpus.")
        examples = [example for path in paths for example in read_corpus(path)]
        model = None if options["rules"] else current_urgency_model()
        if options["dev"]:
            if options["corpus"]:
                raise CommandError("--dev uses the shipped corpora; leave out --corpus.")
            train = [e for e in examples if not is_dev_line(e)]
            examples = [e for e in examples if is_dev_line(e)]
            model = None if options["rules"] else fit_urgency(train).model
        misses: list[str] = []
        self.stdout.write(urgency_report(evaluate_urgency(examples, misses, model)))
        if options["misses"]:
            for miss in misses:
                self.stdout.write(miss)

    def _pii(self, options: dict[str, Any]) -> None:
        from brandwache.privacy.evaluation import (
            LABELLED_SET,
            evaluate,
            exposure_report,
            load_examples,
            measure_exposure,
            report,
        )

        examples = load_examples(options["file"] or LABELLED_SET)
        scores = evaluate(examples)
        exposure = measure_exposure(examples)
        self.stdout.write(report(scores))
        self.stdout.write("")
        self.stdout.write(exposure_report(exposure))
        if options["misses"]:
            for kind, score in scores.items():
                for miss in score.misses:
                    self.stdout.write(f"{kind.value}: {miss}")
            for miss in exposure.misses:
                self.stdout.write(miss)
