"""Reader of the GermEval 2017 XML format (`<Documents><Document id=...><relevance>...`).

The files are CC BY-NC 4.0: Brandwache reads them for evaluation and for training at the
user's own choice, and never ships them or a model trained on them.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path

from .dataset import DataError, Example

LICENCE = "CC BY-NC 4.0"
SENTIMENTS = ("negative", "neutral", "positive")


def read_germeval(path: Path | str) -> list[Example]:
    """Every document with its text, relevance ("relevant"/"irrelevant") and sentiment."""
    path = Path(path)
    try:
        # The operator's own file; expat refuses entity expansion attacks and ElementTree
        # resolves no external entities.
        root = ElementTree.parse(path).getroot()  # noqa: S314
    except (ElementTree.ParseError, OSError) as error:
        raise DataError(f"{path} cannot be read as GermEval XML: {error}") from None
    if root.tag != "Documents":
        raise DataError(f"{path} is not in the GermEval format: the root is <{root.tag}>")
    examples = []
    for number, document in enumerate(root.iter("Document"), 1):
        relevance = (document.findtext("relevance") or "").strip().lower()
        sentiment = (document.findtext("sentiment") or "").strip().lower()
        text = document.findtext("text") or ""
        if relevance not in ("true", "false") or sentiment not in SENTIMENTS:
            raise DataError(
                f"{path}, document {number} ({document.get('id', '')}): relevance "
                f"{relevance!r} or sentiment {sentiment!r} is not a GermEval label"
            )
        labels = {
            "relevance": "relevant" if relevance == "true" else "irrelevant",
            "sentiment": sentiment,
        }
        examples.append(Example(text, "de", labels, source=path.name))
    if not examples:
        raise DataError(f"{path} holds no GermEval documents")
    return examples
