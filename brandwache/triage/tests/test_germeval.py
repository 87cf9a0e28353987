import os
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from brandwache.triage.dataset import DataError
from brandwache.triage.evaluation import micro_f1
from brandwache.triage.germeval import read_germeval

# The official GermEval 2017 files are not shipped (CC BY-NC 4.0); point this at a folder
# holding them to score the real test set as well.
REAL_DATA = Path(os.environ.get("BRANDWACHE_GERMEVAL_DIR", "") or "/nonexistent")
POSTS = [
    ("true", "negative", "Die Bahn ist schon wieder zu spät, 40 Minuten Verspätung in Köln"),
    ("true", "negative", "Zug fällt aus, kein Ersatz, danke Deutsche Bahn"),
    ("true", "negative", "ICE ohne Klimaanlage, die Bahn schafft es einfach nicht"),
    ("true", "positive", "Danke an das freundliche Zugpersonal der Bahn heute"),
    ("true", "positive", "Die Bahn war heute pünktlich, super Fahrt nach Berlin"),
    ("true", "neutral", "Die Bahn plant mehr Baustellen im Sommer"),
    ("true", "neutral", "Neuer Fahrplan der Bahn gilt ab Dezember"),
    ("false", "neutral", "Rezept für Apfelkuchen mit Zimt und Sahne"),
    ("false", "neutral", "Das Fussballspiel endete unentschieden"),
    ("false", "positive", "Schöner Urlaub am Meer mit der Familie"),
]


def write_xml(path: Path, posts=POSTS) -> Path:
    documents = "".join(
        f'<Document id="doc{i}"><relevance>{r}</relevance><sentiment>{s}</sentiment>'
        f"<text>{t}</text></Document>"
        for i, (r, s, t) in enumerate(posts)
    )
    path.write_text(f'<?xml version="1.0" encoding="UTF-8"?><Documents>{documents}</Documents>')
    return path


def evaluate(*args: str) -> str:
    out = StringIO()
    call_command("evaluate", *args, stdout=out)
    return out.getvalue()


def test_the_reader_maps_germeval_labels_to_triage_labels(tmp_path):
    examples = read_germeval(write_xml(tmp_path / "posts.xml"))
    assert len(examples) == len(POSTS)
    assert examples[0].labels == {"relevance": "relevant", "sentiment": "negative"}
    assert examples[7].labels["relevance"] == "irrelevant"


def test_a_file_in_another_format_is_refused_with_the_reason(tmp_path):
    (tmp_path / "other.xml").write_text("<Posts><Post/></Posts>")
    with pytest.raises(DataError, match="root is <Posts>"):
        read_germeval(tmp_path / "other.xml")
    write_xml(tmp_path / "bad.xml", [("maybe", "neutral", "Text")])
    with pytest.raises(DataError, match="not a GermEval label"):
        read_germeval(tmp_path / "bad.xml")


def test_micro_f1_of_single_labels_equals_accuracy():
    assert micro_f1(["a", "b", "b", "c"], ["a", "b", "c", "c"]) == pytest.approx(0.75)
    assert micro_f1([], []) == 0.0


def test_evaluate_with_train_prints_both_micro_f1_lines(tmp_path):
    train = write_xml(tmp_path / "train.xml")
    test = write_xml(tmp_path / "test.xml", POSTS[:4] + POSTS[7:])
    output = evaluate("germeval", str(test), "--train", str(train))
    assert re.search(r"^relevance micro-F1: [01]\.\d{3}$", output, re.M)
    assert re.search(r"^sentiment micro-F1: [01]\.\d{3}$", output, re.M)
    assert "majority baseline relevance 0.571" in output


def test_evaluate_with_folds_cross_validates_on_the_file(tmp_path):
    output = evaluate("germeval", str(write_xml(tmp_path / "posts.xml")), "--folds", "2")
    assert "2-fold cross-validation on the file" in output
    assert "relevance micro-F1: " in output


def test_a_missing_file_is_an_error_not_a_traceback(tmp_path):
    with pytest.raises(CommandError, match="cannot be read"):
        evaluate("germeval", str(tmp_path / "nothing.xml"), "--folds", "2")


@pytest.mark.skipif(not REAL_DATA.is_dir(), reason="GermEval 2017 files not available")
def test_trained_on_dev_only_the_method_beats_the_majority_baseline_on_test_dia():
    output = evaluate(
        "germeval",
        str(REAL_DATA / "test_dia-2017-09-15.xml"),
        "--train",
        str(REAL_DATA / "dev-2017-09-15.xml"),
    )
    scores = dict(re.findall(r"^(\w+) micro-F1: (0\.\d+)$", output, re.M))
    # The second level's cues lifted relevance from 0.875 (first level alone) to about 0.89.
    assert float(scores["relevance"]) > 0.885
    assert float(scores["sentiment"]) > 0.72
