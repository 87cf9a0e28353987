import json
import re
from io import StringIO
from pathlib import Path

import numpy as np
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from brandwache.triage import cues as cue_module
from brandwache.triage.classifier import MIN_STACK_TEXTS, fit_model
from brandwache.triage.cues import CueSettings, cue_names, cues
from brandwache.triage.features import FeatureSettings
from brandwache.triage.modelfile import METADATA_FILE, ModelFileError, load_model, save_model
from brandwache.triage.tests.test_germeval import POSTS, write_xml
from brandwache.triage.text import normalise

# Invented posts about a fictional rail company, twice as many as the second level needs.
SUBJECTS = ["Alpenbahn", "die Alpenbahn", "@alpenbahn", "der Zug der Alpenbahn", "Alpenbahn heute"]
NEGATIVE = ["ist wieder zu spät, 30 Minuten Verspätung", "fällt aus, kein Ersatzbus, Chaos"]
POSITIVE = ["war pünktlich, danke für die freundliche Fahrt", "super sauber und pünktlich"]
NEUTRAL = ["fährt ab Montag nach neuem Fahrplan", "baut im Sommer am Bahnhof Brunnen"]
OTHER = [
    "Rezept für Apfelkuchen mit Zimt",
    "Das Fussballspiel endete unentschieden",
    "Schöner Urlaub am Meer mit der Familie",
    "Der Wetterbericht meldet Regen für morgen",
]


def posts() -> tuple[list[str], dict[str, list[str | None]]]:
    texts, relevance, sentiment = [], [], []
    for subject in SUBJECTS:
        for label, phrases in (("negative", NEGATIVE), ("positive", POSITIVE)):
            for phrase in phrases:
                texts.append(f"{subject} {phrase}")
                relevance.append("relevant")
                sentiment.append(label)
        for phrase in NEUTRAL:
            texts.append(f"{subject} {phrase}")
            relevance.append("relevant")
            sentiment.append("neutral")
        for text in OTHER:
            texts.append(f"{text}, schrieb {subject.strip('@')}-Fan {len(texts)}")
            relevance.append("irrelevant")
            sentiment.append("neutral")
    return texts, {"relevance": relevance, "sentiment": sentiment}


@pytest.fixture(scope="module")
def stacked():
    texts, labels = posts()
    assert len(texts) >= MIN_STACK_TEXTS
    return fit_model(
        texts,
        labels,
        feature_settings=FeatureSettings(min_df=1),
        cue_settings=CueSettings(brand_terms=("Alpenbahn",)),
    )


def test_a_model_with_enough_texts_gets_a_second_level_that_reads_the_cues(stacked):
    assert stacked.combiner is not None
    assert stacked.metadata["second_level"] is True
    columns = stacked.bias.size
    assert stacked.combiner.weights.shape == (columns + len(cue_names()), columns)
    probabilities = stacked.probabilities(["Alpenbahn ist zu spät", "Apfelkuchen mit Zimt", ""])
    for values in probabilities.values():
        assert np.allclose(values.sum(axis=1), 1.0, atol=1e-5)
    assert stacked.predict(["Die Alpenbahn ist schon wieder zu spät"])["sentiment"] == ["negative"]


def test_too_few_texts_leave_the_second_level_out():
    texts, labels = posts()
    small = fit_model(
        texts[:20],
        {task: values[:20] for task, values in labels.items()},
        feature_settings=FeatureSettings(min_df=1),
    )
    assert small.combiner is None
    assert small.metadata["second_level"] is False


def test_the_baseline_method_is_the_first_level_alone():
    texts, labels = posts()
    baseline = fit_model(texts, labels, feature_settings=FeatureSettings(min_df=1), stacked=False)
    assert baseline.combiner is None


def test_a_saved_stacked_model_predicts_exactly_like_the_one_in_memory(stacked, tmp_path):
    folder = save_model(stacked, tmp_path / "model")
    document = json.loads((folder / METADATA_FILE).read_text())
    assert document["format_version"] == 2
    assert document["cues"]["brand_terms"] == ["Alpenbahn"]
    loaded = load_model(folder)
    texts = ["@alpenbahn danke!", "Heute Regen :(", "Alpenbahn fällt aus"]
    before, after = stacked.probabilities(texts), loaded.probabilities(texts)
    for task in before:
        assert np.array_equal(before[task], after[task])
    assert loaded.combiner is not None
    assert loaded.combiner.cue_settings == stacked.combiner.cue_settings


def test_a_format_1_folder_without_second_level_still_loads(tmp_path):
    texts, labels = posts()
    first = fit_model(texts, labels, feature_settings=FeatureSettings(min_df=1), stacked=False)
    folder = save_model(first, tmp_path / "old")
    document = json.loads((folder / METADATA_FILE).read_text())
    document["format_version"] = 1
    (folder / METADATA_FILE).write_text(json.dumps(document))
    loaded = load_model(folder)
    assert loaded.combiner is None
    text = ["Alpenbahn war pünktlich"]
    assert np.array_equal(
        first.probabilities(text)["sentiment"], loaded.probabilities(text)["sentiment"]
    )


def test_a_model_made_with_other_cues_must_be_trained_again(stacked, tmp_path, monkeypatch):
    folder = save_model(stacked, tmp_path / "model")
    document = json.loads((folder / METADATA_FILE).read_text())
    document["cues"]["version"] = cue_module.CUES_VERSION + 1
    (folder / METADATA_FILE).write_text(json.dumps(document))
    with pytest.raises(ModelFileError, match="cues version"):
        load_model(folder)


def named(text: str, settings: CueSettings) -> dict[str, float]:
    return dict(zip(cue_names(), cues(normalise(text), settings).tolist(), strict=True))


def test_brand_cues_see_the_name_where_it_stands_and_by_handle():
    settings = CueSettings(brand_terms=("Alpenbahn", "Deutsche Bahn"))
    early = named("@Alpenbahn warum steht der Zug schon wieder?", settings)
    assert early["brand_named"] == early["brand_early"] == early["brand_addressed"] == 1.0
    late = named("Ein langer Bericht über das Wetter. " * 5 + "Am Ende die Alpenbahn.", settings)
    assert late["brand_named"] == 1.0 and late["brand_early"] == 0.0
    assert named("Die Deutsche Bahn baut", settings)["brand_early"] == 1.0
    assert named("Rezept für Kuchen", settings)["brand_named"] == 0.0
    # Without brand terms the brand cues are always zero, whatever the text says.
    assert named("@Alpenbahn Alpenbahn", CueSettings())["brand_named"] == 0.0


def test_tone_cues_count_lexicon_words_and_emoticons():
    praise = named("Danke, super pünktlich heute :)", CueSettings())
    complaint = named("Schon wieder Verspätung, unfähig und kein WLAN 😡", CueSettings())
    assert praise["positive_words_log"] > 0 and praise["negative_words_log"] == 0
    assert praise["positive_emoticons"] > 0
    assert complaint["negative_words_log"] > praise["negative_words_log"]
    assert complaint["negative_emoticons"] > 0
    # "Bestellung" starts like "beste" but is no praise.
    assert named("Meine Bestellung ist da", CueSettings())["positive_words_log"] == 0


def test_form_cues_mark_replies_links_and_length():
    reply = named("Re: Frage zum Fahrplan https://example.org", CueSettings())
    assert reply["reply"] == reply["link"] == reply["shorter_than_80"] == 1.0
    long = named("Wort " * 200, CueSettings())
    assert long["shorter_than_600"] == 0.0


def evaluate(*args: str) -> str:
    out = StringIO()
    call_command("evaluate", *args, stdout=out)
    return out.getvalue()


def test_evaluate_pools_files_for_cross_validation(tmp_path):
    first = write_xml(tmp_path / "first.xml")
    second = write_xml(tmp_path / "second.xml", POSTS[:5] + POSTS[7:])
    output = evaluate("germeval", str(first), "--also", str(second), "--folds", "2")
    assert "2-fold cross-validation on 2 files pooled" in output
    assert "(18 documents;" in output
    assert re.search(r"^sentiment micro-F1: [01]\.\d{3}$", output, re.M)


def test_pooling_without_folds_is_refused(tmp_path):
    first = write_xml(tmp_path / "first.xml")
    with pytest.raises(CommandError, match="--folds"):
        evaluate("germeval", str(first), "--also", str(first))


def test_evaluate_can_train_with_the_baseline_method(tmp_path):
    train = write_xml(tmp_path / "train.xml")
    output = evaluate("germeval", str(train), "--train", str(train), "--baseline")
    assert "first level only (baseline method)" in output


def test_the_shipped_model_loads_with_or_without_second_level():
    folder = Path(__file__).resolve().parents[1] / "shipped" / "default"
    model = load_model(folder)
    assert model.predict(["Danke für die schnelle Antwort"])["sentiment"][0] in {
        "negative",
        "neutral",
        "positive",
    }


RAIL = CueSettings(
    brand_terms=("Alpenbahn", "AB"),
    context_terms=("zug", "gleis*", "verspaet*"),
    other_terms=("achterbahn*", "seilbahn gesellschaft"),
)


def test_context_cues_exist_only_when_the_settings_name_a_field():
    base = cue_names(CueSettings(brand_terms=("Alpenbahn",)))
    assert base == cue_names() and not set(cue_module.CONTEXT_CUES) & set(base)
    assert cue_names(RAIL) == (*base, *cue_module.CONTEXT_CUES)
    assert cues("ab zug", RAIL).shape == (len(cue_names(RAIL)),)


def test_context_cues_see_the_name_beside_words_of_its_field():
    def context(text: str) -> dict[str, float]:
        return dict(zip(cue_names(RAIL), cues(normalise(text), RAIL).tolist(), strict=True))

    beside = context("Der Zug der AB steht schon wieder am Gleis 4, Verspätung")
    assert beside["brand_near_context"] == 1.0 and beside["context_words_log"] > 0
    far = context("AB " + "und dann ging es weiter " * 4 + "bis zum Zug am Abend")
    assert far["brand_named"] == 1.0 and far["context_words_log"] > 0
    assert far["brand_near_context"] == 0.0
    assert context("Ein Zug ohne Namen")["brand_near_context"] == 0.0
    other = context("Die Achterbahnen im Park und die Seilbahn Gesellschaft")
    assert other["other_names_log"] == pytest.approx(np.log1p(2))
    assert context("Rezept für Kuchen")["other_names_log"] == 0.0


def test_a_model_with_context_cues_saves_and_loads_them(tmp_path):
    texts, labels = posts()
    model = fit_model(texts, labels, feature_settings=FeatureSettings(min_df=1), cue_settings=RAIL)
    assert model.combiner is not None
    columns = model.bias.size
    assert model.combiner.weights.shape == (columns + len(cue_names(RAIL)), columns)
    folder = save_model(model, tmp_path / "model")
    assert json.loads((folder / METADATA_FILE).read_text())["cues"]["names"][-3:] == list(
        cue_module.CONTEXT_CUES
    )
    loaded = load_model(folder)
    assert loaded.combiner is not None and loaded.combiner.cue_settings == RAIL
    sample = ["Der Zug der Alpenbahn hat Verspätung", "Achterbahn im Park"]
    before, after = model.probabilities(sample), loaded.probabilities(sample)
    for task in before:
        assert np.array_equal(before[task], after[task])
