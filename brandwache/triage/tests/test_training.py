import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from brandwache.triage import training
from brandwache.triage.dataset import DataError, Example, read_corpus
from brandwache.triage.modelfile import load_model
from brandwache.triage.tests.samples import ROWS, write_corpus
from brandwache.triage.tests.test_germeval import write_xml


def train(*args: str) -> str:
    out = StringIO()
    call_command("train", *args, stdout=out)
    return out.getvalue()


def test_train_writes_a_versioned_model_folder_with_its_card(tmp_path, settings):
    settings.VAR_DIR = tmp_path
    corpus = write_corpus(tmp_path / "corpus_test.tsv")
    output = train("--corpus", str(corpus), "--folds", "2")
    folder = next((tmp_path / "models").iterdir())
    assert re.fullmatch(r"triage-\d{8}-[0-9a-f]{8}", folder.name)
    assert f"model {folder.name} written to {folder}" in output
    assert "sentiment micro-F1 (cross-validated): all " in output
    model = load_model(folder)
    assert model.version == folder.name
    card = (folder / "MODEL_CARD.md").read_text()
    assert f"# Triage model {folder.name}" in card
    assert "| corpus_test.tsv | not stated | 30 | no |" in card
    assert "2-fold cross-validation" in card
    assert "Urgency signals" in card
    metadata = json.loads((folder / "model.json").read_text())["metadata"]
    assert metadata["redistributable"] is False
    assert metadata["label_counts"]["kind"]["praise"] == 4


def test_a_model_trained_with_germeval_says_it_may_not_be_redistributed(tmp_path):
    corpus = write_corpus(tmp_path / "corpus_test.tsv")
    germeval = write_xml(tmp_path / "dev.xml")
    output = train(
        "--corpus", str(corpus), "--train", str(germeval), "--folds", "0",
        "--output", str(tmp_path / "model"),
    )  # fmt: skip
    assert "may not be redistributed" in output
    card = (tmp_path / "model" / "MODEL_CARD.md").read_text()
    assert "**This model may not be redistributed.**" in card
    assert "CC BY-NC 4.0" in card
    assert "| dev.xml | CC BY-NC 4.0 | 10 | no |" in card


def test_train_refuses_to_write_into_a_folder_holding_other_files(tmp_path):
    corpus = write_corpus(tmp_path / "corpus_test.tsv")
    with pytest.raises(FileExistsError, match="corpus_test.tsv"):
        train("--corpus", str(corpus), "--folds", "0", "--output", str(tmp_path))


def test_the_agents_labels_are_a_source_of_their_own(monkeypatch):
    cases = [Example("Rechnung falsch", "de", {"category": "billing"}, source="cases")]
    monkeypatch.setattr(training, "labelled_cases", lambda: cases)
    data = training.gather(corpora=[], include_cases=True)
    assert data.examples == cases
    assert data.sources[0].name == "labelled cases"
    assert not data.redistributable


def test_the_shipped_corpora_are_redistributable_sources():
    data = training.gather()
    assert data.sources, "the shipped corpus is missing"
    assert data.redistributable
    assert all(source.licence.startswith("AGPL-3.0") for source in data.sources)


def test_cross_validation_scores_each_task_overall_and_per_language(tmp_path):
    examples = read_corpus(write_corpus(tmp_path / "corpus_test.tsv"))
    scores = training.cross_validate(examples, 3)
    assert set(scores) == {"relevance", "sentiment", "kind", "category"}
    assert set(scores["kind"]) == {"all", "de", "en"}
    assert all(0.0 <= value <= 1.0 for task in scores.values() for value in task.values())


def test_a_corpus_line_with_an_unknown_label_names_its_file_and_line(tmp_path):
    bad = [*ROWS[:2], ("Text", "de", "true", "furious", "complaint", "billing", "")]
    with pytest.raises(DataError, match=r"corpus_bad.tsv, line 4: sentiment 'furious'"):
        read_corpus(write_corpus(tmp_path / "corpus_bad.tsv", bad))


def test_irrelevant_lines_teach_no_category_and_carry_no_urgency_label(tmp_path):
    examples = read_corpus(write_corpus(tmp_path / "corpus_test.tsv"))
    irrelevant = [e for e in examples if e.labels["relevance"] == "irrelevant"]
    assert irrelevant and all("category" not in e.labels for e in irrelevant)
    assert all(e.urgency is None for e in irrelevant)
    assert examples[1].urgency == {"cancellation"}


def test_a_command_error_explains_a_broken_corpus(tmp_path):
    bad = [("Text", "de", "true", "negative", "rant", "billing", "")]
    with pytest.raises(CommandError, match="kind 'rant'"):
        train("--corpus", str(write_corpus(tmp_path / "corpus_bad.tsv", bad)))


def test_brand_field_and_other_terms_reach_the_model_normalised(tmp_path):
    corpus = write_corpus(tmp_path / "corpus_test.tsv", ROWS * 4)
    folder = tmp_path / "model"
    train(
        "--corpus", str(corpus), "--folds", "0", "--output", str(folder),
        "--brand", "Alpenbahn", "--field-term", "Verspät*", "--other-term", "SBB",
    )  # fmt: skip
    combiner = load_model(folder).combiner
    assert combiner is not None
    settings = combiner.cue_settings
    assert settings.brand_terms == ("Alpenbahn",)
    assert settings.context_terms == ("verspaet*",)
    assert settings.other_terms == ("sbb",)
