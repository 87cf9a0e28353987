"""Model folders in a format that cannot run code: JSON metadata plus a numpy archive of arrays.

    model.json      format, version, feature settings, heads and classes, the archive's SHA-256,
                    sources with licences, counts and scores (see `training`)
    weights.npz     vocabularies (UTF-8, one term per line), idf, weights (float16), bias
    MODEL_CARD.md   the same facts for people

A model may carry learnt urgency signals (`urgency_model`): their arrays sit in the same archive
under `urgency_*` names (covered by its hash) and `model.json` describes them under "urgency".
Folders without them load as before, and their urgency comes from the rules alone.

Format 2 adds the second level (`classifier.Combiner`): `combiner_weights` (float32) and
`combiner_bias` in the archive, the cue settings and cue version under "cues" in `model.json`.
Format 1 folders (first level only) still load and predict as they always did.

Loading never unpickles (`allow_pickle=False`) and refuses an archive whose hash does not match
the metadata, a foreign format, or arrays that do not fit together, with a message that says why.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np

from .classifier import Combiner, Head, TriageModel
from .cues import CUES_VERSION, CueSettings, cue_names
from .features import FeatureSettings, FeatureSpace
from .text import NORMALISER_VERSION
from .urgency_model import UrgencyModel

FORMAT = "brandwache-triage-model"
FORMAT_VERSION = 2
READABLE_VERSIONS = (1, 2)
METADATA_FILE = "model.json"
WEIGHTS_FILE = "weights.npz"
CARD_FILE = "MODEL_CARD.md"
ARRAYS = ("word_terms", "word_idf", "char_terms", "char_idf", "weights", "bias")
COMBINER_ARRAYS = ("combiner_weights", "combiner_bias")
URGENCY_ARRAYS = tuple(f"urgency_{name}" for name in (*ARRAYS, "thresholds"))


class ModelFileError(Exception):
    """A model folder that is missing, damaged, foreign or made for another version."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _terms_to_bytes(terms: list[str]) -> np.ndarray:
    if any("\n" in term for term in terms):
        raise ValueError("a term contains a line break")
    return np.frombuffer("\n".join(terms).encode("utf-8"), dtype=np.uint8)


def _terms_from_bytes(array: np.ndarray) -> list[str]:
    text = array.tobytes().decode("utf-8")
    return text.split("\n") if text else []


def _space_arrays(space: FeatureSpace, prefix: str = "") -> dict[str, np.ndarray]:
    word, char = space.blocks["word"], space.blocks["char"]
    return {
        f"{prefix}word_terms": _terms_to_bytes(word.terms),
        f"{prefix}word_idf": word.idf.astype(np.float32),
        f"{prefix}char_terms": _terms_to_bytes(char.terms),
        f"{prefix}char_idf": char.idf.astype(np.float32),
    }


def _urgency_arrays(urgency: UrgencyModel) -> dict[str, np.ndarray]:
    return {
        **_space_arrays(urgency.features, "urgency_"),
        "urgency_weights": urgency.weights.astype(np.float16),
        "urgency_bias": urgency.bias.astype(np.float32),
        "urgency_thresholds": urgency.thresholds.astype(np.float32),
    }


def _combiner_arrays(model: TriageModel) -> dict[str, np.ndarray]:
    if model.combiner is None:
        return {}
    return {
        "combiner_weights": model.combiner.weights.astype(np.float32),
        "combiner_bias": model.combiner.bias.astype(np.float32),
    }


def write_weights(model: TriageModel, path: Path, urgency: UrgencyModel | None = None) -> str:
    """Write the arrays (with those of learnt urgency signals) and return the archive's SHA-256."""
    np.savez_compressed(
        path,
        **_space_arrays(model.features),
        weights=model.weights.astype(np.float16),
        bias=model.bias.astype(np.float32),
        **_combiner_arrays(model),
        **(_urgency_arrays(urgency) if urgency is not None else {}),
    )
    return sha256_of(path)


def save_model(
    model: TriageModel, folder: Path, *, card: str = "", urgency: UrgencyModel | None = None
) -> Path:
    """Write the model folder (created if needed); the metadata names the archive's hash."""
    folder.mkdir(parents=True, exist_ok=True)
    digest = write_weights(model, folder / WEIGHTS_FILE, urgency)
    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "normaliser_version": NORMALISER_VERSION,
        "weights_file": WEIGHTS_FILE,
        "weights_sha256": digest,
        "features": model.features.settings.as_dict(),
        "heads": [
            {"task": head.task, "classes": list(head.classes), "start": head.start}
            for head in model.heads.values()
        ],
        "metadata": model.metadata,
    }
    if model.combiner is not None:
        settings = model.combiner.cue_settings
        document["cues"] = {**settings.as_dict(), "names": list(cue_names(settings))}
    if urgency is not None:
        document["urgency"] = urgency.describe()
    text = json.dumps(document, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    (folder / METADATA_FILE).write_text(text, encoding="utf-8")
    if card:
        (folder / CARD_FILE).write_text(card, encoding="utf-8")
    return folder


def _read_metadata(folder: Path) -> dict[str, object]:
    path = folder / METADATA_FILE
    if not path.is_file():
        raise ModelFileError(f"{folder} is not a triage model folder: {METADATA_FILE} is missing")
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ModelFileError(f"{path} is not valid JSON: {error}") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ModelFileError(f"{path} does not describe a Brandwache triage model")
    if document.get("format_version") not in READABLE_VERSIONS:
        raise ModelFileError(
            f"{path} has format version {document.get('format_version')!r}; "
            f"this Brandwache reads versions {', '.join(map(str, READABLE_VERSIONS))}: "
            "train the model again"
        )
    cues = document.get("cues")
    if isinstance(cues, dict) and cues.get("version") != CUES_VERSION:
        raise ModelFileError(
            f"{path} was trained with cues version {cues.get('version')!r}, this Brandwache "
            f"uses {CUES_VERSION}: train the model again"
        )
    if document.get("normaliser_version") != NORMALISER_VERSION:
        raise ModelFileError(
            f"{path} was trained with text normalisation version "
            f"{document.get('normaliser_version')!r}, this Brandwache uses {NORMALISER_VERSION}: "
            "train the model again"
        )
    return document


def _verified_weights(folder: Path, document: dict[str, object]) -> Path:
    """The weights archive named in the metadata, after checking it is there and unchanged."""
    weights_path = folder / str(document.get("weights_file", WEIGHTS_FILE))
    if weights_path.parent != folder or not weights_path.is_file():
        raise ModelFileError(f"the weights file {weights_path.name} is missing in {folder}")
    if sha256_of(weights_path) != document.get("weights_sha256"):
        raise ModelFileError(
            f"{weights_path} does not match the SHA-256 in {METADATA_FILE}: "
            "the file is damaged or was replaced"
        )
    return weights_path


def _read_arrays(weights_path: Path, names: tuple[str, ...]) -> dict[str, np.ndarray]:
    """The named arrays of a verified weights archive; a missing one is an error."""
    try:
        with np.load(weights_path, allow_pickle=False) as archive:
            missing = [name for name in names if name not in archive.files]
            if missing:
                raise ModelFileError(f"{weights_path} lacks the arrays {', '.join(missing)}")
            return {name: archive[name] for name in names}
    except (OSError, ValueError) as error:
        raise ModelFileError(f"{weights_path} cannot be read as a model archive: {error}") from None


def load_model(folder: Path | str) -> TriageModel:
    """Read and verify a model folder."""
    folder = Path(folder)
    document = _read_metadata(folder)
    cues = document.get("cues")
    arrays = _read_arrays(
        _verified_weights(folder, document), ARRAYS + (COMBINER_ARRAYS if cues else ())
    )
    try:
        combiner = None
        if cues:
            combiner = Combiner(
                CueSettings.from_dict(cues),  # type: ignore[arg-type]
                arrays["combiner_weights"],
                arrays["combiner_bias"],
            )
        space = FeatureSpace(
            FeatureSettings.from_dict(document["features"]),  # type: ignore[arg-type]
            {
                "word": (_terms_from_bytes(arrays["word_terms"]), arrays["word_idf"]),
                "char": (_terms_from_bytes(arrays["char_terms"]), arrays["char_idf"]),
            },
        )
        heads = {
            str(item["task"]): Head(str(item["task"]), tuple(item["classes"]), int(item["start"]))
            for item in document["heads"]  # type: ignore[attr-defined]
        }
        return TriageModel(
            features=space,
            heads=heads,
            weights=arrays["weights"],
            bias=arrays["bias"],
            metadata=dict(document.get("metadata") or {}),  # type: ignore[call-overload]
            combiner=combiner,
        )
    except (KeyError, TypeError, ValueError, UnicodeDecodeError) as error:
        raise ModelFileError(f"{folder} holds a model whose parts do not fit: {error}") from None


def load_urgency(folder: Path | str) -> UrgencyModel | None:
    """The learnt urgency signals of a model folder, or None when it has none (rules only)."""
    folder = Path(folder)
    document = _read_metadata(folder)
    description = document.get("urgency")
    if not description:
        return None
    stored = _read_arrays(_verified_weights(folder, document), URGENCY_ARRAYS)
    arrays = {name.removeprefix("urgency_"): array for name, array in stored.items()}
    try:
        space = FeatureSpace(
            FeatureSettings.from_dict(description["features"]),  # type: ignore[index]
            {
                "word": (_terms_from_bytes(arrays["word_terms"]), arrays["word_idf"]),
                "char": (_terms_from_bytes(arrays["char_terms"]), arrays["char_idf"]),
            },
        )
        return UrgencyModel(
            features=space,
            signals=tuple(str(s) for s in description["signals"]),  # type: ignore[index]
            weights=arrays["weights"],
            bias=arrays["bias"],
            thresholds=arrays["thresholds"],
        )
    except (KeyError, TypeError, ValueError, UnicodeDecodeError) as error:
        raise ModelFileError(
            f"{folder} holds urgency signals whose parts do not fit: {error}"
        ) from None
