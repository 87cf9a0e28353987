"""The model card: what a model was trained on, under which licences, and how well it does."""

from __future__ import annotations

from .classifier import Head, TriageModel

GERMEVAL_BASELINES = {"relevance": 0.840, "sentiment": 0.672}  # majority class on test_dia


def _table(header: list[str], rows: list[list[object]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return lines


def _scores(scores: dict[str, dict[str, float]]) -> list[str]:
    groups = sorted({group for values in scores.values() for group in values} - {"all"})
    rows = [
        [task, f"{values.get('all', 0):.3f}", *(_cell(values.get(group)) for group in groups)]
        for task, values in scores.items()
    ]
    return _table(["task", "all", *groups], rows)


def _head(head: Head) -> str:
    return f"{head.task} ({', '.join(c or '(none)' for c in head.classes)})"


def _cell(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _second_level(model: TriageModel) -> str:
    if model.combiner is None:
        return "- Second level: none (each task's n-gram head answers alone)"
    terms = ", ".join(model.combiner.cue_settings.brand_terms) or "none"
    return (
        "- Second level: per task a softmax over all heads' out-of-fold probabilities and "
        f"{model.combiner.weights.shape[0] - model.bias.size} cues (form, tone lexicon, brand "
        f"terms: {terms})"
    )


def render_card(model: TriageModel) -> str:
    """Markdown from the model's metadata (written by `training` and the `train` command)."""
    meta = model.metadata
    sources: list[dict[str, object]] = meta.get("sources", [])  # type: ignore[assignment]
    redistributable = bool(meta.get("redistributable"))
    lines = [f"# Triage model {model.version}", ""]
    lines += [
        f"- Created: {meta.get('created', '')}",
        "- Format: JSON metadata + numpy archive (no pickle), see `brandwache/triage/README.md`",
        f"- Tasks: {'; '.join(_head(head) for head in model.heads.values())}",
        f"- Features: {model.features.size:,} (word 1–2-grams and character 2–5-grams, TF-IDF)",
        _second_level(model),
        "",
        "## Licence and redistribution",
        "",
    ]
    if redistributable:
        lines.append(
            "Trained only on data written for Brandwache: the model may be redistributed with "
            "Brandwache under AGPL-3.0-or-later."
        )
    else:
        lines.append(
            "**This model may not be redistributed.** It was trained on data whose terms "
            "forbid it or are not known (see the sources)."
        )
        if any("CC BY-NC" in str(source.get("licence")) for source in sources):
            lines.append(
                "GermEval 2017 data is licensed CC BY-NC 4.0: the model is for the user's own "
                "non-commercial evaluation and use, and must not be shipped or shared."
            )
    lines += ["", "## Sources", ""]
    lines += _table(
        ["source", "licence", "examples", "redistributable", "note"],
        [
            [
                s["name"],
                s["licence"],
                s["examples"],
                "yes" if s["redistributable"] else "no",
                s["note"],
            ]
            for s in sources
        ],
    )
    counts: dict[str, dict[str, int]] = meta.get("label_counts", {})  # type: ignore[assignment]
    if counts:
        lines += ["", "## Labels", ""]
        lines += _table(
            ["task", "counts"],
            [[task, ", ".join(f"{k} {v}" for k, v in c.items())] for task, c in counts.items()],
        )
    cv: dict[str, dict[str, float]] = meta.get("cross_validation", {})  # type: ignore[assignment]
    if cv:
        lines += ["", f"## Scores: {meta.get('folds', 5)}-fold cross-validation (micro-F1)", ""]
        lines += _scores(cv)
    urgency: dict[str, dict[str, float]] = meta.get("urgency", {})  # type: ignore[assignment]
    if urgency:
        lines += ["", "## Urgency signals on the corpus's urgency column (relevant lines)", ""]
        lines += [
            "Learnt signals: out-of-fold decisions of 5-fold cross-validation at the threshold "
            "chosen on the same folds. Rules: written against this column, so in-sample.",
            "",
        ]
        lines += _table(
            ["signal", "precision", "recall", "labelled", "found", "by"],
            [
                [
                    k,
                    f"{v['precision']:.3f}",
                    f"{v['recall']:.3f}",
                    v["labelled"],
                    v["found"],
                    v.get("how", "rules, in-sample"),
                ]
                for k, v in urgency.items()
            ],
        )
    germeval: dict[str, dict[str, float]] = meta.get("germeval", {})  # type: ignore[assignment]
    if germeval:
        lines += ["", "## GermEval 2017 (micro-F1; this model as trained, no retraining)", ""]
        lines += _table(
            ["file", "relevance", "sentiment"],
            [
                [f, _cell(s.get("relevance")), _cell(s.get("sentiment"))]
                for f, s in germeval.items()
            ],
        )
        lines.append(
            "\nMajority-class baselines on test_dia: relevance 0.840, sentiment 0.672. GermEval's "
            "relevance means feedback about Deutsche Bahn, and most of its documents are neutral "
            "news; a model trained only on the Brandwache corpus learns feedback about any "
            "organisation from customer messages, so these figures measure the distance between "
            "the two, not the method (see `brandwache evaluate germeval --train`)."
        )
    lines += [
        "",
        "## Intended use and limits",
        "",
        "Suggestions for agents (relevance, sentiment, kind, category) on customer messages in "
        "German and English; French and Italian texts get predictions from the same features "
        "with less reliability. Confidences are the logistic models' probabilities. Agents "
        "correct labels in the case view; `brandwache train --include-cases` learns from them.",
        "",
    ]
    return "\n".join(lines)
