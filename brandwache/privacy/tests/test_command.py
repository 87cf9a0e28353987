"""`brandwache anonymize` reads standard input and writes the anonymised text."""

from __future__ import annotations

import subprocess
import sys


def test_the_command_anonymises_standard_input() -> None:
    text = "Hallo Anna,\nbitte rufen Sie 079 123 45 67 an.\nGruss\nReto Keller\n"
    result = subprocess.run(
        [sys.executable, "-m", "brandwache.cli", "anonymize"],
        input=text.encode(),
        capture_output=True,
        check=True,
        timeout=60,
    )
    assert result.stdout.decode() == "Hallo <NAME>,\nbitte rufen Sie <PHONE> an.\nGruss\n<NAME>\n"


def test_the_command_prints_the_evaluation_per_kind() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "brandwache.cli", "evaluate", "pii"],
        capture_output=True,
        check=True,
        timeout=60,
    )
    output = result.stdout.decode()
    assert "precision" in output and "recall" in output
    assert all(kind in output for kind in ("EMAIL", "IBAN", "NAME", "PLATE"))
