"""Fit the complaint model of `brandwache listen classify` on the tuning sets.

    python bench/listening/fit_complaint.py [--output PATH]

Reads `posts_tuning*.jsonl` (never the held-out sets), takes every post whose organisation
`classify` finds right and that is not the organisation's own, and fits
`brandwache/listening/complaint_model.py` on whether it is a complaint (explicit or
implicit). Cross-validation holds out one file at a time (other writers); its precision,
recall and accuracy are printed beside the rule alone and written with the weights.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

HERE = Path(__file__).resolve().parent
TUNING = sorted(HERE.glob("posts_tuning*.jsonl"))
COMPLAINTS = ("explicit_complaint", "implicit_complaint")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=None, help="default: the shipped file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="brandwache-fit-") as workdir:
        os.environ["BRANDWACHE_VAR_DIR"] = workdir
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "brandwache.settings")
        import django

        django.setup()
        from brandwache.listening import complaint_model
        from brandwache.listening.classify import complaint_candidates
        from brandwache.listening.organisations import load_organisations

        organisations = load_organisations(HERE / "organisations.json")
        features, complaint, groups = [], [], []
        for group, path in enumerate(TUNING):
            rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
            posts = [{k: v for k, v in row.items() if not k.startswith("gold_")} for row in rows]
            for row, (slug, candidate) in zip(
                rows, complaint_candidates(posts, organisations), strict=True
            ):
                if candidate is None or slug != row["gold_organisation"]:
                    continue
                features.append(candidate.features)
                complaint.append(row["gold_label"] in COMPLAINTS)
                groups.append(group)
        rule = [row[complaint_model.FEATURES.index("rule_verdict")] > 0.5 for row in features]
        hits = sum(r and c for r, c in zip(rule, complaint, strict=True))
        print(f"{len(features)} posts from {', '.join(path.name for path in TUNING)}")
        print(
            f"rule alone:       precision {hits / sum(rule):.3f} recall "
            f"{hits / sum(complaint):.3f} predicted/true {sum(rule)}/{sum(complaint)}"
        )
        weights, figures = complaint_model.fit(features, complaint, groups)
        print(
            f"model (cross-validated, one file held out): precision "
            f"{figures['cross_validated_precision']:.3f} recall "
            f"{figures['cross_validated_recall']:.3f} accuracy "
            f"{figures['cross_validated_accuracy']:.3f} threshold {figures['threshold']}"
        )
        output = args.output or complaint_model.WEIGHTS_FILE
        complaint_model.write_weights(output, weights, figures)
        print(f"written to {output}")


if __name__ == "__main__":
    main()
