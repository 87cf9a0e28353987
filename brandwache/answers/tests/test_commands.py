"""`brandwache suggest` and `brandwache evaluate-suggestions` from a shell."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_suggest_prints_the_three_best_with_their_scores(knowledge_base, monkeypatch):
    monkeypatch.setattr(
        "sys.stdin", io.StringIO("Mein Velo ist im Zug mitgekommen, braucht es ein Billett?")
    )
    out = io.StringIO()
    call_command("suggest", stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 3
    assert re.match(
        r"1\. 0\.\d{3}  article:velo-mitnahme  Velo und E-Bike im Zug mitnehmen", lines[0]
    )
    scores = [float(line.split()[1]) for line in lines]
    assert scores == sorted(scores, reverse=True)


def test_suggest_takes_the_language_and_refuses_empty_input(knowledge_base, monkeypatch):
    both = "Velo im Zug / bike on the train"
    for language, expected in (("de", "article:velo-mitnahme"), ("en", "article:bikes-on-trains")):
        monkeypatch.setattr("sys.stdin", io.StringIO(both))
        out = io.StringIO()
        call_command("suggest", "--language", language, "--limit", "1", stdout=out)
        assert expected in out.getvalue()
    monkeypatch.setattr("sys.stdin", io.StringIO("  "))
    with pytest.raises(CommandError):
        call_command("suggest")


def test_evaluate_suggestions_prints_accuracy_beside_the_baseline():
    out = io.StringIO()
    call_command("evaluate_suggestions", stdout=out)
    text = out.getvalue()
    assert re.search(r"Brandwache ranking\s+top-1\s+\d+\.\d%\s+top-3\s+\d+\.\d%", text)
    assert "plain TF-IDF baseline" in text
