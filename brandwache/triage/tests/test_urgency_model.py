"""Learnt urgency signals: fitting, thresholds, evidence, the model file, the shipped detector."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np
import pytest

from brandwache.triage.analysis import SHIPPED_MODEL
from brandwache.triage.dataset import DATA_DIR, Example, read_corpus, shipped_corpora
from brandwache.triage.evaluation import evaluate_urgency
from brandwache.triage.features import FeatureSettings
from brandwache.triage.modelfile import (
    METADATA_FILE,
    WEIGHTS_FILE,
    ModelFileError,
    load_model,
    load_urgency,
    save_model,
    sha256_of,
)
from brandwache.triage.tests.samples import write_corpus
from brandwache.triage.training import fit
from brandwache.triage.urgency import find_urgency
from brandwache.triage.urgency_model import (
    LEARNT,
    MIN_POSITIVES,
    RULE_FLOOR,
    best_threshold,
    fit_urgency,
    is_dev_line,
)

URGENCY_CORPUS = DATA_DIR / "corpus_urgency.tsv"
# Written in other styles than the corpus, to choose on (README of data/): it may be read.
DEV_C = Path(__file__).with_name("urgency_dev_c.tsv")


def kinds(text: str, model=None) -> dict[str, str]:
    return {signal.kind: signal.evidence for signal in find_urgency(text, model)}


@pytest.fixture(scope="module")
def small_fit():
    """Signals learnt from 900 lines of the urgency corpus, thresholds from 3 folds."""
    examples = [e for e in read_corpus(URGENCY_CORPUS) if e.urgency is not None][:900]
    return fit_urgency(examples, folds=3)


@pytest.fixture(scope="module")
def shipped():
    model = load_urgency(SHIPPED_MODEL)
    assert model is not None, "the shipped model has no learnt urgency signals: retrain it"
    return model


def test_each_learnt_signal_gets_a_threshold_and_out_of_fold_scores(small_fit):
    model = small_fit.model
    assert model.signals == LEARNT
    assert all(0.05 <= t <= 0.95 for t in model.thresholds)
    for signal in LEARNT:
        score = small_fit.scores[signal]
        assert score.labelled >= MIN_POSITIVES
        # Out of fold on 900 lines: far from perfect, far better than chance.
        assert 0.5 < score.precision < 1.0 and 0.5 < score.recall < 1.0


def test_a_signal_with_too_few_examples_is_left_to_the_rules():
    examples = [
        Example(
            f"Ich kündige Vertrag {n}, der Service ist schlecht.",
            urgency=frozenset({"cancellation"}),
        )
        for n in range(12)
    ] + [Example(f"Wann kommt Paket {n}? Ich warte.", urgency=frozenset()) for n in range(12)]
    examples.append(Example("Mein Anwalt meldet sich.", urgency=frozenset({"legal"})))
    examples.append(Example("Ohne Urgency-Label.", urgency=None))
    model = fit_urgency(examples, folds=0).model
    assert model.signals == ("cancellation",)
    assert np.array_equal(model.thresholds, [0.5])
    # Legal is not learnt, so its rule decides; cancellation is the model's.
    assert "legal" in kinds("Mein Rechtsanwalt meldet sich.", model)
    assert "cancellation" in kinds("Ich kündige Vertrag 99, der Service ist schlecht.", model)
    assert "cancellation" not in kinds("Wann kommt Paket 99? Ich warte.", model)


def test_a_matching_rule_lowers_the_bar_to_the_floor_and_gives_the_evidence(small_fit):
    model = small_fit.model
    index = model.signals.index("cancellation")
    with_rule = "Ich kündige, der Router fällt jeden Abend aus."
    without = "Der Router fällt jeden Abend aus, nächsten Monat bin ich bei Sunnet."
    original = model.thresholds.copy()
    try:
        for text, rule in ((with_rule, True), (without, False)):
            probability = model.probabilities(text)[index]
            assert probability >= RULE_FLOOR, text
            model.thresholds[index] = probability + 0.01  # the model alone would stay quiet
            found = kinds(text, model)
            assert ("cancellation" in found) is rule, text
        assert kinds(with_rule, model)["cancellation"] == "kündige"
    finally:
        model.thresholds[:] = original


def test_the_threshold_is_where_the_weaker_of_precision_and_recall_is_best():
    wanted = np.array([True, True, True, False, False, False])
    probabilities = np.array([0.9, 0.8, 0.3, 0.6, 0.2, 0.1])
    # At 0.61..0.80 precision is 1 and recall 2/3; at 0.3 recall is 1 and precision 3/4.
    assert best_threshold(wanted, probabilities) == 0.3
    assert best_threshold(wanted[:3], probabilities[:3]) == 0.3


def test_evidence_names_the_telling_words_of_the_text_not_its_function_words(shipped):
    text = "Da war eine Metallklammer im Brot, mein Sohn hat am Gaumen geblutet."
    evidence = shipped.find(text)["safety"]
    assert evidence and all(phrase in text for phrase in evidence.split(", "))
    assert not {"hat", "im", "war", "mein"} & set(evidence.replace(",", " ").split())


def test_the_rules_phrase_is_the_evidence_where_the_rule_agrees(shipped):
    assert kinds("Mein Rechtsanwalt meldet sich bei Ihnen.", shipped)["legal"] == "Rechtsanwalt"


def test_the_shipped_detector_hears_what_the_lexicons_miss(shipped):
    assert "cancellation" in kinds("So Helvetel, seid's mich los. Ich gehe.", shipped)
    assert "cancellation" in kinds("Ported my number out to another network today.", shipped)
    assert "safety" in kinds("There was a metal clip in the bread, my son cut his gum.", shipped)
    assert "public" in kinds("Das zeige ich jetzt allen auf TikTok.", shipped)
    assert "legal" in kinds("Wir lassen das jetzt von der Ombudsstelle prüfen.", shipped)


def test_the_shipped_detector_keeps_quiet_on_hard_negatives(shipped):
    for text in (
        "Wie lange ist die Kündigungsfrist bei meinem Internetvertrag?",
        "I'd never cancel, your support team is brilliant.",
        "Ich habe die Rechnung zweimal erhalten.",
        "Someone should fire the manager of the Eastgate store, so rude.",
        "Your team were lovely, I'm leaving you a five-star review!",
    ):
        assert not set(kinds(text, shipped)) & set(LEARNT), text


def test_urgency_signals_survive_saving_and_loading_exactly(small_fit, tmp_path):
    corpus = write_corpus(tmp_path / "corpus_test.tsv")
    model = fit(read_corpus(corpus), feature_settings=FeatureSettings(min_df=1))
    folder = save_model(model, tmp_path / "model", urgency=small_fit.model)
    loaded = load_urgency(folder)
    texts = ["Ich kündige, ihr seid zu teuer.", "Rauch aus dem Router!", "Danke für alles."]
    for text in texts:
        assert np.array_equal(small_fit.model.probabilities(text), loaded.probabilities(text))
        assert small_fit.model.find(text) == loaded.find(text)
    assert np.array_equal(loaded.thresholds, small_fit.model.thresholds)
    assert load_model(folder).heads == model.heads
    # A folder without the learnt part reads as rules only.
    assert load_urgency(save_model(model, tmp_path / "plain")) is None


def test_a_model_json_promising_urgency_arrays_the_archive_lacks_is_refused(small_fit, tmp_path):
    corpus = write_corpus(tmp_path / "corpus_test.tsv")
    model = fit(read_corpus(corpus), feature_settings=FeatureSettings(min_df=1))
    folder = save_model(model, tmp_path / "model", urgency=small_fit.model)
    plain = save_model(model, tmp_path / "plain")
    # The archive without the urgency arrays, and a model.json that still describes them.
    (folder / WEIGHTS_FILE).write_bytes((plain / WEIGHTS_FILE).read_bytes())
    document = json.loads((folder / METADATA_FILE).read_text())
    document["weights_sha256"] = sha256_of(folder / WEIGHTS_FILE)
    (folder / METADATA_FILE).write_text(json.dumps(document))
    with pytest.raises(ModelFileError, match="urgency_"):
        load_urgency(folder)


def test_the_urgency_arrays_are_plain_numpy_arrays_in_the_hashed_archive(small_fit, tmp_path):
    corpus = write_corpus(tmp_path / "corpus_test.tsv")
    model = fit(read_corpus(corpus), feature_settings=FeatureSettings(min_df=1))
    folder = save_model(model, tmp_path / "model", urgency=small_fit.model)
    names = set(zipfile.ZipFile(folder / WEIGHTS_FILE).namelist())
    assert {"urgency_weights.npy", "urgency_thresholds.npy", "weights.npy"} <= names
    with np.load(folder / WEIGHTS_FILE, allow_pickle=False) as archive:
        assert archive["urgency_weights"].dtype == np.float16
    description = json.loads((folder / METADATA_FILE).read_text())["urgency"]
    assert description["signals"] == list(LEARNT)


def test_the_dev_fifth_is_fixed_by_the_text_and_only_in_the_urgency_corpus():
    examples = read_corpus(URGENCY_CORPUS)
    share = sum(map(is_dev_line, examples)) / len(examples)
    assert 0.15 < share < 0.25
    line = examples[0]
    assert is_dev_line(line) == is_dev_line(Example(line.text, source=URGENCY_CORPUS.name))
    assert not is_dev_line(Example(line.text, source="corpus_de.tsv"))


def test_the_shipped_model_was_trained_with_the_urgency_corpus():
    sources = json.loads(Path(SHIPPED_MODEL, METADATA_FILE).read_text())["metadata"]["sources"]
    assert "corpus_urgency.tsv" in {source["name"] for source in sources}


def test_the_independent_dev_set_is_new_and_covers_every_learnt_signal():
    examples = read_corpus(DEV_C)
    corpus = {example.text for path in shipped_corpora() for example in read_corpus(path)}
    assert len(examples) >= 400
    assert not corpus & {example.text for example in examples}
    german = sum(example.language == "de" for example in examples) / len(examples)
    assert 0.5 <= german <= 0.7
    relevant = [example for example in examples if example.urgency is not None]
    for signal in LEARNT:
        assert sum(signal in example.urgency for example in relevant) >= 50
    assert sum(not example.urgency for example in relevant) >= 100


# The shipped detector on the independent dev set, less a small margin: (precision, recall).
DEV_C_FLOORS = {
    "cancellation": (0.75, 0.65),
    "legal": (0.85, 0.83),
    "safety": (0.88, 0.85),
    "public": (0.78, 0.88),
}


@pytest.mark.parametrize("signal", LEARNT)
def test_the_shipped_detector_stays_above_its_floor_on_the_independent_dev_set(signal, shipped):
    score = evaluate_urgency(read_corpus(DEV_C), model=shipped)[signal]
    precision, recall = DEV_C_FLOORS[signal]
    assert score.precision >= precision, f"{signal} precision {score.precision:.3f}"
    assert score.recall >= recall, f"{signal} recall {score.recall:.3f}"
