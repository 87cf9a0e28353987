import json
from pathlib import Path

import numpy as np
import pytest

from brandwache.triage.dataset import read_corpus
from brandwache.triage.features import FeatureSettings
from brandwache.triage.modelfile import (
    METADATA_FILE,
    WEIGHTS_FILE,
    ModelFileError,
    load_model,
    save_model,
    sha256_of,
)
from brandwache.triage.tests.samples import write_corpus
from brandwache.triage.training import fit

TEXTS = [
    "Meine Rechnung ist falsch, ich will mein Geld zurück!",
    "Wann kommt mein Paket?",
    "Danke für den tollen Service",
    "Heute scheint die Sonne",
    "The parcel is two weeks late.",
    "",
]


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    corpus = write_corpus(tmp_path_factory.mktemp("corpus") / "corpus_test.tsv")
    return fit(read_corpus(corpus), feature_settings=FeatureSettings(min_df=1))


@pytest.fixture
def saved(model, tmp_path) -> Path:
    return save_model(model, tmp_path / "model", card="# card\n")


def test_a_saved_then_loaded_model_predicts_exactly_like_the_one_in_memory(model, saved):
    loaded = load_model(saved)
    before, after = model.probabilities(TEXTS), loaded.probabilities(TEXTS)
    assert before.keys() == after.keys() == {"relevance", "sentiment", "kind", "category"}
    for task in before:
        assert np.array_equal(before[task], after[task])
    assert loaded.heads == model.heads
    assert loaded.features.blocks["char"].terms == model.features.blocks["char"].terms


def test_the_model_learnt_the_sample_it_was_fitted_on(model):
    predicted = model.predict(
        ["Meine Rechnung ist doppelt abgebucht worden, bitte sofort zurückzahlen!"]
    )
    assert predicted["category"] == ["billing"]
    assert predicted["kind"] == ["complaint"]


def test_probabilities_of_every_task_sum_to_one(model):
    for probabilities in model.probabilities(TEXTS).values():
        assert np.allclose(probabilities.sum(axis=1), 1.0)


def test_a_changed_weights_file_is_refused(saved):
    weights = saved / WEIGHTS_FILE
    data = bytearray(weights.read_bytes())
    data[len(data) // 2] ^= 0xFF
    weights.write_bytes(bytes(data))
    with pytest.raises(ModelFileError, match="damaged or was replaced"):
        load_model(saved)


def test_an_archive_with_pickled_objects_is_refused_even_when_its_hash_is_updated(saved):
    weights = saved / WEIGHTS_FILE
    with np.load(weights, allow_pickle=False) as archive:
        arrays = {name: archive[name] for name in archive.files}
    arrays["bias"] = np.array([{"run": "code"}], dtype=object)
    np.savez(weights, **arrays)
    metadata = json.loads((saved / METADATA_FILE).read_text())
    metadata["weights_sha256"] = sha256_of(weights)
    (saved / METADATA_FILE).write_text(json.dumps(metadata))
    with pytest.raises(ModelFileError, match="cannot be read"):
        load_model(saved)


def test_a_foreign_or_missing_folder_is_refused_with_the_reason(saved, tmp_path):
    with pytest.raises(ModelFileError, match="missing"):
        load_model(tmp_path / "nothing")
    (saved / METADATA_FILE).write_text('{"format": "something-else"}')
    with pytest.raises(ModelFileError, match="does not describe"):
        load_model(saved)
    (saved / METADATA_FILE).write_text("not json")
    with pytest.raises(ModelFileError, match="not valid JSON"):
        load_model(saved)


def test_a_model_made_with_another_normaliser_must_be_trained_again(saved):
    metadata = json.loads((saved / METADATA_FILE).read_text())
    metadata["normaliser_version"] = 0
    (saved / METADATA_FILE).write_text(json.dumps(metadata))
    with pytest.raises(ModelFileError, match="train the model again"):
        load_model(saved)


def test_arrays_that_do_not_fit_together_are_refused(saved):
    weights = saved / WEIGHTS_FILE
    with np.load(weights, allow_pickle=False) as archive:
        arrays = {name: archive[name] for name in archive.files}
    arrays["bias"] = arrays["bias"][:-1]
    np.savez_compressed(weights, **arrays)
    metadata = json.loads((saved / METADATA_FILE).read_text())
    metadata["weights_sha256"] = sha256_of(weights)
    (saved / METADATA_FILE).write_text(json.dumps(metadata))
    with pytest.raises(ModelFileError, match="do not fit"):
        load_model(saved)
