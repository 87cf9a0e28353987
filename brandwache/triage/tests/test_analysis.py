import json
from pathlib import Path

import pytest

from brandwache.triage import analysis
from brandwache.triage.analysis import Analysis, Label, analyse, analyse_many, current_model
from brandwache.triage.dataset import read_corpus
from brandwache.triage.features import FeatureSettings
from brandwache.triage.modelfile import save_model
from brandwache.triage.tests.samples import write_corpus
from brandwache.triage.training import fit

COMPLAINT = (
    "Seit drei Wochen warte ich auf mein Paket, niemand antwortet. Eine Frechheit!!! "
    "Ich kündige und schreibe eine Bewertung."
)
PRAISE = "Thank you so much, your support team solved my problem in five minutes. Great service!"


def test_the_shipped_model_is_small_and_may_be_shipped():
    folder = analysis.SHIPPED_MODEL
    assert sum(f.stat().st_size for f in folder.iterdir()) < 5 * 1024 * 1024
    metadata = json.loads((folder / "model.json").read_text())["metadata"]
    assert metadata["redistributable"] is True
    assert all(source["licence"].startswith("AGPL") for source in metadata["sources"])
    assert "may be redistributed" in (folder / "MODEL_CARD.md").read_text()


def test_an_angry_german_complaint_is_read_as_such():
    result = analyse(COMPLAINT, subject="Paket")
    assert result.language == Label("de", result.language.confidence)
    assert result.relevance.value == "relevant"
    assert result.sentiment.value == "negative"
    assert result.kind.value == "complaint"
    assert result.category is not None and result.category.value == "delivery"
    assert {signal.kind for signal in result.urgency} == {"cancellation", "public", "storm"}
    assert result.model_version == current_model().version


def test_english_praise_is_read_as_such():
    result = analyse(PRAISE)
    assert (result.language.value, result.sentiment.value, result.kind.value) == (
        "en",
        "positive",
        "praise",
    )
    assert result.urgency == ()


def test_a_batch_gives_the_same_answers_as_one_by_one():
    texts = [COMPLAINT, PRAISE, "Heute scheint die Sonne am See.", ""]
    assert analyse_many(texts) == [analyse(text) for text in texts]
    assert analyse_many([]) == []


def test_labels_come_from_the_fixed_value_sets_with_probabilities():
    result = analyse("Wann kommt mein neues Natel?")
    assert result.relevance.value in {"relevant", "irrelevant"}
    assert result.sentiment.value in {"negative", "neutral", "positive"}
    assert result.kind.value in {"complaint", "question", "praise", "other"}
    for label in (result.relevance, result.sentiment, result.kind):
        assert 0.0 <= label.confidence <= 1.0


def test_the_result_is_json_ready():
    stored = json.loads(json.dumps(analyse(COMPLAINT).as_dict()))
    assert stored["sentiment"]["value"] == "negative"
    assert {"kind": "storm", "evidence": "Frechheit, !!!"} in stored["urgency"]


def test_categories_are_only_the_configured_ones(settings):
    settings.BRANDWACHE_CATEGORIES = ["billing", "product", "other"]
    category = analyse(COMPLAINT).category
    assert category is None or category.value in {"billing", "product", "other"}
    settings.BRANDWACHE_CATEGORIES = ["rail=Bahnreisen", "billing"]
    assert analyse(COMPLAINT).category is None


def test_a_model_folder_in_the_setting_replaces_the_shipped_model(settings, tmp_path):
    corpus = write_corpus(tmp_path / "corpus_test.tsv")
    model = fit(read_corpus(corpus), feature_settings=FeatureSettings(min_df=1))
    model.metadata["version"] = "triage-test"
    settings.BRANDWACHE_TRIAGE_MODEL = str(save_model(model, tmp_path / "model"))
    try:
        assert current_model().version == "triage-test"
        assert analyse("Meine Rechnung ist falsch").model_version == "triage-test"
    finally:
        settings.BRANDWACHE_TRIAGE_MODEL = ""
    assert current_model().version != "triage-test"


def test_a_model_without_kind_or_category_answers_with_zero_confidence(settings, tmp_path):
    texts = ["Die Bahn ist zu spät", "Danke Bahn", "Rezept für Kuchen", "Bahn fährt"]
    labels = {"relevance": ["relevant", "relevant", "irrelevant", "relevant"]}
    from brandwache.triage.classifier import fit_model

    model = fit_model(texts, labels, feature_settings=FeatureSettings(min_df=1))
    settings.BRANDWACHE_TRIAGE_MODEL = str(save_model(model, tmp_path / "model"))
    try:
        result = analyse("Die Bahn ist zu spät")
    finally:
        settings.BRANDWACHE_TRIAGE_MODEL = ""
    assert result.kind == Label("other", 0.0)
    assert result.sentiment == Label("neutral", 0.0)
    assert result.category is None
    assert isinstance(result, Analysis)


@pytest.mark.parametrize("path", sorted(Path(analysis.__file__).parent.glob("data/corpus_*.tsv")))
def test_the_shipped_model_reads_most_of_its_own_corpus_right(path):
    examples = read_corpus(path)[:200]
    predicted = current_model().predict([e.text for e in examples])
    right = sum(
        p == e.labels["sentiment"] for p, e in zip(predicted["sentiment"], examples, strict=True)
    )
    assert right / len(examples) > 0.8
