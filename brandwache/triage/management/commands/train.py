"""`brandwache train`: fit the triage model, cross-validate it, write a versioned model folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from brandwache.triage.card import render_card
from brandwache.triage.cues import CueSettings
from brandwache.triage.dataset import DataError
from brandwache.triage.evaluation import evaluate_germeval, evaluate_urgency
from brandwache.triage.text import normalise
from brandwache.triage.training import (
    cross_validate,
    fit,
    gather,
    label_counts,
    write_model,
)
from brandwache.triage.urgency_model import fit_urgency


class Command(BaseCommand):
    help = (
        "Train the triage model on the shipped corpus (and, by choice, GermEval files and the "
        "agents' labels) and write it as a versioned model folder."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--corpus",
            action="append",
            type=Path,
            metavar="FILE",
            help="A triage corpus (TSV) to train on instead of the shipped ones; repeatable.",
        )
        parser.add_argument(
            "--train",
            action="append",
            type=Path,
            default=[],
            metavar="GERMEVAL.xml",
            help="Also train on a GermEval 2017 file (CC BY-NC 4.0: the model may not be shared).",
        )
        parser.add_argument(
            "--include-cases", action="store_true", help="Also train on the agents' labels."
        )
        parser.add_argument(
            "--brand",
            action="append",
            default=[],
            metavar="TERM",
            help="A name of the organisation (repeatable, e.g. --brand Alpenbahn): texts naming "
            "it, early or by handle, lean towards relevant.",
        )
        parser.add_argument(
            "--field-term",
            action="append",
            default=[],
            metavar="TERM",
            help="A word of the organisation's field (repeatable; a trailing * matches any "
            "ending, e.g. --field-term 'gleis*'): a name standing near one is more likely meant.",
        )
        parser.add_argument(
            "--other-term",
            action="append",
            default=[],
            metavar="TERM",
            help="Another organisation or a look-alike sense of the name (repeatable, e.g. "
            "--other-term 'autobahn*'): texts naming these lean away from relevant.",
        )
        parser.add_argument(
            "--output", type=Path, help="Model folder (default var/models/triage-DATE-HASH/)."
        )
        parser.add_argument(
            "--folds", type=int, default=5, help="Cross-validation folds (0: none)."
        )
        parser.add_argument(
            "--score",
            action="append",
            type=Path,
            default=[],
            metavar="GERMEVAL.xml",
            help="Score the trained model on a GermEval file and record it in the model card.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            data = gather(
                corpora=options["corpus"],
                germeval=options["train"],
                include_cases=options["include_cases"],
            )
        except (DataError, OSError) as error:
            raise CommandError(str(error)) from None
        if not data.examples:
            raise CommandError("There is nothing to train on: no corpus found.")
        for source in data.sources:
            self.stdout.write(
                f"source {source.name}: {source.examples} examples ({source.licence})"
            )
        metadata: dict[str, object] = {
            "sources": [source.as_dict() for source in data.sources],
            "redistributable": data.redistributable,
            "label_counts": label_counts(data.examples),
        }
        cue_settings = CueSettings(
            brand_terms=tuple(options["brand"]),
            context_terms=tuple(normalise(term) for term in options["field_term"]),
            other_terms=tuple(normalise(term) for term in options["other_term"]),
        )
        if options["folds"] > 1:
            self.stdout.write(f"cross-validating with {options['folds']} folds ...")
            scores = cross_validate(data.examples, options["folds"], cue_settings=cue_settings)
            metadata.update({"cross_validation": scores, "folds": options["folds"]})
            for task, values in scores.items():
                groups = ", ".join(f"{g} {v:.3f}" for g, v in values.items())
                self.stdout.write(f"{task} micro-F1 (cross-validated): {groups}")
        # Learnt signals are scored out of fold (their thresholds come from the same folds);
        # the rest stay rules, scored on the corpus they were written against.
        self.stdout.write("fitting the urgency signals ...")
        urgency = fit_urgency(data.examples)
        rules = evaluate_urgency(data.examples)
        if any(score.labelled for score in rules.values()):
            metadata["urgency"] = {
                kind: {
                    **urgency.scores.get(kind, score).as_dict(),
                    "how": "cross-validated" if kind in urgency.scores else "rules, in-sample",
                }
                for kind, score in rules.items()
            }
            for kind, values in metadata["urgency"].items():  # type: ignore[union-attr]
                self.stdout.write(
                    f"urgency {kind}: precision {values['precision']:.3f} "
                    f"recall {values['recall']:.3f} ({values['how']})"
                )
        model = fit(data.examples, metadata=metadata, cue_settings=cue_settings)
        germeval = {}
        for path in options["score"]:
            try:
                result = evaluate_germeval(path, model=model)
            except (DataError, OSError) as error:
                raise CommandError(str(error)) from None
            germeval[path.name] = {task: round(v, 4) for task, v in result.scores.items()}
            for line in result.lines():
                self.stdout.write(f"{path.name}: {line}")
        model.metadata["germeval"] = germeval
        folder = write_model(
            model,
            output=options["output"],
            models_dir=Path(settings.VAR_DIR) / "models",
            card=render_card,
            urgency=urgency.model,
        )
        self.stdout.write(f"model {model.version} written to {folder}")
        if not data.redistributable:
            self.stdout.write("This model may not be redistributed: see its MODEL_CARD.md.")
